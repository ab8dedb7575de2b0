//! `UpdateUserAttributes`: changes attributes of the signed-in user; a changed email or phone gets
//! a code to verify it.

use crate::core::declaration::{Text, optional, required, Declaration, Repeat, Rule, STRING_MAP};
use crate::core::shape::{opt, Shape};
use crate::model::{
    AttributeType, CodeDeliveryDetailsType, ResponseMetadata, StringMap, CODE_DELIVERY_DETAILS,
};
use serde::{Deserialize, Serialize};
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "UpdateUserAttributes",
    input: &[
        required("AccessToken", Rule::Text(Text::AccessToken)).secret(),
        required("UserAttributes", Rule::Attributes { non_empty: true }),
        optional("ClientMetadata", STRING_MAP),
    ],
    output: &Shape::Object(&[opt(
        "CodeDeliveryDetailsList",
        Shape::List(&CODE_DELIVERY_DETAILS),
    )]),
    // A changed email or phone gets a code: a second request sends another.
    repeat: Repeat::Once,
};

/// `UpdateUserAttributes` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUserAttributesRequest {
    /// The signed-in user's access token.
    pub access_token: String,
    /// The attributes to change (at least one); a blank value deletes an attribute.
    pub user_attributes: Vec<AttributeType>,
    /// Passed to the Lambda triggers; not stored, not encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "npm", tsify(type = "Record<string, string>"))]
    pub client_metadata: Option<StringMap>,
}

/// `UpdateUserAttributes` output.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUserAttributesResponse {
    /// Where codes went for attributes that need verifying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_delivery_details_list: Option<Vec<CodeDeliveryDetailsType>>,
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

operation_error!(
    /// Errors of `UpdateUserAttributes`.
    UpdateUserAttributesError {
        AliasExistsException,
        CodeDeliveryFailureException,
        CodeMismatchException,
        ExpiredCodeException,
        ForbiddenException,
        InternalErrorException,
        InvalidEmailRoleAccessPolicyException,
        InvalidLambdaResponseException,
        InvalidParameterException,
        InvalidSmsRoleAccessPolicyException,
        InvalidSmsRoleTrustRelationshipException,
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
    UpdateUserAttributesRequest => UpdateUserAttributesResponse, UpdateUserAttributesError,
    npm "updateUserAttributes", "Changes attributes; a changed email or phone gets a code to verify it."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shape::tests::agree;
    use crate::operations::tests::{body, invalid, npm_body};
    use serde_json::json;

    fn attribute(name: &str, value: &str) -> AttributeType {
        AttributeType {
            name: name.into(),
            value: value.into(),
        }
    }

    fn input(attributes: Vec<AttributeType>) -> UpdateUserAttributesRequest {
        UpdateUserAttributesRequest {
            access_token: "a.b.c".into(),
            user_attributes: attributes,
            client_metadata: None,
        }
    }

    #[test]
    fn both_faces_encode_the_same_body() {
        let expected = json!({"AccessToken": "a.b.c", "UserAttributes": [{"Name": "email", "Value": "n@e.w"}]});
        assert_eq!(body(&input(vec![attribute("email", "n@e.w")])), expected);
        let text = r#"{"UserAttributes":[{"Value":"n@e.w","Name":"email","X":1}],"AccessToken":"a.b.c"}"#;
        assert_eq!(npm_body::<UpdateUserAttributesRequest>(text), Ok(expected));
        // A blank value deletes the attribute; the npm face may also leave it out.
        assert_eq!(
            npm_body::<UpdateUserAttributesRequest>(r#"{"AccessToken":"a.b.c","UserAttributes":[{"Name":"nickname"}]}"#),
            Ok(json!({"AccessToken": "a.b.c", "UserAttributes": [{"Name": "nickname"}]}))
        );
    }

    #[test]
    fn the_same_rules_on_both_faces() {
        assert_eq!(invalid(&input(vec![])), "UserAttributes");
        assert_eq!(
            invalid(&input(vec![attribute("email", "x"), attribute("", "x")])),
            "UserAttributes[1].Name"
        );
        assert_eq!(
            invalid(&input(vec![attribute("email", &"x".repeat(2049))])),
            "UserAttributes[0].Value"
        );
        let many = vec![attribute("email", "x"); 1001];
        assert_eq!(invalid(&input(many)), "UserAttributes");
        for (text, field) in [
            (r#"{"AccessToken":"a.b.c","UserAttributes":[]}"#, "UserAttributes"),
            (r#"{"AccessToken":"a.b.c","UserAttributes":{}}"#, "UserAttributes"),
            (r#"{"AccessToken":"a.b.c","UserAttributes":[{"Name":"email"},{"Name":""}]}"#, "UserAttributes[1].Name"),
            (r#"{"AccessToken":"a.b.c","UserAttributes":[null]}"#, "UserAttributes[0]"),
            (r#"{"AccessToken":"a.b.c"}"#, "UserAttributes"),
        ] {
            assert_eq!(npm_body::<UpdateUserAttributesRequest>(text), Err(field.to_owned()), "{text}");
        }
    }

    #[test]
    fn debug_hides_the_token_only() {
        let shown = format!("{:?}", input(vec![attribute("email", "n@e.w")]));
        assert_eq!(
            shown,
            r#"UpdateUserAttributesRequest { AccessToken: "***", UserAttributes: [{"Name": "email", "Value": "n@e.w"}] }"#
        );
    }

    #[test]
    fn output_shape_and_type_agree() {
        let out: UpdateUserAttributesResponse = agree(
            DECLARATION.output,
            r#"{"CodeDeliveryDetailsList":[{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"n***"}]}"#,
        )
        .unwrap();
        assert_eq!(out.code_delivery_details_list.unwrap().len(), 1);
        assert!(agree::<UpdateUserAttributesResponse>(DECLARATION.output, r#"{"CodeDeliveryDetailsList":{}}"#).is_err());
    }
}
