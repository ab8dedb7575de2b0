//! The data types several operations share, with the wire's PascalCase names (as in the AWS SDKs),
//! and the JSON shapes of those that replies carry. Each operation's own types live in its file in
//! `operations/`.
//!
//! The npm build (feature `npm`) generates the package's TypeScript declarations from these types.

use crate::core::shape::{opt, req, Shape};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
#[cfg(feature = "npm")]
use tsify::Tsify;

/// A string-to-string map (`ClientMetadata`, `AuthParameters`, `ChallengeParameters`).
pub type StringMap = BTreeMap<String, String>;

/// Facts about the exchange that produced an output or an error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ResponseMetadata {
    /// The HTTP status of the last response, if one arrived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status_code: Option<u16>,
    /// The `x-amzn-RequestId` of the last response, if one arrived: quote it to AWS support.
    #[serde(skip_serializing_if = "Option::is_none")]
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

/// A user attribute.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
pub enum DeliveryMediumType {
    /// A text message.
    SMS,
    /// An email.
    EMAIL,
}

/// Where a verification code went.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct CodeDeliveryDetailsType {
    /// The masked address or number, e.g. `d***@e***`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// `EMAIL` or `SMS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_medium: Option<DeliveryMediumType>,
    /// The attribute the code verifies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_name: Option<String>,
}

/// A device remembered at sign-in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct NewDeviceMetadataType {
    /// The device key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_key: Option<String>,
    /// The device group key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_group_key: Option<String>,
}

/// Tokens from a successful sign-in.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct AuthenticationResultType {
    /// The access token: what the verification operations need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// Seconds until the access token expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<i64>,
    /// `Bearer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    /// The refresh token (absent after a refresh).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// The ID token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    /// A newly remembered device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_device_metadata: Option<NewDeviceMetadataType>,
}

/// Tokens are never printed, even in debug output.
impl std::fmt::Debug for AuthenticationResultType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuthenticationResultType { .. }")
    }
}

/// `DeliveryMediumType`'s shape.
pub(crate) const DELIVERY_MEDIUM: Shape = Shape::Enum(&["SMS", "EMAIL"]);

/// `CodeDeliveryDetailsType`'s shape.
pub(crate) const CODE_DELIVERY_DETAILS: Shape = Shape::Object(&[
    opt("Destination", Shape::String),
    opt("DeliveryMedium", DELIVERY_MEDIUM),
    opt("AttributeName", Shape::String),
]);

/// `AttributeType`'s shape.
pub(crate) const ATTRIBUTE: Shape =
    Shape::Object(&[req("Name", Shape::String), opt("Value", Shape::String)]);

/// `AuthenticationResultType`'s shape.
pub(crate) const AUTHENTICATION_RESULT: Shape = Shape::Object(&[
    opt("AccessToken", Shape::String).secret(),
    opt("ExpiresIn", Shape::Integer),
    opt("TokenType", Shape::String),
    opt("RefreshToken", Shape::String).secret(),
    opt("IdToken", Shape::String).secret(),
    opt(
        "NewDeviceMetadata",
        Shape::Object(&[
            opt("DeviceKey", Shape::String),
            opt("DeviceGroupKey", Shape::String),
        ]),
    ),
]);

/// The shape of a sign-in step's output: tokens, or the next challenge.
pub(crate) const SIGN_IN_STEP: Shape = Shape::Object(&[
    opt("AuthenticationResult", AUTHENTICATION_RESULT),
    opt("ChallengeName", Shape::String),
    opt("Session", Shape::String).secret(),
    opt("ChallengeParameters", Shape::StringMap),
]);

/// Declares the output type of a sign-in step (`InitiateAuth`, `RespondToAuthChallenge`): tokens
/// when sign-in completed, else the challenge to answer next. Its shape is [`SIGN_IN_STEP`].
macro_rules! sign_in_step {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Default, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "npm", derive(::tsify::Tsify))]
        #[serde(rename_all = "PascalCase")]
        pub struct $name {
            /// Tokens, when sign-in completed.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub authentication_result: Option<$crate::model::AuthenticationResultType>,
            /// The challenge to answer next (`NEW_PASSWORD_REQUIRED`, `SMS_MFA`, `EMAIL_OTP`,
            /// `SOFTWARE_TOKEN_MFA`, `SELECT_MFA_TYPE`...), with `RespondToAuthChallenge`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub challenge_name: Option<String>,
            /// The session to pass back with the answer.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub session: Option<String>,
            /// Challenge details, e.g. `CODE_DELIVERY_DESTINATION`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #[cfg_attr(feature = "npm", tsify(type = "Record<string, string>"))]
            pub challenge_parameters: Option<$crate::model::StringMap>,
            /// Request facts.
            #[serde(rename = "$metadata")]
            pub metadata: $crate::model::ResponseMetadata,
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shape::tests::agree;

    #[test]
    fn shapes_and_types_agree() {
        let details: CodeDeliveryDetailsType = agree(
            &CODE_DELIVERY_DETAILS,
            r#"{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"d***@e***"}"#,
        )
        .unwrap();
        assert_eq!(details.destination.as_deref(), Some("d***@e***"));
        assert_eq!(details.delivery_medium, Some(DeliveryMediumType::EMAIL));
        assert!(agree::<CodeDeliveryDetailsType>(
            &CODE_DELIVERY_DETAILS,
            r#"{"DeliveryMedium":"PIGEON"}"#
        )
        .is_err());
        let attribute: AttributeType = agree(&ATTRIBUTE, r#"{"Name":"x","Value":null}"#).unwrap();
        assert_eq!(attribute.value, "");
        assert!(agree::<AttributeType>(&ATTRIBUTE, r#"{"Value":"v"}"#).is_err());
        let tokens: AuthenticationResultType = agree(
            &AUTHENTICATION_RESULT,
            r#"{"AccessToken":"a.b.c","ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"r","IdToken":"i.d.t","NewDeviceMetadata":{"DeviceKey":"k"}}"#,
        )
        .unwrap();
        assert_eq!(tokens.expires_in, Some(3600));
        assert!(
            agree::<AuthenticationResultType>(&AUTHENTICATION_RESULT, r#"{"ExpiresIn":1.5}"#)
                .is_err()
        );
    }

    #[test]
    fn metadata_serializes_without_absent_fields_and_never_decodes_from_the_wire() {
        let metadata = ResponseMetadata {
            http_status_code: Some(200),
            request_id: None,
            attempts: 1,
            total_retry_delay: 0,
        };
        assert_eq!(
            serde_json::to_string(&metadata).unwrap(),
            r#"{"httpStatusCode":200,"attempts":1,"totalRetryDelay":0}"#
        );
        let read: ResponseMetadata = serde_json::from_str(r#"{"attempts":9}"#).unwrap();
        assert_eq!(read, ResponseMetadata::default());
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
