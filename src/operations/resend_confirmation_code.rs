//! `ResendConfirmationCode`: sends a new sign-up confirmation code to a user who is not confirmed
//! yet.

use crate::core::declaration::{optional, required, Declaration, Repeat, Rule, Text, STRING_MAP};
use crate::core::shape::{opt, Shape};
use crate::model::{CodeDeliveryDetailsType, ResponseMetadata, StringMap, CODE_DELIVERY_DETAILS};
use serde::{Deserialize, Serialize};
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "ResendConfirmationCode",
    input: &[
        required("ClientId", Rule::Text(Text::ClientId)),
        optional("SecretHash", Rule::Text(Text::SecretHash)).secret(),
        required("Username", Rule::Text(Text::Username)),
        optional("ClientMetadata", STRING_MAP),
    ],
    output: &Shape::Object(&[opt("CodeDeliveryDetails", CODE_DELIVERY_DETAILS)]),
    // A second request sends a second code, which counts toward `LimitExceededException`.
    repeat: Repeat::Once,
};

/// `ResendConfirmationCode` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ResendConfirmationCodeRequest {
    /// The app client id.
    pub client_id: String,
    /// For an app client with a secret: Base64 of HMAC-SHA256(client secret, username + client id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
    /// The username given to `SignUp`.
    pub username: String,
    /// Passed to the custom-message Lambda trigger; not stored, not encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "npm", tsify(type = "Record<string, string>"))]
    pub client_metadata: Option<StringMap>,
}

/// `ResendConfirmationCode` output.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ResendConfirmationCodeResponse {
    /// Where the new code went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_delivery_details: Option<CodeDeliveryDetailsType>,
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

operation_error!(
    /// Errors of `ResendConfirmationCode`.
    ResendConfirmationCodeError {
        CodeDeliveryFailureException,
        ForbiddenException,
        InternalErrorException,
        InvalidEmailRoleAccessPolicyException,
        InvalidLambdaResponseException,
        InvalidParameterException,
        InvalidSmsRoleAccessPolicyException,
        InvalidSmsRoleTrustRelationshipException,
        LimitExceededException,
        NotAuthorizedException,
        OperationNotEnabledException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UnexpectedLambdaException,
        UserLambdaValidationException,
        UserNotFoundException,
    }
);

operation!(
    ResendConfirmationCodeRequest => ResendConfirmationCodeResponse, ResendConfirmationCodeError,
    npm "resendConfirmationCode", "Sends a new sign-up confirmation code."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shape::tests::agree;
    use crate::operations::tests::{body, invalid, npm_body};
    use serde_json::json;

    fn input() -> ResendConfirmationCodeRequest {
        ResendConfirmationCodeRequest {
            client_id: "abc".into(),
            username: "ana".into(),
            secret_hash: Some("h4sh=".into()),
            ..Default::default()
        }
    }

    #[test]
    fn both_faces_encode_the_same_body_and_it_is_not_repeated() {
        let expected = json!({"ClientId": "abc", "SecretHash": "h4sh=", "Username": "ana"});
        assert_eq!(body(&input()), expected);
        let text = r#"{"Username":"ana","SecretHash":"h4sh=","ClientId":"abc"}"#;
        assert_eq!(npm_body::<ResendConfirmationCodeRequest>(text), Ok(expected));
        let request = crate::operations::prepare(&input()).ok().unwrap();
        assert_eq!(request.secrets, ["h4sh="]);
        assert!(!request.repeatable);
        assert!(!format!("{:?}", input()).contains("h4sh"));
    }

    #[test]
    fn rules_and_output() {
        let bad = ResendConfirmationCodeRequest { username: "".into(), ..input() };
        assert_eq!(invalid(&bad), "Username");
        assert_eq!(npm_body::<ResendConfirmationCodeRequest>(r#"{"Username":"ana"}"#), Err("ClientId".to_owned()));
        let out: ResendConfirmationCodeResponse = agree(
            DECLARATION.output,
            r#"{"CodeDeliveryDetails":{"DeliveryMedium":"SMS","Destination":"+*******0100","AttributeName":"phone_number"}}"#,
        )
        .unwrap();
        assert_eq!(out.code_delivery_details.unwrap().destination.as_deref(), Some("+*******0100"));
        assert!(agree::<ResendConfirmationCodeResponse>(DECLARATION.output, r#"{"CodeDeliveryDetails":"x"}"#).is_err());
    }
}
