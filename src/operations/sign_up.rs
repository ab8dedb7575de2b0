//! `SignUp`: registers a new user with an app client; the pool usually sends a code to confirm the
//! account (`ConfirmSignUp`) by email or SMS.

use crate::core::declaration::{optional, required, Declaration, Repeat, Rule, Text, STRING_MAP};
use crate::core::shape::{opt, req, Shape};
use crate::model::{
    AttributeType, CodeDeliveryDetailsType, ResponseMetadata, StringMap, CODE_DELIVERY_DETAILS,
};
use serde::{Deserialize, Serialize};
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "SignUp",
    input: &[
        required("ClientId", Rule::Text(Text::ClientId)),
        optional("SecretHash", Rule::Text(Text::SecretHash)).secret(),
        required("Username", Rule::Text(Text::Username)),
        optional("Password", Rule::Text(Text::Password)).secret(),
        optional("UserAttributes", Rule::Attributes { non_empty: false }),
        optional("ValidationData", Rule::Attributes { non_empty: false }),
        optional("ClientMetadata", STRING_MAP),
    ],
    output: &Shape::Object(&[
        req("UserConfirmed", Shape::Bool),
        opt("CodeDeliveryDetails", CODE_DELIVERY_DETAILS),
        req("UserSub", Shape::String),
        opt("Session", Shape::String).secret(),
    ]),
    // It creates the user and sends a code: a second request, after one that worked, would fail
    // with `UsernameExistsException` and hide the success.
    repeat: Repeat::Once,
};

/// `SignUp` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct SignUpRequest {
    /// The app client id.
    pub client_id: String,
    /// For an app client with a secret: Base64 of HMAC-SHA256(client secret, username + client id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
    /// The username, or the email or phone number where the pool signs users in with those.
    pub username: String,
    /// The password; pools that allow passwordless sign-in accept none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Attributes of the new user, e.g. `email`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_attributes: Option<Vec<AttributeType>>,
    /// Passed to the pre-sign-up Lambda trigger only; not stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation_data: Option<Vec<AttributeType>>,
    /// Passed to the Lambda triggers; not stored, not encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "npm", tsify(type = "Record<string, string>"))]
    pub client_metadata: Option<StringMap>,
}

/// `SignUp` output.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct SignUpResponse {
    /// Whether the user is already confirmed (a Lambda trigger or the pool confirmed them); else
    /// confirm with `ConfirmSignUp`.
    pub user_confirmed: bool,
    /// Where the confirmation code went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_delivery_details: Option<CodeDeliveryDetailsType>,
    /// The new user's `sub`.
    pub user_sub: String,
    /// A session for signing in right after confirming (passwordless pools).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

operation_error!(
    /// Errors of `SignUp`.
    SignUpError {
        CodeDeliveryFailureException,
        ForbiddenException,
        InternalErrorException,
        InvalidEmailRoleAccessPolicyException,
        InvalidLambdaResponseException,
        InvalidParameterException,
        InvalidPasswordException,
        InvalidSmsRoleAccessPolicyException,
        InvalidSmsRoleTrustRelationshipException,
        LimitExceededException,
        NotAuthorizedException,
        OperationNotEnabledException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UnexpectedLambdaException,
        UserLambdaValidationException,
        UsernameExistsException,
    }
);

operation!(
    SignUpRequest => SignUpResponse, SignUpError,
    npm "signUp", "Registers a new user; the pool sends a code to confirm the account."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shape::tests::agree;
    use crate::operations::tests::{body, invalid, npm_body};
    use serde_json::json;

    fn input() -> SignUpRequest {
        SignUpRequest {
            client_id: "abc".into(),
            username: "ana@example.com".into(),
            password: Some("Pa55-word!".into()),
            user_attributes: Some(vec![AttributeType {
                name: "email".into(),
                value: "ana@example.com".into(),
            }]),
            secret_hash: Some("aGFzaA==".into()),
            ..Default::default()
        }
    }

    #[test]
    fn both_faces_encode_the_same_body() {
        let expected = json!({"ClientId": "abc", "SecretHash": "aGFzaA==", "Username": "ana@example.com", "Password": "Pa55-word!", "UserAttributes": [{"Name": "email", "Value": "ana@example.com"}]});
        assert_eq!(body(&input()), expected);
        let text = r#"{"Username":"ana@example.com","Password":"Pa55-word!","ClientId":"abc","SecretHash":"aGFzaA==","UserAttributes":[{"Name":"email","Value":"ana@example.com"}]}"#;
        assert_eq!(npm_body::<SignUpRequest>(text), Ok(expected));
        // No password (passwordless pools) and no attributes are fine; so is an empty list.
        let bare = r#"{"ClientId":"abc","Username":"ana","ValidationData":[]}"#;
        assert_eq!(
            npm_body::<SignUpRequest>(bare),
            Ok(json!({"ClientId": "abc", "Username": "ana", "ValidationData": []}))
        );
    }

    #[test]
    fn the_password_and_the_secret_hash_are_secrets() {
        let request = crate::operations::prepare(&input()).ok().unwrap();
        assert_eq!(request.secrets, ["aGFzaA==", "Pa55-word!"]);
        let shown = format!("{:?}", input());
        assert!(!shown.contains("Pa55") && !shown.contains("aGFzaA"), "{shown}");
        assert!(shown.contains("ana@example.com"), "{shown}");
        assert!(!request.repeatable);
    }

    #[test]
    fn rules() {
        for (field, bad) in [
            ("Username", SignUpRequest { username: "".into(), ..input() }),
            ("Username", SignUpRequest { username: "ana smith".into(), ..input() }),
            ("Username", SignUpRequest { username: "u".repeat(129), ..input() }),
            ("Password", SignUpRequest { password: Some("pass word".into()), ..input() }),
            ("Password", SignUpRequest { password: Some("p".repeat(257)), ..input() }),
            ("Password", SignUpRequest { password: Some("".into()), ..input() }),
            ("SecretHash", SignUpRequest { secret_hash: Some("a-b".into()), ..input() }),
            ("ClientId", SignUpRequest { client_id: "a.b".into(), ..input() }),
        ] {
            assert_eq!(invalid(&bad), field);
        }
        for (text, field) in [
            (r#"{"ClientId":"abc"}"#, "Username"),
            (r#"{"ClientId":"abc","Username":"u","UserAttributes":[{"Value":"x"}]}"#, "UserAttributes[0].Name"),
            (r#"{"ClientId":"abc","Username":"u","ValidationData":{"a":"b"}}"#, "ValidationData"),
        ] {
            assert_eq!(npm_body::<SignUpRequest>(text), Err(field.to_owned()), "{text}");
        }
    }

    #[test]
    fn output_shape_and_type_agree_and_debug_hides_the_session() {
        let out: SignUpResponse = agree(
            DECLARATION.output,
            r#"{"UserConfirmed":false,"UserSub":"5f1c","CodeDeliveryDetails":{"DeliveryMedium":"EMAIL","Destination":"a***@e***","AttributeName":"email"},"Session":"s3ssion-secret-0123456789"}"#,
        )
        .unwrap();
        assert!(!out.user_confirmed);
        let shown = format!("{out:?}");
        assert!(!shown.contains("s3ssion") && shown.contains("5f1c"), "{shown}");
        for bad in [r#"{"UserSub":"s"}"#, r#"{"UserConfirmed":"false","UserSub":"s"}"#, r#"{"UserConfirmed":true}"#] {
            assert!(agree::<SignUpResponse>(DECLARATION.output, bad).is_err(), "{bad}");
        }
    }
}
