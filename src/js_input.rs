//! Reads the JS API's input, which the npm entry hands over as JSON text, turning every wrong type
//! into a `ValidationError` that names the field, before anything is sent.
//!
//! The npm entry writes values JSON has no form for as one-field objects keyed by U+0000 that say
//! what was there (`{"\u0000":"a function"}`, also `a symbol`, `a bigint`, and `unreadable` for a
//! field whose getter or Proxy throws), so errors can name it. `undefined` fields are absent.

use crate::json::{self, Value};
use crate::text::Cat;
use crate::validate::{self, ValidationError};

type Read<T> = Result<T, ValidationError>;

/// A map's entries, in the order JS lists them.
pub(crate) type Pairs<'a> = Vec<(&'a str, &'a str)>;

/// What the npm entry wrote in place of a value JSON cannot hold, if `value` is such a marker.
fn marker(value: &Value) -> Option<&str> {
    match value {
        Value::Object(fields) => match fields.as_slice() {
            [(key, Value::String(kind))] if key == "\0" => Some(kind),
            _ => None,
        },
        _ => None,
    }
}

fn describe(value: &Value) -> &str {
    match (value, marker(value)) {
        (_, Some(what)) => what,
        (Value::Null, _) => "null",
        (Value::Bool(_), _) => "a boolean",
        (Value::Number(_), _) => "a number",
        (Value::String(_) | Value::Unpaired, _) => "a string",
        (Value::Array(_), _) => "an array",
        (Value::Object(_), _) => "an object",
    }
}

/// `must be <expected>, not <what it is>`, or `could not be read` for an unreadable field.
fn wrong(field: &str, expected: &str, value: &Value) -> ValidationError {
    if marker(value) == Some("unreadable") {
        return ValidationError::new(field, "could not be read");
    }
    ValidationError::new(
        field,
        &["must be ", expected, ", not ", describe(value)].cat(),
    )
}

/// Parses the npm entry's JSON text of a top-level argument: `None` for an empty text, which stands
/// for `undefined` (`JSON.stringify` never writes an empty text).
pub(crate) fn parse_argument(name: &str, json: &str) -> Read<Option<Value>> {
    if json.is_empty() {
        return Ok(None);
    }
    json::parse(json).map(Some).ok_or_else(|| {
        let reason = "could not be read (nested too deeply, or a key with an unpaired surrogate)";
        ValidationError::new(name, reason)
    })
}

/// A plain object's fields (not null, not an array, not a marker).
fn object<'v>(field: &str, value: &'v Value) -> Read<&'v [(String, Value)]> {
    match value {
        Value::Object(fields) if marker(value).is_none() => Ok(fields),
        _ => Err(wrong(field, "an object", value)),
    }
}

/// An input object's field reader; `path` prefixes field names in errors.
pub(crate) struct Fields<'p, 'a> {
    fields: &'a [(String, Value)],
    path: &'p str,
}

impl<'p, 'a> Fields<'p, 'a> {
    /// Fields of a nested object, named `path.key`.
    pub(crate) fn of(path: &'p str, value: &'a Value) -> Read<Self> {
        Ok(Fields {
            fields: object(path, value)?,
            path,
        })
    }

    /// Fields of a top-level argument, named `key`; the argument itself is `whole` (`None`: it was
    /// not given).
    pub(crate) fn top(whole: &str, value: Option<&'a Value>) -> Read<Self> {
        let Some(value) = value else {
            return Err(ValidationError::new(whole, "is required"));
        };
        Ok(Fields {
            fields: object(whole, value)?,
            path: "",
        })
    }

