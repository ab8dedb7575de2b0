//! The shape of each operation's output, checked on the parsed reply before anyone sees it.
//!
//! The check runs on the reply text parsed by [`crate::json::parse`]; once it passes, the JS API hands
//! out `JSON.parse` of the same text and the Rust API decodes it with serde. Unknown fields are
//! allowed, as the service may add them.

use crate::json::Value;
use crate::text::Cat;

/// What a JSON value must be.
pub enum Shape {
    /// A string.
    String,
    /// A whole number from 0 to `u32::MAX`, written in digits.
    Integer,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// An object with these fields.
    Object(&'static [Field]),
    /// An array of values of one shape.
    List(&'static Shape),
    /// An object whose values are all strings.
    StringMap,
}

/// A field of an object shape.
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    /// Its shape.
    pub shape: Shape,
    /// Whether the reply must contain it (`null` counts as absent).
    pub required: bool,
}

const fn req(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: true,
    }
}

const fn opt(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: false,
    }
}

/// The kinds of JSON values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null` (or `undefined`).
    Null,
    /// `true`/`false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

/// Read access to a parsed JSON value: this crate's own, or `serde_json`'s in tests.
pub trait JsonView {
    /// What kind of value this is.
    fn kind(&self) -> Kind;
    /// An object's field, if present (the last one of a repeated name, as `JSON.parse` keeps).
    fn field(&self, name: &str) -> Option<&Self>;
    /// An array's item, or an object's value, by position.
    fn child(&self, index: usize) -> Option<&Self>;
    /// A string's contents.
    fn text(&self) -> Option<&str>;
    /// A whole number from 0 to `u32::MAX`, written in digits.
    fn is_whole_number(&self) -> bool;
}

impl JsonView for Value {
    fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) | Value::Unpaired => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }
    fn field(&self, name: &str) -> Option<&Self> {
        match self {
            Value::Object(fields) => fields.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }
    fn child(&self, index: usize) -> Option<&Self> {
        match self {
            Value::Array(items) => items.get(index),
            Value::Object(fields) => fields.get(index).map(|(_, v)| v),
            _ => None,
        }
    }
    fn text(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }
    fn is_whole_number(&self) -> bool {
        matches!(self, Value::Number(Some(_)))
    }
}

fn expected(shape: &Shape) -> &'static str {
    match shape {
        Shape::String => "a string",
        Shape::Enum(_) => "one of the documented values",
        Shape::Integer => "a whole number",
        Shape::Object(_) | Shape::StringMap => "an object",
        Shape::List(_) => "an array",
    }
}

/// Checks `value` against `shape`; on failure, names the first offending path and what it should be,
/// e.g. `CodeDeliveryDetails must be an object`.
pub fn check<V: JsonView>(value: &V, shape: &Shape) -> Result<(), String> {
    let mut path = String::new();
    check_at(value, shape, &mut path).map_err(|expected| {
        let at = if path.is_empty() { "the body" } else { &path };
        [at, " must be ", expected].cat()
    })
}

/// Checks one value, with `path` naming it; on failure `path` names the offending value and the
/// error says what it should be.
fn check_at<V: JsonView>(value: &V, shape: &Shape, path: &mut String) -> Result<(), &'static str> {
    let kind = value.kind();
    let ok = match shape {
        Shape::String => kind == Kind::String,
        Shape::Integer => value.is_whole_number(),
        Shape::Enum(names) => value.text().is_some_and(|t| names.contains(&t)),
        Shape::Object(_) | Shape::StringMap => kind == Kind::Object,
        Shape::List(_) => kind == Kind::Array,
    };
    if !ok {
        return Err(expected(shape));
    }
    let outer = path.len();
    let mut i = 0;
    match shape {
        Shape::Object(fields) => {
            for field in fields.iter() {
                path.truncate(outer);
                if outer > 0 {
                    path.push('.');
                }
                path.push_str(field.name);
                match value.field(field.name).filter(|v| v.kind() != Kind::Null) {
                    Some(child) => check_at(child, &field.shape, path)?,
                    None if field.required => return Err(expected(&field.shape)),
                    None => {}
                }
            }
        }
        Shape::List(item) => {
            while let Some(child) = value.child(i) {
                path.truncate(outer);
                path.push_str(&["[", &crate::text::decimal(i as u64), "]"].cat());
                check_at(child, item, path)?;
                i += 1;
            }
        }
        Shape::StringMap => {
            while let Some(child) = value.child(i) {
                if child.kind() != Kind::String {
                    path.push_str(".(a value)");
                    return Err(expected(&Shape::String));
                }
                i += 1;
            }
        }
        _ => {}
    }
    path.truncate(outer);
    Ok(())
}

