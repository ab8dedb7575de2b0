//! The shape of each operation's output, checked on the parsed reply before anyone sees it.
//!
//! The JS API hands out the parsed JSON itself once it has this shape (no copy through Rust types);
//! the Rust API then decodes it with serde. Unknown fields are allowed, as the service may add them.

use crate::text::Cat;

/// What a JSON value must be.
pub enum Shape {
    /// A string.
    String,
    /// A whole number.
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

/// Read access to a parsed JSON value: the browser's `JSON.parse` result, or `serde_json` in tests.
pub trait JsonView: Sized {
    /// What kind of value this is.
    fn kind(&self) -> Kind;
    /// An object's field, if present.
    fn field(&self, name: &str) -> Option<Self>;
    /// An array's items, or an object's values.
    fn children(&self) -> Vec<Self>;
    /// A string's contents.
    fn text(&self) -> Option<String>;
    /// A number's value.
    fn number(&self) -> Option<f64>;
}

fn expected(shape: &Shape) -> &'static str {
    match shape {
        Shape::String | Shape::Enum(_) => "a string",
        Shape::Integer => "a whole number",
        Shape::Object(_) | Shape::StringMap => "an object",
        Shape::List(_) => "an array",
    }
}

/// Checks `value` against `shape`; on failure, names the first offending path and what it should be,
/// e.g. `CodeDeliveryDetails must be an object`.
pub fn check<V: JsonView>(value: &V, shape: &Shape) -> Result<(), String> {
    check_at(value, shape).map_err(|mut path| {
        path.reverse();
        let mut text = String::new();
        for (i, segment) in path.iter().enumerate() {
            if i > 0 && !segment.starts_with('[') {
                text.push('.');
            }
            text.push_str(segment);
        }
        if text.is_empty() {
            text.push_str("the body");
        }
        let last = path_shape(shape, &path);
        [text.as_str(), " must be ", last].cat()
    })
}

/// The expected kind at the end of `path` (for the message).
fn path_shape(shape: &Shape, path: &[String]) -> &'static str {
    let mut current = shape;
    for segment in path {
        current = match current {
            Shape::Object(fields) => match fields.iter().find(|f| f.name == segment) {
                Some(f) => &f.shape,
                None => return "present",
            },
            Shape::List(item) => item,
            Shape::StringMap => &Shape::String,
            _ => return "valid",
        };
    }
    match current {
        Shape::Enum(_) => "one of the documented values",
        other => expected(other),
    }
}

/// Returns the failing path, innermost segment first.
fn check_at<V: JsonView>(value: &V, shape: &Shape) -> Result<(), Vec<String>> {
    let kind = value.kind();
    let ok = match shape {
        Shape::String => kind == Kind::String,
        Shape::Integer => value.number().is_some_and(|n| n.fract() == 0.0),
        Shape::Enum(names) => value.text().is_some_and(|t| names.contains(&t.as_str())),
        Shape::Object(_) | Shape::StringMap => kind == Kind::Object,
        Shape::List(_) => kind == Kind::Array,
    };
    if !ok {
        return Err(Vec::new());
    }
    match shape {
        Shape::Object(fields) => {
            for field in fields.iter() {
                match value.field(field.name).filter(|v| v.kind() != Kind::Null) {
                    Some(child) => check_at(&child, &field.shape).map_err(|mut p| {
                        p.push(field.name.to_owned());
                        p
                    })?,
                    None if field.required => return Err(vec![field.name.to_owned()]),
                    None => {}
                }
            }
        }
        Shape::List(item) => {
            for (i, child) in value.children().iter().enumerate() {
                check_at(child, item).map_err(|mut p| {
                    p.push(["[", &crate::text::decimal(i as u64), "]"].cat());
                    p
                })?;
            }
        }
        Shape::StringMap if value.children().iter().any(|v| v.kind() != Kind::String) => {
            return Err(vec!["(a value)".to_owned()]);
        }
        _ => {}
    }
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

/// Parsed `serde_json` values, for running the shape checks natively.
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
    fn field(&self, name: &str) -> Option<Self> {
        self.get(name).cloned()
    }
    fn children(&self) -> Vec<Self> {
        match self {
            serde_json::Value::Array(items) => items.clone(),
            serde_json::Value::Object(map) => map.values().cloned().collect(),
            _ => Vec::new(),
        }
    }
    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
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