    /// The full name of field `key`, as errors give it.
    pub(crate) fn name(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            [self.path, ".", key].cat()
        }
    }

    /// The field's name and value; `None` when absent.
    fn get(&self, key: &str) -> (String, Option<&'a Value>) {
        let value = self.fields.iter().rev().find(|(k, _)| k == key);
        (self.name(key), value.map(|(_, v)| v))
    }

    /// An optional string.
    pub(crate) fn opt_string(&self, key: &str) -> Read<Option<&'a str>> {
        match self.get(key) {
            (field, Some(value)) => string_value(&field, value).map(Some),
            (_, None) => Ok(None),
        }
    }

    /// A required string.
    pub(crate) fn string(&self, key: &str) -> Read<&'a str> {
        self.opt_string(key)?.ok_or_else(|| self.missing(key))
    }

    fn missing(&self, key: &str) -> ValidationError {
        ValidationError::new(&self.name(key), "is required")
    }

    /// An optional boolean.
    pub(crate) fn opt_bool(&self, key: &str) -> Read<Option<bool>> {
        match self.get(key) {
            (_, None) => Ok(None),
            (_, Some(Value::Bool(b))) => Ok(Some(*b)),
            (field, Some(value)) => Err(wrong(&field, "a boolean", value)),
        }
    }

    /// An optional whole number that fits a `u32`; any other number breaks `rule` (the caller
    /// checks the range with the same rule).
    pub(crate) fn opt_integer(&self, key: &str, rule: &str) -> Read<Option<u32>> {
        match self.get(key) {
            (_, None) => Ok(None),
            (_, Some(Value::Number(Some(n)))) => Ok(Some(*n)),
            (field, Some(Value::Number(_))) => Err(ValidationError::new(&field, rule)),
            (field, Some(value)) => Err(wrong(&field, "a number", value)),
        }
    }

    /// An optional map of strings, as pairs in the object's order.
    pub(crate) fn opt_string_map(&self, key: &str) -> Read<Option<Pairs<'a>>> {
        match self.get(key) {
            (field, Some(value)) => string_map(&field, value).map(Some),
            (_, None) => Ok(None),
        }
    }

    /// A required map of strings.
    pub(crate) fn string_map(&self, key: &str) -> Read<Pairs<'a>> {
        self.opt_string_map(key)?.ok_or_else(|| self.missing(key))
    }

    /// A required array of at most 1000 items: its field name and items.
    pub(crate) fn list(&self, key: &str) -> Read<(String, &'a [Value])> {
        let (field, Some(value)) = self.get(key) else {
            return Err(self.missing(key));
        };
        match value {
            Value::Array(items) if items.len() > 1000 => {
                Err(ValidationError::new(&field, "must have at most 1000 items"))
            }
            Value::Array(items) => Ok((field, items)),
            _ => Err(wrong(&field, "an array", value)),
        }
    }

    /// Whether the field is present, and if so whether it is unreadable.
    pub(crate) fn presence(&self, key: &str) -> Read<bool> {
        match self.get(key) {
            (field, Some(value)) if marker(value) == Some("unreadable") => {
                Err(ValidationError::new(&field, "could not be read"))
            }
            (_, value) => Ok(value.is_some()),
        }
    }
}

/// A string without unpaired surrogates (they can't be sent as UTF-8 faithfully).
fn string_value<'v>(field: &str, value: &'v Value) -> Read<&'v str> {
    match value {
        Value::String(text) => Ok(text),
        Value::Unpaired => Err(ValidationError::new(
            field,
            "contains an unpaired surrogate",
        )),
        _ => Err(wrong(field, "a string", value)),
    }
}

