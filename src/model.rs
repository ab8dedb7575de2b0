//! Inputs and outputs of the operations, with the wire's PascalCase names (as in the AWS SDKs).
//!
//! The TypeScript declarations shipped in the npm package are generated from these types.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tsify::Tsify;

/// A string-to-string map (`ClientMetadata`, `AuthParameters`, `ChallengeParameters`).
pub type StringMap = BTreeMap<String, String>;

/// Facts about the exchange that produced an output or an error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ResponseMetadata {
    /// The HTTP status of the last response, if one arrived.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub http_status_code: Option<u16>,
    /// The `x-amzn-RequestId` of the last response, if one arrived: quote it to AWS support.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub request_id: Option<String>,
    /// Attempts made (0 when the input was rejected before sending).
    pub attempts: u32,
    /// Milliseconds spent waiting between attempts.
    pub total_retry_delay: u32,
}

/// Outputs are decoded from the wire, which never carries `$metadata`: the client fills it in.
/// Whatever the wire holds under that name is ignored, and its absence is fine.
impl<'de> Deserialize<'de> for ResponseMetadata {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Absent;
        impl<'de> serde::de::Visitor<'de> for Absent {
            type Value = ResponseMetadata;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("anything")
            }
            fn visit_none<E>(self) -> Result<ResponseMetadata, E> {
                Ok(ResponseMetadata::default())
            }
            fn visit_some<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<ResponseMetadata, D::Error> {
                serde::de::IgnoredAny::deserialize(d).map(|_| ResponseMetadata::default())
            }
        }
        deserializer.deserialize_option(Absent)
    }
}

/// `GetUserAttributeVerificationCode` input.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserAttributeVerificationCodeRequest {
    /// The signed-in user's access token (scope `aws.cognito.signin.user.admin`).
    pub access_token: String,
    /// The attribute to verify, e.g. `email` or `phone_number`.
    pub attribute_name: String,
    /// Passed to the custom-message Lambda trigger; not stored, not encrypted.
    #[tsify(optional, type = "Record<string, string>")]
    pub client_metadata: Option<StringMap>,
}

/// `VerifyUserAttribute` input.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct VerifyUserAttributeRequest {
    /// The signed-in user's access token.
    pub access_token: String,
    /// The attribute being verified, e.g. `email`.
    pub attribute_name: String,
    /// The code the user received.
    pub code: String,
}

/// `GetUser` input.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserRequest {
    /// The signed-in user's access token.
    pub access_token: String,
}

/// `UpdateUserAttributes` input.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUserAttributesRequest {
    /// The signed-in user's access token.
    pub access_token: String,
    /// The attributes to change (at least one).
    pub user_attributes: Vec<AttributeType>,
    /// Passed to the Lambda triggers; not stored, not encrypted.
    #[tsify(optional, type = "Record<string, string>")]
    pub client_metadata: Option<StringMap>,
}

/// The sign-in flows this client supports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Tsify)]
pub enum AuthFlow {
    /// Username and password sent over TLS (`AuthParameters`: `USERNAME`, `PASSWORD`).
    #[default]
    #[allow(non_camel_case_types)]
    USER_PASSWORD_AUTH,
    /// A refresh token exchanged for new tokens (`AuthParameters`: `REFRESH_TOKEN`).
    #[allow(non_camel_case_types)]
    REFRESH_TOKEN_AUTH,
}

impl AuthFlow {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthFlow::USER_PASSWORD_AUTH => "USER_PASSWORD_AUTH",
            AuthFlow::REFRESH_TOKEN_AUTH => "REFRESH_TOKEN_AUTH",
        }
    }

    /// Parses a wire name.
    pub fn parse(name: &str) -> Option<AuthFlow> {
        match name {
            "USER_PASSWORD_AUTH" => Some(AuthFlow::USER_PASSWORD_AUTH),
            "REFRESH_TOKEN_AUTH" => Some(AuthFlow::REFRESH_TOKEN_AUTH),
            _ => None,
        }
    }
}

/// The `AuthParameters` whose values are secrets, scrubbed from any error message.
pub const SECRET_AUTH_PARAMETERS: [&str; 2] = ["PASSWORD", "REFRESH_TOKEN"];

/// `InitiateAuth` input.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthRequest {
    /// `USER_PASSWORD_AUTH` or `REFRESH_TOKEN_AUTH`.
    pub auth_flow: AuthFlow,
    /// The app client id (a public client: no secret).
    pub client_id: String,
    /// `USERNAME` + `PASSWORD`, or `REFRESH_TOKEN` (+ `SECRET_HASH` / `DEVICE_KEY` where used).
    #[tsify(type = "Record<string, string>")]
    pub auth_parameters: StringMap,
    /// Passed to the Lambda triggers.
    #[tsify(optional, type = "Record<string, string>")]
    pub client_metadata: Option<StringMap>,
}

/// A user attribute.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct AttributeType {
    /// The attribute name, e.g. `email`.
    pub name: String,
    /// Its value.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub value: String,
}

/// `null` reads as an empty value, as the shape check treats it as absent.
fn null_as_empty<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

/// How a code was delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub enum DeliveryMediumType {
    /// A text message.
    SMS,
    /// An email.
    EMAIL,
}

/// Where a verification code went.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct CodeDeliveryDetailsType {
    /// The masked address or number, e.g. `d***@e***`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub destination: Option<String>,
    /// `EMAIL` or `SMS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub delivery_medium: Option<DeliveryMediumType>,
    /// The attribute the code verifies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub attribute_name: Option<String>,
}

