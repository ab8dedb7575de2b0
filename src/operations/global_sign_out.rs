//! `GlobalSignOut`: signs the user out of every device: all their refresh tokens are revoked, and
//! the access tokens issued with them stop working.

use crate::core::declaration::{required, Declaration, Repeat, Rule, Text};
use crate::core::shape::Shape;
use crate::model::ResponseMetadata;
use serde::{Deserialize, Serialize};
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "GlobalSignOut",
    input: &[required("AccessToken", Rule::Text(Text::AccessToken)).secret()],
    output: &Shape::Object(&[]),
    // A second request after one that worked carries a revoked token and fails with
    // `NotAuthorizedException`, hiding the success.
    repeat: Repeat::Once,
};

/// `GlobalSignOut` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct GlobalSignOutRequest {
    /// The signed-in user's access token.
    pub access_token: String,
}

/// `GlobalSignOut` output (nothing but the metadata).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
pub struct GlobalSignOutResponse {
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

operation_error!(
    /// Errors of `GlobalSignOut`.
    GlobalSignOutError {
        ForbiddenException,
        InternalErrorException,
        InvalidParameterException,
        NotAuthorizedException,
        OperationNotEnabledException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UserNotConfirmedException,
    }
);

operation!(
    GlobalSignOutRequest => GlobalSignOutResponse, GlobalSignOutError,
    npm "globalSignOut", "Signs the user out everywhere: revokes all their refresh tokens."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::jwt::tests::jwt;
    use crate::operations::tests::{body, invalid};
    use serde_json::json;

    #[test]
    fn the_access_token_is_a_secret_and_it_is_not_repeated() {
        let input = GlobalSignOutRequest { access_token: "a.b.c".into() };
        assert_eq!(body(&input), json!({"AccessToken": "a.b.c"}));
        let request = crate::operations::prepare(&input).ok().unwrap();
        assert_eq!(request.secrets, ["a.b.c"]);
        assert!(!request.repeatable);
        assert!(!format!("{input:?}").contains("a.b.c"));
    }

    #[test]
    fn an_id_token_is_refused_before_the_network() {
        let id = GlobalSignOutRequest { access_token: jwt(r#"{"token_use":"id"}"#) };
        assert_eq!(invalid(&id), "AccessToken");
    }
}