fn string_map<'v>(field: &str, value: &'v Value) -> Read<Pairs<'v>> {
    let fields = object(field, value)?;
    let mut pairs = Vec::with_capacity(fields.len());
    for (key, value) in fields {
        validate::map_key(field, key)?;
        let text = string_value(&[field, ".", key].cat(), value)?;
        pairs.push((key.as_str(), text));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Value {
        json::parse(json).unwrap()
    }

    fn error<T>(result: Read<T>) -> String {
        result.err().expect("an error").message()
    }

    #[test]
    fn strings_and_their_wrong_types() {
        let input = read(
            r#"{"a":"x","n":5,"f":{"\u0000":"a function"},"u":{"\u0000":"unreadable"},"s":"\ud800","o":{},"l":[],"z":null,"b":true}"#,
        );
        let fields = Fields::top("input", Some(&input)).unwrap();
        assert_eq!(fields.string("a").unwrap(), "x");
        assert_eq!(fields.opt_string("missing").unwrap(), None);
        assert_eq!(error(fields.string("missing")), "missing is required");
        assert_eq!(
            error(fields.string("n")),
            "n must be a string, not a number"
        );
        assert_eq!(
            error(fields.string("f")),
            "f must be a string, not a function"
        );
        assert_eq!(error(fields.string("u")), "u could not be read");
        assert_eq!(
            error(fields.string("s")),
            "s contains an unpaired surrogate"
        );
        assert_eq!(
            error(fields.string("o")),
            "o must be a string, not an object"
        );
        assert_eq!(
            error(fields.string("l")),
            "l must be a string, not an array"
        );
        assert_eq!(error(fields.string("z")), "z must be a string, not null");
        assert_eq!(
            error(fields.string("b")),
            "b must be a string, not a boolean"
        );
        assert_eq!(fields.opt_bool("b").unwrap(), Some(true));
        assert_eq!(
            error(fields.opt_bool("a")),
            "a must be a boolean, not a string"
        );
        assert!(fields.presence("a").unwrap() && !fields.presence("missing").unwrap());
        assert_eq!(error(fields.presence("u")), "u could not be read");
    }

    #[test]
    fn top_level_arguments() {
        assert_eq!(error(Fields::top("input", None)), "input is required");
        for (json, message) in [
            ("null", "input must be an object, not null"),
            ("[]", "input must be an object, not an array"),
            ("\"s\"", "input must be an object, not a string"),
            (r#"{"\u0000":"unreadable"}"#, "input could not be read"),
            (
                r#"{"\u0000":"a symbol"}"#,
                "input must be an object, not a symbol",
            ),
        ] {
            assert_eq!(error(Fields::top("input", Some(&read(json)))), message);
        }
        assert!(parse_argument("input", "{}").unwrap().is_some());
        assert_eq!(parse_argument("input", "").unwrap(), None);
        let deep = ["[".repeat(200), "]".repeat(200)].concat();
        for unreadable in [deep.as_str(), r#"{"m":{"a\ud800":"x"}}"#] {
            assert_eq!(
                error(parse_argument("input", unreadable)),
                "input could not be read (nested too deeply, or a key with an unpaired surrogate)"
            );
        }
    }

    #[test]
    fn numbers_maps_and_lists() {
        let input = read(
            r#"{"n":3,"big":11,"frac":1.5,"neg":-1,"m":{"k":"v","j":"w"},"bad":{"k":1},"proto":{"__proto__":"x"},"l":[1,2]}"#,
        );
        let fields = Fields::of("options", &input).unwrap();
        assert_eq!(fields.opt_integer("n", "rule").unwrap(), Some(3));
        assert_eq!(fields.opt_integer("big", "rule").unwrap(), Some(11));
        for key in ["frac", "neg"] {
            assert_eq!(
                error(fields.opt_integer(key, "rule")),
                ["options.", key, " rule"].concat()
            );
        }
        assert_eq!(
            error(fields.opt_integer("m", "rule")),
            "options.m must be a number, not an object"
        );
        assert_eq!(
            fields.string_map("m").unwrap(),
            vec![("k", "v"), ("j", "w")]
        );
        assert_eq!(
            error(fields.string_map("bad")),
            "options.bad.k must be a string, not a number"
        );
        assert_eq!(
            error(fields.string_map("proto")),
            "options.proto.__proto__ is not an allowed key"
        );
        assert_eq!(fields.list("l").unwrap().1.len(), 2);
        assert_eq!(
            error(fields.list("m")),
            "options.m must be an array, not an object"
        );
        let long = read(&["{\"l\":[", &vec!["1"; 1001].join(","), "]}"].concat());
        assert_eq!(
            error(Fields::of("x", &long).unwrap().list("l")),
            "x.l must have at most 1000 items"
        );
    }
}
