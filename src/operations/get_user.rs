//! `GetUser`: reads the signed-in user's attributes (`email`, `email_verified`...).

use crate::core::declaration::{Text, required, Declaration, Repeat, Rule};
use crate::core::shape::{opt, req, Shape};
use crate::model::{AttributeType, DeliveryMediumType, ResponseMetadata, ATTRIBUTE, DELIVERY_MEDIUM};
use serde::{Deserialize, Serialize};
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "GetUser",
    input: &[required("AccessToken", Rule::Text(Text::AccessToken)).secret()],
    output: &Shape::Object(&[
        req("Username", Shape::String),
        req("UserAttributes", Shape::List(&ATTRIBUTE)),
        opt(
            "MFAOptions",
            Shape::List(&Shape::Object(&[
                opt("DeliveryMedium", DELIVERY_MEDIUM),
                opt("AttributeName", Shape::String),
            ])),
        ),
        opt("PreferredMfaSetting", Shape::String),
        opt("UserMFASettingList", Shape::List(&Shape::String)),
    ]),
    // It only reads.
    repeat: Repeat::Safe,
};

/// `GetUser` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct GetUserRequest {
    /// The signed-in user's access token.
    pub access_token: String,
}

/// A legacy SMS MFA option.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct MFAOptionType {
    /// `SMS` or `EMAIL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_medium: Option<DeliveryMediumType>,
    /// The attribute used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_name: Option<String>,
}

/// `GetUser` output.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct GetUserResponse {
    /// The user name (often a UUID).
    pub username: String,
    /// The user's attributes, e.g. `email` and `email_verified` (`"true"`/`"false"`).
    pub user_attributes: Vec<AttributeType>,
    /// Legacy SMS MFA options.
    #[serde(
        rename = "MFAOptions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub mfa_options: Option<Vec<MFAOptionType>>,
    /// The preferred MFA method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_mfa_setting: Option<String>,
    /// The MFA methods enabled.
    #[serde(
        rename = "UserMFASettingList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_mfa_setting_list: Option<Vec<String>>,
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

impl GetUserResponse {
    /// The value of attribute `name`, if the user has it.
    ///
    /// ```
    /// # let user = cognito_verify::GetUserResponse::default();
    /// let verified = user.attribute("email_verified") == Some("true");
    /// ```
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.user_attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }
}

operation_error!(
    /// Errors of `GetUser`.
    GetUserError {
        ForbiddenException,
        InternalErrorException,
        InvalidParameterException,
        NotAuthorizedException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UserNotConfirmedException,
        UserNotFoundException,
    }
);

operation!(
    GetUserRequest => GetUserResponse, GetUserError,
    npm "getUser", "Reads the signed-in user's attributes (`email`, `email_verified`...)."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shape::tests::agree;
    use crate::operations::tests::{body, invalid, npm_body};
    use serde_json::json;

    #[test]
    fn both_faces_encode_the_same_body() {
        let input = GetUserRequest {
            access_token: "a.b.c".into(),
        };
        assert_eq!(body(&input), json!({"AccessToken": "a.b.c"}));
        assert_eq!(
            npm_body::<GetUserRequest>(r#"{"AccessToken":"a.b.c"}"#),
            Ok(json!({"AccessToken": "a.b.c"}))
        );
        assert_eq!(
            invalid(&GetUserRequest {
                access_token: "a\nb".into()
            }),
            "AccessToken"
        );
        for text in ["{}", r#"{"AccessToken":null}"#, r#"{"AccessToken":""}"#] {
            assert_eq!(npm_body::<GetUserRequest>(text), Err("AccessToken".to_owned()));
        }
        assert_eq!(
            format!("{input:?}"),
            r#"GetUserRequest { AccessToken: "***" }"#
        );
    }

    #[test]
    fn output_shape_and_type_agree() {
        let user: GetUserResponse = agree(
            DECLARATION.output,
            r#"{"Username":"u","UserAttributes":[{"Name":"email","Value":"a@b.c"},{"Name":"email_verified","Value":"false"},{"Name":"x"}],"UserMFASettingList":["SMS_MFA"],"MFAOptions":[{"DeliveryMedium":"SMS","AttributeName":"phone_number"}],"NewField":1}"#,
        )
        .unwrap();
        assert_eq!(user.attribute("email_verified"), Some("false"));
        assert_eq!(user.attribute("x"), Some(""));
        assert_eq!(user.attribute("missing"), None);
        assert_eq!(
            agree::<GetUserResponse>(DECLARATION.output, r#"{"UserAttributes":[]}"#).unwrap_err(),
            "Username must be a string"
        );
        assert_eq!(
            agree::<GetUserResponse>(
                DECLARATION.output,
                r#"{"Username":"u","UserAttributes":[{"Name":"a"},{"Name":5}]}"#
            )
            .unwrap_err(),
            "UserAttributes[1].Name must be a string"
        );
        assert!(agree::<GetUserResponse>(DECLARATION.output, "[]").is_err());
    }
}
