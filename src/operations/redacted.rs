//! `Debug` output of the request types, with the values their declaration marks secret (tokens,
//! passwords, secret map entries) shown as `***`.

use crate::core::declaration::{Declaration, MapRule, Rule};
use crate::core::json::{to_value, Value};
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
            out.field(key, &Shown { value, secret_keys });
        }
    }
    out.finish()
}

/// A secret.
struct Hidden;

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

/// A value, with the entries under `secret_keys` hidden if it is a map.
struct Shown<'a> {
    value: &'a Value,
    secret_keys: &'a [&'a str],
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |value| Shown {
            value,
            secret_keys: &[],
        };
        match self.value {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => fmt::Debug::fmt(b, f),
            Value::Number(Some(n)) => fmt::Debug::fmt(n, f),
            Value::Number(None) => f.write_str("a number"),
            Value::String(text) => fmt::Debug::fmt(text, f),
            Value::Unpaired => f.write_str("a string"),
            Value::Array(items) => f.debug_list().entries(items.iter().map(shown)).finish(),
            Value::Object(fields) => {
                let mut map = f.debug_map();
                for (key, value) in fields {
                    if self.secret_keys.contains(&key.as_str()) {
                        map.entry(key, &Hidden);
                    } else {
                        map.entry(key, &shown(value));
                    }
                }
                map.finish()
            }
        }
    }
}
