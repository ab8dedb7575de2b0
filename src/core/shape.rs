//! The shape of each operation's output, checked on the parsed reply before anyone sees it.
//!
//! The check runs on the reply text parsed by [`crate::core::json::parse`]; once it passes, the JS API hands
//! out `JSON.parse` of the same text and the Rust API decodes it with serde. Unknown fields are
//! allowed, as the service may add them.

use crate::core::json::Value;
use crate::core::text::Cat;

/// What a JSON value must be.
pub enum Shape {
    /// A string.
    String,
    /// `true` or `false`.
    Bool,
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
    /// Whether the value is a secret (a token, a session): `Debug` output hides it.
    pub secret: bool,
}

/// A field a reply must hold.
pub(crate) const fn req(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: true,
        secret: false,
    }
}

/// A field a reply may hold.
pub(crate) const fn opt(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: false,
        secret: false,
    }
}

impl Field {
    /// The same field, its value a secret.
    pub(crate) const fn secret(self) -> Field {
        Field {
            secret: true,
            ..self
        }
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
        Value::field(self, name)
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
        Shape::Bool => "true or false",
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
        Shape::Bool => kind == Kind::Bool,
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
                path.push_str(&["[", &crate::core::text::decimal(i as u64), "]"].cat());
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

/// `serde_json`'s values, to hold the shape checks against the serde types in tests and fuzzing.
#[cfg(any(test, feature = "fuzzing"))]
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
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    /// Checks `body` against `shape` and decodes it into `T`, asserting that the two agree: what
    /// the shape accepts, serde decodes, and what it refuses, serde refuses.
    pub(crate) fn agree<T: DeserializeOwned>(shape: &Shape, body: &str) -> Result<T, String> {
        let value: Value = serde_json::from_str(body).unwrap();
        let by_shape = check(&value, shape);
        let by_serde = serde_json::from_value::<T>(value);
        assert_eq!(
            by_shape.is_ok(),
            by_serde.is_ok(),
            "{body}: shape {by_shape:?}, serde {:?}",
            by_serde.as_ref().err()
        );
        by_shape.map(|()| by_serde.unwrap())
    }

    static USER: Shape = Shape::Object(&[
        req("Username", Shape::String),
        req(
            "UserAttributes",
            Shape::List(&Shape::Object(&[req("Name", Shape::String)])),
        ),
        opt("Kind", Shape::Enum(&["A", "B"])),
        opt("Count", Shape::Integer),
        opt("Flag", Shape::Bool),
        opt("Params", Shape::StringMap),
    ]);

    fn fails(body: &str) -> String {
        check(&serde_json::from_str::<Value>(body).unwrap(), &USER).unwrap_err()
    }

    #[test]
    fn names_the_first_offending_path() {
        let ok = r#"{"Username":"u","UserAttributes":[{"Name":"a"}],"Kind":"A","Count":3,"Flag":false,"Params":{"k":"v"},"New":1}"#;
        assert!(check(&serde_json::from_str::<Value>(ok).unwrap(), &USER).is_ok());
        assert_eq!(
            fails(r#"{"UserAttributes":[]}"#),
            "Username must be a string"
        );
        assert_eq!(
            fails(r#"{"Username":"u","UserAttributes":[{"Name":"a"},{"Name":5}]}"#),
            "UserAttributes[1].Name must be a string"
        );
        assert_eq!(
            fails(r#"{"Username":"u","UserAttributes":"x"}"#),
            "UserAttributes must be an array"
        );
        assert_eq!(
            fails(r#"{"Username":"u","UserAttributes":[],"Kind":"C"}"#),
            "Kind must be one of the documented values"
        );
        assert_eq!(
            fails(r#"{"Username":"u","UserAttributes":[],"Count":1.5}"#),
            "Count must be a whole number"
        );
        assert_eq!(
            fails(r#"{"Username":"u","UserAttributes":[],"Params":{"k":1}}"#),
            "Params.(a value) must be a string"
        );
        assert_eq!(
            fails(r#"{"Username":"u","UserAttributes":[],"Flag":"true"}"#),
            "Flag must be true or false"
        );
        assert_eq!(fails("[]"), "the body must be an object");
    }

    #[test]
    fn null_is_absent() {
        let body = r#"{"Username":"u","UserAttributes":[],"Kind":null}"#;
        assert!(check(&serde_json::from_str::<Value>(body).unwrap(), &USER).is_ok());
        assert_eq!(
            fails(r#"{"Username":null,"UserAttributes":[]}"#),
            "Username must be a string"
        );
    }
}
