//! `Debug` output of the request and output types, with the values their declaration marks secret
//! (tokens, passwords, codes, sessions, secret map entries) shown as `***`.

use crate::core::declaration::{Declaration, MapRule, Rule};
use crate::core::json::{to_value, Value};
use crate::core::shape::Shape;
use serde::Serialize;
use std::fmt;

/// Writes `input` (of the operation `op`) as `TypeName { Field: value, .. }`.
pub(crate) fn fmt<T: Serialize>(
    op: &Declaration,
    type_name: &str,
    input: &T,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let mut out = f.debug_struct(type_name);
    if let Ok(Value::Object(fields)) = to_value(input) {
        for (key, value) in &fields {
            let declared = op.input.iter().find(|input| input.name == key);
            let secret_keys = match declared.map(|input| (&input.rule, input.secret)) {
                Some((_, true)) => {
                    out.field(key, &Hidden);
                    continue;
                }
                Some((Rule::Map(MapRule { secret_keys, .. }), _)) => secret_keys,
                _ => &[][..],
            };
            out.field(key, &Shown::new(value, secret_keys, None));
        }
    }
    out.finish()
}

/// Writes `output` (of shape `shape`) as `TypeName { Field: value, .. }`.
pub(crate) fn fmt_output<T: Serialize>(
    shape: &Shape,
    type_name: &str,
    output: &T,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let mut out = f.debug_struct(type_name);
    if let Ok(Value::Object(fields)) = to_value(output) {
        for (key, value) in &fields {
            match field_shape(Some(shape), key) {
                Err(()) => out.field(key, &Hidden),
                Ok(shape) => out.field(key, &Shown::new(value, &[], shape)),
            };
        }
    }
    out.finish()
}

/// The shape of field `key` of an object of `shape`; `Err` if the shape marks it secret.
fn field_shape<'s>(shape: Option<&'s Shape>, key: &str) -> Result<Option<&'s Shape>, ()> {
    let Some(Shape::Object(fields)) = shape else {
        return Ok(None);
    };
    match fields.iter().find(|field| field.name == key) {
        Some(field) if field.secret => Err(()),
        field => Ok(field.map(|field| &field.shape)),
    }
}

/// A secret.
struct Hidden;

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

/// A value, with the entries under `secret_keys` hidden if it is a map, and the fields its `shape`
/// marks secret hidden if it is an object.
struct Shown<'a> {
    value: &'a Value,
    secret_keys: &'a [&'a str],
    shape: Option<&'a Shape>,
}

impl<'a> Shown<'a> {
    fn new(value: &'a Value, secret_keys: &'a [&'a str], shape: Option<&'a Shape>) -> Self {
        Shown {
            value,
            secret_keys,
            shape,
        }
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => fmt::Debug::fmt(b, f),
            Value::Number(Some(n)) => fmt::Debug::fmt(n, f),
            Value::Number(None) => f.write_str("a number"),
            Value::String(text) => fmt::Debug::fmt(text, f),
            Value::Unpaired => f.write_str("a string"),
            Value::Array(items) => {
                let item = match self.shape {
                    Some(Shape::List(item)) => Some(*item),
                    _ => None,
                };
                let shown = items.iter().map(|value| Shown::new(value, &[], item));
                f.debug_list().entries(shown).finish()
            }
            Value::Object(fields) => {
                let mut map = f.debug_map();
                for (key, value) in fields {
                    match field_shape(self.shape, key) {
                        Ok(_) if self.secret_keys.contains(&key.as_str()) => {
                            map.entry(key, &Hidden)
                        }
                        Err(()) => map.entry(key, &Hidden),
                        Ok(shape) => map.entry(key, &Shown::new(value, &[], shape)),
                    };
                }
                map.finish()
            }
        }
    }
}
