//! `GetUserAttributeVerificationCode`: sends the signed-in user a code to verify an attribute
//! (`email`, `phone_number`).

use crate::core::declaration::{Text, optional, required, Declaration, Repeat, Rule, STRING_MAP};
use crate::core::shape::{opt, Shape};
use crate::model::{CodeDeliveryDetailsType, ResponseMetadata, StringMap, CODE_DELIVERY_DETAILS};
use serde::{Deserialize, Serialize};
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "GetUserAttributeVerificationCode",
    input: &[
        required("AccessToken", Rule::Text(Text::AccessToken)).secret(),
        required("AttributeName", Rule::Text(Text::AttributeName)),
        optional("ClientMetadata", STRING_MAP),
    ],
    output: &Shape::Object(&[opt("CodeDeliveryDetails", CODE_DELIVERY_DETAILS)]),
    // A second request sends a second code, which counts toward `LimitExceededException`.
    repeat: Repeat::Once,
};

/// `GetUserAttributeVerificationCode` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct GetUserAttributeVerificationCodeRequest {
    /// The signed-in user's access token (scope `aws.cognito.signin.user.admin`).
    pub access_token: String,
    /// The attribute to verify, e.g. `email` or `phone_number`.
    pub attribute_name: String,
    /// Passed to the custom-message Lambda trigger; not stored, not encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "npm", tsify(type = "Record<string, string>"))]
    pub client_metadata: Option<StringMap>,
}

/// `GetUserAttributeVerificationCode` output.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct GetUserAttributeVerificationCodeResponse {
    /// Where the code went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_delivery_details: Option<CodeDeliveryDetailsType>,
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

operation_error!(
    /// Errors of `GetUserAttributeVerificationCode`: its 17 documented exceptions.
    GetUserAttributeVerificationCodeError {
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
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UnexpectedLambdaException,
        UserLambdaValidationException,
        UserNotConfirmedException,
        UserNotFoundException,
    }
);

operation!(
    GetUserAttributeVerificationCodeRequest => GetUserAttributeVerificationCodeResponse, GetUserAttributeVerificationCodeError,
    npm "getUserAttributeVerificationCode", "Sends a verification code for an attribute (`email`, `phone_number`) of the signed-in user."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shape::tests::agree;
    use crate::operations::errors::tests::service;
    use crate::operations::tests::{body, invalid, npm_body};
    use serde_json::json;

    fn input() -> GetUserAttributeVerificationCodeRequest {
        GetUserAttributeVerificationCodeRequest {
            access_token: "a.b.c".into(),
            attribute_name: "email".into(),
            client_metadata: None,
        }
    }

    #[test]
    fn both_faces_encode_the_same_body() {
        let mut meta = StringMap::new();
        meta.insert("source".into(), "web".into());
        let full = GetUserAttributeVerificationCodeRequest {
            client_metadata: Some(meta),
            ..input()
        };
        let expected =
            json!({"AccessToken": "a.b.c", "AttributeName": "email", "ClientMetadata": {"source": "web"}});
        assert_eq!(body(&full), expected);
        let text = r#"{"ClientMetadata":{"source":"web"},"AttributeName":"email","AccessToken":"a.b.c","Extra":[1]}"#;
        assert_eq!(npm_body::<GetUserAttributeVerificationCodeRequest>(text), Ok(expected));
        assert_eq!(
            body(&input()),
            json!({"AccessToken": "a.b.c", "AttributeName": "email"})
        );
    }

    #[test]
    fn rules() {
        let bad_token = GetUserAttributeVerificationCodeRequest {
            access_token: "a b".into(),
            ..input()
        };
        assert_eq!(invalid(&bad_token), "AccessToken");
        let long_name = GetUserAttributeVerificationCodeRequest {
            attribute_name: "x".repeat(33),
            ..input()
        };
        assert_eq!(invalid(&long_name), "AttributeName");
        let mut meta = StringMap::new();
        meta.insert("__proto__".into(), "x".into());
        let proto = GetUserAttributeVerificationCodeRequest {
            client_metadata: Some(meta),
            ..input()
        };
        assert_eq!(invalid(&proto), "ClientMetadata.__proto__");
        for (text, field) in [
            (r#"{"AttributeName":"email"}"#, "AccessToken"),
            (r#"{"AccessToken":"a.b.c"}"#, "AttributeName"),
            (
                r#"{"AccessToken":"a.b.c","AttributeName":"email","ClientMetadata":{"a":1}}"#,
                "ClientMetadata.a",
            ),
        ] {
            assert_eq!(
                npm_body::<GetUserAttributeVerificationCodeRequest>(text),
                Err(field.to_owned())
            );
        }
    }

    #[test]
    fn debug_hides_the_token() {
        let shown = format!("{:?}", input());
        assert_eq!(
            shown,
            r#"GetUserAttributeVerificationCodeRequest { AccessToken: "***", AttributeName: "email" }"#
        );
    }

    #[test]
    fn output_shape_and_type_agree() {
        let out: GetUserAttributeVerificationCodeResponse = agree(
            DECLARATION.output,
            r#"{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"d***@e***"}}"#,
        )
        .unwrap();
        let details = out.code_delivery_details.unwrap();
        assert_eq!(details.destination.as_deref(), Some("d***@e***"));
        agree::<GetUserAttributeVerificationCodeResponse>(DECLARATION.output, "{}").unwrap();
        agree::<GetUserAttributeVerificationCodeResponse>(
            DECLARATION.output,
            r#"{"CodeDeliveryDetails":null}"#,
        )
        .unwrap();
        let err = agree::<GetUserAttributeVerificationCodeResponse>(
            DECLARATION.output,
            r#"{"CodeDeliveryDetails":"a string"}"#,
        )
        .unwrap_err();
        assert_eq!(err, "CodeDeliveryDetails must be an object");
    }

    #[test]
    fn all_17_documented_exceptions_have_an_arm() {
        let names = [
            "ResourceNotFoundException",
            "InvalidParameterException",
            "TooManyRequestsException",
            "NotAuthorizedException",
            "UnexpectedLambdaException",
            "UserLambdaValidationException",
            "InvalidLambdaResponseException",
            "InvalidSmsRoleAccessPolicyException",
            "InvalidSmsRoleTrustRelationshipException",
            "InvalidEmailRoleAccessPolicyException",
            "CodeDeliveryFailureException",
            "LimitExceededException",
            "PasswordResetRequiredException",
            "UserNotFoundException",
            "UserNotConfirmedException",
            "InternalErrorException",
            "ForbiddenException",
        ];
        for name in names {
            let err = GetUserAttributeVerificationCodeError::from(service(name));
            assert!(
                !matches!(err, GetUserAttributeVerificationCodeError::Unhandled(_)),
                "{name}"
            );
            assert_eq!(err.code(), name);
        }
    }
}
