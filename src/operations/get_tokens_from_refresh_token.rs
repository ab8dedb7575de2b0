//! `GetTokensFromRefreshToken`: new tokens for a refresh token. With refresh token rotation on for
//! the app client, it is the only way to refresh, and the reply carries a new refresh token that
//! replaces the one sent.

use crate::core::declaration::{optional, required, Declaration, Repeat, Rule, Text, STRING_MAP};
use crate::core::shape::{opt, Shape};
use crate::model::{AuthenticationResultType, ResponseMetadata, StringMap, AUTHENTICATION_RESULT};
use serde::{Deserialize, Serialize};
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "GetTokensFromRefreshToken",
    input: &[
        required("RefreshToken", Rule::Text(Text::Token)).secret(),
        required("ClientId", Rule::Text(Text::ClientId)),
        optional("ClientSecret", Rule::Text(Text::ClientSecret)).secret(),
        optional("DeviceKey", Rule::Text(Text::DeviceKey)),
        optional("ClientMetadata", STRING_MAP),
    ],
    output: &Shape::Object(&[opt("AuthenticationResult", AUTHENTICATION_RESULT)]),
    // Under rotation the first request to arrive replaces the refresh token. A second one (after a
    // lost reply) presents the old token: within the app client's grace period the service answers
    // with tokens again, after it with `RefreshTokenReuseException`. So it is sent again only after a
    // reply that proves nothing happened; the caller, who holds the token, decides the rest.
    repeat: Repeat::Once,
};

/// `GetTokensFromRefreshToken` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct GetTokensFromRefreshTokenRequest {
    /// The refresh token from sign-in (or from the last rotation).
    pub refresh_token: String,
    /// The app client id.
    pub client_id: String,
    /// The app client's secret, for a client that has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// The remembered device's key, when device tracking is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_key: Option<String>,
    /// Passed to the pre-token-generation Lambda trigger; not stored, not encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "npm", tsify(type = "Record<string, string>"))]
    pub client_metadata: Option<StringMap>,
}

/// `GetTokensFromRefreshToken` output.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct GetTokensFromRefreshTokenResponse {
    /// The new tokens; with rotation on, `RefreshToken` is the one to keep (the old one stops
    /// working after the grace period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_result: Option<AuthenticationResultType>,
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

operation_error!(
    /// Errors of `GetTokensFromRefreshToken`.
    GetTokensFromRefreshTokenError {
        ForbiddenException,
        InternalErrorException,
        InvalidLambdaResponseException,
        InvalidParameterException,
        NotAuthorizedException,
        OperationNotEnabledException,
        RefreshTokenReuseException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UnexpectedLambdaException,
        UserLambdaValidationException,
        UserNotFoundException,
    }
);

operation!(
    GetTokensFromRefreshTokenRequest => GetTokensFromRefreshTokenResponse, GetTokensFromRefreshTokenError,
    npm "getTokensFromRefreshToken", "New tokens for a refresh token (with rotation, a new refresh token too)."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shape::tests::agree;
    use crate::operations::errors::tests::service;
    use crate::operations::tests::{body, invalid, npm_body};
    use serde_json::json;

    fn input() -> GetTokensFromRefreshTokenRequest {
        GetTokensFromRefreshTokenRequest {
            refresh_token: "eyJjdHkiOiJKV1QiLCJlbmMiOi.r3fresh.x-y_z".into(),
            client_id: "abc".into(),
            client_secret: Some("s3cret".repeat(4)),
            device_key: Some("us-east-1_0a1b2c3d-4e5f".into()),
            client_metadata: None,
        }
    }

    #[test]
    fn both_faces_encode_the_same_body() {
        let expected = json!({"RefreshToken": "eyJjdHkiOiJKV1QiLCJlbmMiOi.r3fresh.x-y_z", "ClientId": "abc", "ClientSecret": "s3cret".repeat(4), "DeviceKey": "us-east-1_0a1b2c3d-4e5f"});
        assert_eq!(body(&input()), expected);
        let text = format!(
            r#"{{"DeviceKey":"us-east-1_0a1b2c3d-4e5f","ClientSecret":"{}","ClientId":"abc","RefreshToken":"eyJjdHkiOiJKV1QiLCJlbmMiOi.r3fresh.x-y_z"}}"#,
            "s3cret".repeat(4)
        );
        assert_eq!(npm_body::<GetTokensFromRefreshTokenRequest>(&text), Ok(expected));
    }

    #[test]
    fn the_refresh_token_and_the_client_secret_are_secrets_and_it_is_not_repeated() {
        let request = crate::operations::prepare(&input()).ok().unwrap();
        assert_eq!(request.secrets, [input().refresh_token, "s3cret".repeat(4)]);
        assert!(!request.repeatable);
        let shown = format!("{:?}", input());
        assert!(!shown.contains("r3fresh") && !shown.contains("s3cret"), "{shown}");
    }

    #[test]
    fn rules() {
        for (field, bad) in [
            ("RefreshToken", GetTokensFromRefreshTokenRequest { refresh_token: "".into(), ..input() }),
            ("RefreshToken", GetTokensFromRefreshTokenRequest { refresh_token: "a/b".into(), ..input() }),
            ("ClientSecret", GetTokensFromRefreshTokenRequest { client_secret: Some("short".into()), ..input() }),
            ("DeviceKey", GetTokensFromRefreshTokenRequest { device_key: Some("no-underscore".into()), ..input() }),
        ] {
            assert_eq!(invalid(&bad), field);
        }
    }

    #[test]
    fn output_and_errors() {
        let out: GetTokensFromRefreshTokenResponse = agree(
            DECLARATION.output,
            r#"{"AuthenticationResult":{"AccessToken":"a.b.c","ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"n3w-refresh","IdToken":"i.d.t"}}"#,
        )
        .unwrap();
        let tokens = out.authentication_result.clone().unwrap();
        assert_eq!(tokens.refresh_token.as_deref(), Some("n3w-refresh"));
        assert!(!format!("{out:?}").contains("n3w"));
        assert!(agree::<GetTokensFromRefreshTokenResponse>(DECLARATION.output, r#"{"AuthenticationResult":"x"}"#).is_err());
        assert!(matches!(
            GetTokensFromRefreshTokenError::from(service("RefreshTokenReuseException")),
            GetTokensFromRefreshTokenError::RefreshTokenReuseException(_)
        ));
    }
}
