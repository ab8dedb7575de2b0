//! `VerifyUserAttribute`: verifies an attribute of the signed-in user with the code they received.

use crate::core::declaration::{Text, required, Declaration, Repeat, Rule};
use crate::core::shape::Shape;
use crate::model::ResponseMetadata;
use serde::{Deserialize, Serialize};
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "VerifyUserAttribute",
    input: &[
        required("AccessToken", Rule::Text(Text::AccessToken)).secret(),
        required("AttributeName", Rule::Text(Text::AttributeName)),
        required("Code", Rule::Text(Text::Code)).secret(),
    ],
    output: &Shape::Object(&[]),
    // A code is used up by its first success: a second request would fail with
    // `CodeMismatchException` after a verify that worked.
    repeat: Repeat::Once,
};

/// `VerifyUserAttribute` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct VerifyUserAttributeRequest {
    /// The signed-in user's access token.
    pub access_token: String,
    /// The attribute being verified, e.g. `email`.
    pub attribute_name: String,
    /// The code the user received.
    pub code: String,
}

/// `VerifyUserAttribute` output (nothing but the metadata).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
pub struct VerifyUserAttributeResponse {
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

operation_error!(
    /// Errors of `VerifyUserAttribute`.
    VerifyUserAttributeError {
        AliasExistsException,
        CodeMismatchException,
        ExpiredCodeException,
        ForbiddenException,
        InternalErrorException,
        InvalidParameterException,
        LimitExceededException,
        NotAuthorizedException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UserNotConfirmedException,
        UserNotFoundException,
    }
);

operation!(
    VerifyUserAttributeRequest => VerifyUserAttributeResponse, VerifyUserAttributeError,
    npm "verifyUserAttribute", "Verifies an attribute with the code the user received."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shape::tests::agree;
    use crate::operations::errors::tests::service;
    use crate::operations::tests::{body, invalid, npm_body};
    use serde_json::json;

    fn input() -> VerifyUserAttributeRequest {
        VerifyUserAttributeRequest {
            access_token: "a.b.c".into(),
            attribute_name: "email".into(),
            code: "123456".into(),
        }
    }

    #[test]
    fn both_faces_encode_the_same_body() {
        let expected = json!({"AccessToken": "a.b.c", "AttributeName": "email", "Code": "123456"});
        assert_eq!(body(&input()), expected);
        let text = r#"{"Code":"123456","AccessToken":"a.b.c","AttributeName":"email"}"#;
        assert_eq!(npm_body::<VerifyUserAttributeRequest>(text), Ok(expected));
    }

    #[test]
    fn rules() {
        for code in ["", "12 34", "12\n", &"9".repeat(2049)] {
            let bad = VerifyUserAttributeRequest {
                code: code.into(),
                ..input()
            };
            assert_eq!(invalid(&bad), "Code", "{code:?}");
        }
        assert_eq!(
            npm_body::<VerifyUserAttributeRequest>(r#"{"AccessToken":"a.b.c","AttributeName":"email"}"#),
            Err("Code".to_owned())
        );
        assert_eq!(
            npm_body::<VerifyUserAttributeRequest>(r#"{"AccessToken":"a.b.c","AttributeName":"email","Code":123456}"#),
            Err("Code".to_owned())
        );
    }

    #[test]
    fn debug_hides_the_token_and_the_code() {
        let shown = format!("{:?}", input());
        assert!(shown.contains(r#"AccessToken: "***""#) && !shown.contains("a.b.c"), "{shown}");
        assert!(shown.contains(r#"Code: "***""#) && !shown.contains("123456"), "{shown}");
        let request = crate::operations::prepare(&input()).ok().unwrap();
        assert_eq!(request.secrets, ["a.b.c", "123456"]);
    }

    #[test]
    fn output_and_errors() {
        agree::<VerifyUserAttributeResponse>(DECLARATION.output, r#"{"Extra":1}"#).unwrap();
        assert_eq!(
            agree::<VerifyUserAttributeResponse>(DECLARATION.output, "5").unwrap_err(),
            "the body must be an object"
        );
        for name in ["CodeMismatchException", "ExpiredCodeException", "AliasExistsException"] {
            let err = VerifyUserAttributeError::from(service(name));
            assert!(!matches!(err, VerifyUserAttributeError::Unhandled(_)), "{name}");
        }
    }
}
