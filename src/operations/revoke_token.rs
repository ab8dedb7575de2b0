//! `RevokeToken`: revokes a refresh token, and the access and ID tokens issued with it: the
//! sign-out that ends the session, not only this page's copy of it.

use crate::core::declaration::{optional, required, Declaration, Repeat, Rule, Text};
use crate::core::shape::Shape;
use crate::model::ResponseMetadata;
use serde::{Deserialize, Serialize};
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "RevokeToken",
    input: &[
        required("Token", Rule::Text(Text::Token)).secret(),
        required("ClientId", Rule::Text(Text::ClientId)),
        optional("ClientSecret", Rule::Text(Text::ClientSecret)).secret(),
    ],
    output: &Shape::Object(&[]),
    // Revoking a revoked token succeeds again: harmless to repeat.
    repeat: Repeat::Safe,
};

/// `RevokeToken` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct RevokeTokenRequest {
    /// The refresh token to revoke (an access token gets `UnsupportedTokenTypeException`).
    pub token: String,
    /// The app client the token was issued to.
    pub client_id: String,
    /// The app client's secret, for a client that has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

/// `RevokeToken` output (nothing but the metadata).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
pub struct RevokeTokenResponse {
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

operation_error!(
    /// Errors of `RevokeToken`. `UnsupportedOperationException`: token revocation is off for
    /// the app client; `UnsupportedTokenTypeException`: the token is not a refresh token.
    RevokeTokenError {
        ForbiddenException,
        InternalErrorException,
        InvalidParameterException,
        OperationNotEnabledException,
        TooManyRequestsException,
        UnauthorizedException,
        UnsupportedOperationException,
        UnsupportedTokenTypeException,
    }
);

operation!(
    RevokeTokenRequest => RevokeTokenResponse, RevokeTokenError,
    npm "revokeToken", "Revokes a refresh token and the tokens issued with it."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations::errors::tests::service;
    use crate::operations::tests::{body, invalid, npm_body};
    use serde_json::json;

    fn input() -> RevokeTokenRequest {
        RevokeTokenRequest {
            token: "r3fresh.t0ken".into(),
            client_id: "abc".into(),
            client_secret: None,
        }
    }

    #[test]
    fn both_faces_encode_the_same_body_and_it_may_be_repeated() {
        let expected = json!({"Token": "r3fresh.t0ken", "ClientId": "abc"});
        assert_eq!(body(&input()), expected);
        assert_eq!(npm_body::<RevokeTokenRequest>(r#"{"ClientId":"abc","Token":"r3fresh.t0ken"}"#), Ok(expected));
        let request = crate::operations::prepare(&input()).ok().unwrap();
        assert_eq!(request.secrets, ["r3fresh.t0ken"]);
        assert!(request.repeatable);
        assert!(!format!("{:?}", input()).contains("r3fresh"));
    }

    #[test]
    fn rules_and_errors() {
        assert_eq!(invalid(&RevokeTokenRequest { token: "a b".into(), ..input() }), "Token");
        assert_eq!(npm_body::<RevokeTokenRequest>(r#"{"Token":"t"}"#), Err("ClientId".to_owned()));
        for name in ["UnsupportedTokenTypeException", "UnsupportedOperationException", "UnauthorizedException"] {
            assert!(!matches!(RevokeTokenError::from(service(name)), RevokeTokenError::Unhandled(_)), "{name}");
        }
    }
}