const DELIVERY_MEDIUM: Shape = Shape::Enum(&["SMS", "EMAIL"]);

const CODE_DELIVERY_DETAILS: Shape = Shape::Object(&[
    opt("Destination", Shape::String),
    opt("DeliveryMedium", DELIVERY_MEDIUM),
    opt("AttributeName", Shape::String),
]);

const ATTRIBUTE: Shape = Shape::Object(&[req("Name", Shape::String), opt("Value", Shape::String)]);

/// `GetUserAttributeVerificationCode`'s output.
pub const GET_USER_ATTRIBUTE_VERIFICATION_CODE: Shape =
    Shape::Object(&[opt("CodeDeliveryDetails", CODE_DELIVERY_DETAILS)]);

/// `VerifyUserAttribute`'s output.
pub const VERIFY_USER_ATTRIBUTE: Shape = Shape::Object(&[]);

/// `GetUser`'s output.
pub const GET_USER: Shape = Shape::Object(&[
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
]);

/// `UpdateUserAttributes`'s output.
pub const UPDATE_USER_ATTRIBUTES: Shape = Shape::Object(&[opt(
    "CodeDeliveryDetailsList",
    Shape::List(&CODE_DELIVERY_DETAILS),
)]);

/// `InitiateAuth`'s output.
pub const INITIATE_AUTH: Shape = Shape::Object(&[
    opt(
        "AuthenticationResult",
        Shape::Object(&[
            opt("AccessToken", Shape::String),
            opt("ExpiresIn", Shape::Integer),
            opt("TokenType", Shape::String),
            opt("RefreshToken", Shape::String),
            opt("IdToken", Shape::String),
            opt(
                "NewDeviceMetadata",
                Shape::Object(&[
                    opt("DeviceKey", Shape::String),
                    opt("DeviceGroupKey", Shape::String),
                ]),
            ),
        ]),
    ),
    opt("ChallengeName", Shape::String),
    opt("Session", Shape::String),
    opt("ChallengeParameters", Shape::StringMap),
]);