/// `GetUserAttributeVerificationCode` output.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserAttributeVerificationCodeResponse {
    /// Where the code went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub code_delivery_details: Option<CodeDeliveryDetailsType>,
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

/// `VerifyUserAttribute` output (nothing but the metadata).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub struct VerifyUserAttributeResponse {
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

/// A legacy SMS MFA option.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct MFAOptionType {
    /// `SMS` or `EMAIL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub delivery_medium: Option<DeliveryMediumType>,
    /// The attribute used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub attribute_name: Option<String>,
}

/// `GetUser` output.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
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
    #[tsify(optional)]
    pub mfa_options: Option<Vec<MFAOptionType>>,
    /// The preferred MFA method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub preferred_mfa_setting: Option<String>,
    /// The MFA methods enabled.
    #[serde(
        rename = "UserMFASettingList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[tsify(optional)]
    pub user_mfa_setting_list: Option<Vec<String>>,
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

impl GetUserResponse {
    /// The value of attribute `name`, if the user has it.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.user_attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }
}

/// `UpdateUserAttributes` output.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUserAttributesResponse {
    /// Where codes went for attributes that need verifying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub code_delivery_details_list: Option<Vec<CodeDeliveryDetailsType>>,
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

/// A device remembered at sign-in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct NewDeviceMetadataType {
    /// The device key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub device_key: Option<String>,
    /// The device group key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub device_group_key: Option<String>,
}

/// Tokens from a successful sign-in.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct AuthenticationResultType {
    /// The access token: what the verification operations need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub access_token: Option<String>,
    /// Seconds until the access token expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub expires_in: Option<i64>,
    /// `Bearer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub token_type: Option<String>,
    /// The refresh token (absent after a refresh).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub refresh_token: Option<String>,
    /// The ID token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub id_token: Option<String>,
    /// A newly remembered device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub new_device_metadata: Option<NewDeviceMetadataType>,
}

/// Tokens are never printed, even in debug output.
impl std::fmt::Debug for AuthenticationResultType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuthenticationResultType { .. }")
    }
}

/// `InitiateAuth` output: tokens, or a challenge to answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthResponse {
    /// Tokens, when sign-in completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub authentication_result: Option<AuthenticationResultType>,
    /// The challenge to answer next (e.g. `NEW_PASSWORD_REQUIRED`, `SMS_MFA`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub challenge_name: Option<String>,
    /// The session to pass back with the challenge answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub session: Option<String>,
    /// Challenge details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Record<string, string>")]
    pub challenge_parameters: Option<StringMap>,
    /// Request facts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_real_shaped_replies() {
        let out: GetUserAttributeVerificationCodeResponse = serde_json::from_str(
            r#"{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"d***@e***"}}"#,
        )
        .unwrap();
        let details = out.code_delivery_details.unwrap();
        assert_eq!(details.destination.as_deref(), Some("d***@e***"));
        assert_eq!(details.delivery_medium, Some(DeliveryMediumType::EMAIL));

        let user: GetUserResponse = serde_json::from_str(
            r#"{"Username":"u-1","UserAttributes":[{"Name":"email","Value":"a@b.c"},{"Name":"email_verified","Value":"false"}],"NewField":1}"#,
        )
        .unwrap();
        assert_eq!(user.attribute("email_verified"), Some("false"));

        let auth: InitiateAuthResponse = serde_json::from_str(
            r#"{"AuthenticationResult":{"AccessToken":"a.b.c","ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"r","IdToken":"i.d.t"},"ChallengeParameters":{}}"#,
        )
        .unwrap();
        assert_eq!(auth.authentication_result.unwrap().expires_in, Some(3600));
        assert!(serde_json::from_str::<VerifyUserAttributeResponse>("{}").is_ok());
        let nulls: GetUserResponse = serde_json::from_str(
            r#"{"Username":"u","UserAttributes":[{"Name":"x","Value":null},{"Name":"y"}]}"#,
        )
        .unwrap();
        assert_eq!(nulls.attribute("x"), Some(""));
    }

    #[test]
    fn rejects_wrong_shapes() {
        assert!(
            serde_json::from_str::<GetUserAttributeVerificationCodeResponse>(
                r#"{"CodeDeliveryDetails":"oops"}"#
            )
            .is_err()
        );
        assert!(serde_json::from_str::<GetUserResponse>(r#"{"Username":5}"#).is_err());
        assert!(serde_json::from_str::<GetUserResponse>("[]").is_err());
    }

    #[test]
    fn serializes_metadata_and_skips_absent_fields() {
        let out = GetUserAttributeVerificationCodeResponse {
            code_delivery_details: None,
            metadata: ResponseMetadata {
                http_status_code: Some(200),
                request_id: Some("r-1".into()),
                attempts: 1,
                total_retry_delay: 0,
            },
        };
        assert_eq!(
            serde_json::to_string(&out).unwrap(),
            r#"{"$metadata":{"httpStatusCode":200,"requestId":"r-1","attempts":1,"totalRetryDelay":0}}"#
        );
    }

    #[test]
    fn token_debug_is_redacted() {
        let tokens = AuthenticationResultType {
            access_token: Some("secret".into()),
            ..Default::default()
        };
        assert!(!format!("{tokens:?}").contains("secret"));
    }
}
