//! `ConfirmSignUp`: confirms a new account with the code the pool sent at sign-up, which also
//! verifies the email or phone the code went to.

use crate::core::declaration::{optional, required, Declaration, Repeat, Rule, Text, STRING_MAP};
use crate::core::shape::{opt, Shape};
use crate::model::{ResponseMetadata, StringMap};
use serde::{Deserialize, Serialize};
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "ConfirmSignUp",
    input: &[
        required("ClientId", Rule::Text(Text::ClientId)),
        optional("SecretHash", Rule::Text(Text::SecretHash)).secret(),
        required("Username", Rule::Text(Text::Username)),
        required("ConfirmationCode", Rule::Text(Text::Code)).secret(),
        optional("ForceAliasCreation", Rule::Bool),
        optional("ClientMetadata", STRING_MAP),
        optional("Session", Rule::Text(Text::Session)).secret(),
    ],
    output: &Shape::Object(&[opt("Session", Shape::String).secret()]),
    // It checks a code (a failed count) and uses it up: a second request after one that worked
    // fails (`NotAuthorizedException`: already confirmed) and hides the success.
    repeat: Repeat::Once,
};

/// `ConfirmSignUp` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ConfirmSignUpRequest {
    /// The app client id.
    pub client_id: String,
    /// For an app client with a secret: Base64 of HMAC-SHA256(client secret, username + client id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
    /// The username given to `SignUp`.
    pub username: String,
    /// The code the user received.
    pub confirmation_code: String,
    /// Confirm even if another user has this email or phone as an alias: the alias moves to this
    /// user. Without it, that case fails with `AliasExistsException`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_alias_creation: Option<bool>,
    /// Passed to the Lambda triggers; not stored, not encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "npm", tsify(type = "Record<string, string>"))]
    pub client_metadata: Option<StringMap>,
    /// The `Session` that `SignUp` returned, to sign in right after (passwordless pools).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// `ConfirmSignUp` output.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ConfirmSignUpResponse {
    /// A session for `InitiateAuth` with `USER_AUTH`, when the request carried one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

operation_error!(
    /// Errors of `ConfirmSignUp`.
    ConfirmSignUpError {
        AliasExistsException,
        CodeMismatchException,
        ExpiredCodeException,
        ForbiddenException,
        InternalErrorException,
        InvalidLambdaResponseException,
        InvalidParameterException,
        LimitExceededException,
        NotAuthorizedException,
        OperationNotEnabledException,
        ResourceNotFoundException,
        TooManyFailedAttemptsException,
        TooManyRequestsException,
        UnexpectedLambdaException,
        UserLambdaValidationException,
        UserNotFoundException,
    }
);

operation!(
    ConfirmSignUpRequest => ConfirmSignUpResponse, ConfirmSignUpError,
    npm "confirmSignUp", "Confirms a new account with the code sent at sign-up."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shape::tests::agree;
    use crate::operations::tests::{body, invalid, npm_body};
    use serde_json::json;

    fn input() -> ConfirmSignUpRequest {
        ConfirmSignUpRequest {
            client_id: "abc".into(),
            username: "ana".into(),
            confirmation_code: "123456".into(),
            force_alias_creation: Some(false),
            session: Some("s".repeat(20)),
            ..Default::default()
        }
    }

    #[test]
    fn both_faces_encode_the_same_body() {
        let expected = json!({"ClientId": "abc", "Username": "ana", "ConfirmationCode": "123456", "ForceAliasCreation": false, "Session": "s".repeat(20)});
        assert_eq!(body(&input()), expected);
        let text = format!(
            r#"{{"Session":"{}","ForceAliasCreation":false,"ConfirmationCode":"123456","Username":"ana","ClientId":"abc"}}"#,
            "s".repeat(20)
        );
        assert_eq!(npm_body::<ConfirmSignUpRequest>(&text), Ok(expected));
        let forced = r#"{"ClientId":"abc","Username":"ana","ConfirmationCode":"1","ForceAliasCreation":true}"#;
        assert_eq!(npm_body::<ConfirmSignUpRequest>(forced).unwrap()["ForceAliasCreation"], json!(true));
    }

    #[test]
    fn the_code_and_the_session_are_secrets_and_it_is_not_repeated() {
        let request = crate::operations::prepare(&input()).ok().unwrap();
        assert_eq!(request.secrets, ["123456".to_owned(), "s".repeat(20)]);
        assert!(!request.repeatable);
        let shown = format!("{:?}", input());
        assert!(!shown.contains("123456") && !shown.contains("sssss"), "{shown}");
    }

    #[test]
    fn rules() {
        for (field, bad) in [
            ("ConfirmationCode", ConfirmSignUpRequest { confirmation_code: "12 34".into(), ..input() }),
            ("ConfirmationCode", ConfirmSignUpRequest { confirmation_code: "".into(), ..input() }),
            ("Session", ConfirmSignUpRequest { session: Some("short".into()), ..input() }),
            ("Username", ConfirmSignUpRequest { username: "a\tb".into(), ..input() }),
        ] {
            assert_eq!(invalid(&bad), field);
        }
        let text = r#"{"ClientId":"abc","Username":"ana","ConfirmationCode":"1","ForceAliasCreation":"yes"}"#;
        assert_eq!(npm_body::<ConfirmSignUpRequest>(text), Err("ForceAliasCreation".to_owned()));
    }

    #[test]
    fn output_shape_and_type_agree() {
        agree::<ConfirmSignUpResponse>(DECLARATION.output, "{}").unwrap();
        let out: ConfirmSignUpResponse = agree(DECLARATION.output, r#"{"Session":"s3ssion-0123456789abc"}"#).unwrap();
        assert!(!format!("{out:?}").contains("s3ssion"));
        assert!(agree::<ConfirmSignUpResponse>(DECLARATION.output, r#"{"Session":5}"#).is_err());
    }
}