/// `serde_json`'s values, to hold the shape checks against the serde types in tests and fuzzing.
#[cfg(any(test, feature = "serde-json"))]
impl JsonView for serde_json::Value {
    fn kind(&self) -> Kind {
        match self {
            serde_json::Value::Null => Kind::Null,
            serde_json::Value::Bool(_) => Kind::Bool,
            serde_json::Value::Number(_) => Kind::Number,
            serde_json::Value::String(_) => Kind::String,
            serde_json::Value::Array(_) => Kind::Array,
            serde_json::Value::Object(_) => Kind::Object,
        }
    }
    fn field(&self, name: &str) -> Option<&Self> {
        self.get(name)
    }
    fn child(&self, index: usize) -> Option<&Self> {
        match self {
            serde_json::Value::Array(items) => items.get(index),
            serde_json::Value::Object(map) => map.values().nth(index),
            _ => None,
        }
    }
    fn text(&self) -> Option<&str> {
        self.as_str()
    }
    fn is_whole_number(&self) -> bool {
        self.as_u64().is_some_and(|n| n <= u64::from(u32::MAX))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::*;
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    /// The shape and the serde types agree: what one accepts, the other does.
    fn agree<T: DeserializeOwned>(shape: &Shape, body: &str) -> Result<(), String> {
        let value: Value = serde_json::from_str(body).unwrap();
        let by_shape = check(&value, shape);
        let by_serde = serde_json::from_value::<T>(value).map(|_| ());
        assert_eq!(
            by_shape.is_ok(),
            by_serde.is_ok(),
            "{body}: shape {by_shape:?}, serde {by_serde:?}"
        );
        by_shape
    }

    #[test]
    fn real_replies_pass() {
        agree::<GetUserAttributeVerificationCodeResponse>(
            &GET_USER_ATTRIBUTE_VERIFICATION_CODE,
            r#"{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"d***@e***"}}"#,
        )
        .unwrap();
        agree::<GetUserAttributeVerificationCodeResponse>(
            &GET_USER_ATTRIBUTE_VERIFICATION_CODE,
            "{}",
        )
        .unwrap();
        agree::<VerifyUserAttributeResponse>(&VERIFY_USER_ATTRIBUTE, r#"{"Extra":1}"#).unwrap();
        agree::<GetUserResponse>(
            &GET_USER,
            r#"{"Username":"u","UserAttributes":[{"Name":"email","Value":"a@b.c"},{"Name":"x"}],"UserMFASettingList":["SMS_MFA"],"MFAOptions":[{"DeliveryMedium":"SMS","AttributeName":"phone_number"}]}"#,
        )
        .unwrap();
        agree::<UpdateUserAttributesResponse>(
            &UPDATE_USER_ATTRIBUTES,
            r#"{"CodeDeliveryDetailsList":[{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"n***"}]}"#,
        )
        .unwrap();
        agree::<InitiateAuthResponse>(
            &INITIATE_AUTH,
            r#"{"AuthenticationResult":{"AccessToken":"a","ExpiresIn":3600,"TokenType":"Bearer","NewDeviceMetadata":{"DeviceKey":"k"}},"ChallengeParameters":{}}"#,
        )
        .unwrap();
        agree::<InitiateAuthResponse>(
            &INITIATE_AUTH,
            r#"{"ChallengeName":"SMS_MFA","Session":"s","ChallengeParameters":{"a":"b"}}"#,
        )
        .unwrap();
    }

    #[test]
    fn wrong_shapes_fail_with_the_path() {
        let fails = |shape: &Shape, body: &str| {
            check(&serde_json::from_str::<Value>(body).unwrap(), shape).unwrap_err()
        };
        assert_eq!(
            agree::<GetUserAttributeVerificationCodeResponse>(
                &GET_USER_ATTRIBUTE_VERIFICATION_CODE,
                r#"{"CodeDeliveryDetails":"a string"}"#
            )
            .unwrap_err(),
            "CodeDeliveryDetails must be an object"
        );
        assert_eq!(
            agree::<GetUserAttributeVerificationCodeResponse>(
                &GET_USER_ATTRIBUTE_VERIFICATION_CODE,
                r#"{"CodeDeliveryDetails":{"DeliveryMedium":"PIGEON"}}"#
            )
            .unwrap_err(),
            "CodeDeliveryDetails.DeliveryMedium must be one of the documented values"
        );
        assert_eq!(
            agree::<GetUserResponse>(&GET_USER, r#"{"UserAttributes":[]}"#).unwrap_err(),
            "Username must be a string"
        );
        assert_eq!(
            agree::<GetUserResponse>(
                &GET_USER,
                r#"{"Username":"u","UserAttributes":[{"Name":"a"},{"Name":5}]}"#
            )
            .unwrap_err(),
            "UserAttributes[1].Name must be a string"
        );
        assert_eq!(
            agree::<GetUserResponse>(&GET_USER, "[]").unwrap_err(),
            "the body must be an object"
        );
        assert_eq!(
            agree::<VerifyUserAttributeResponse>(&VERIFY_USER_ATTRIBUTE, "5").unwrap_err(),
            "the body must be an object"
        );
        assert!(agree::<InitiateAuthResponse>(
            &INITIATE_AUTH,
            r#"{"AuthenticationResult":{"ExpiresIn":1.5}}"#
        )
        .is_err());
        assert!(agree::<InitiateAuthResponse>(
            &INITIATE_AUTH,
            r#"{"ChallengeParameters":{"a":1}}"#
        )
        .is_err());
        assert!(fails(&GET_USER, r#"{"Username":"u","UserAttributes":"x"}"#)
            .starts_with("UserAttributes must be an array"));
    }

    #[test]
    fn null_is_absent() {
        agree::<GetUserAttributeVerificationCodeResponse>(
            &GET_USER_ATTRIBUTE_VERIFICATION_CODE,
            r#"{"CodeDeliveryDetails":null}"#,
        )
        .unwrap();
    }
}
