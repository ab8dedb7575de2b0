//! Reads an input tree field by field, turning every wrong type into a `ValidationError` that names
//! the field, before anything is sent.
//!
//! The npm entry writes values JSON has no form for as one-field objects keyed by U+0000 that say
//! what was there (`{"\u0000":"a function"}`, also `a symbol`, `a bigint`, and `unreadable` for a
//! field whose getter or Proxy throws; see `abi::protocol`), so errors can name it. `undefined`
//! fields are absent.

use crate::core::json::{self, Value};
use crate::core::text::Cat;
use crate::core::validate::{self, ValidationError};

type Read<T> = Result<T, ValidationError>;

/// A map's entries, in the order JS lists them.
pub(crate) type Pairs<'a> = Vec<(&'a str, &'a str)>;

/// The key of a marker: `{MARKER_KEY: "what was there"}` stands for a value JSON cannot hold.
pub(crate) const MARKER_KEY: &str = "\0";
/// A marker's description of a field that could not be read (its getter or Proxy threw).
pub(crate) const UNREADABLE: &str = "unreadable";

/// What the npm entry wrote in place of a value JSON cannot hold, if `value` is such a marker.
fn marker(value: &Value) -> Option<&str> {
    match value {
        Value::Object(fields) => match fields.as_slice() {
            [(key, Value::String(kind))] if key == MARKER_KEY => Some(kind),
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

/// Why `value` is not `expected`: `must be <expected>, not <what it is>`, or `could not be read`
/// for an unreadable field.
fn wrong(expected: &str, value: &Value) -> String {
    if marker(value) == Some(UNREADABLE) {
        return "could not be read".to_owned();
    }
    ["must be ", expected, ", not ", describe(value)].cat()
}

/// Parses the npm entry's JSON text of a top-level argument: `None` for an empty text, which stands
/// for `undefined` (`JSON.stringify` never writes an empty text).
#[cfg_attr(not(feature = "npm"), allow(dead_code))]
pub(crate) fn parse_argument(name: &str, json: &str) -> Read<Option<Value>> {
    if json.is_empty() {
        return Ok(None);
    }
    json::parse(json).map(Some).ok_or_else(|| {
        let reason = "could not be read (nested too deeply, or a key with an unpaired surrogate)";
        ValidationError::new(name, reason)
    })
}

/// A plain object's fields (not null, not an array, not a marker), or why not.
fn object(value: &Value) -> Result<&[(String, Value)], String> {
    match value {
        Value::Object(fields) if marker(value).is_none() => Ok(fields),
        _ => Err(wrong("an object", value)),
    }
}

/// A string without unpaired surrogates (they can't be sent as UTF-8 faithfully), or why not.
fn string_value(value: &Value) -> Result<&str, String> {
    match value {
        Value::String(text) => Ok(text),
        Value::Unpaired => Err("contains an unpaired surrogate".to_owned()),
        _ => Err(wrong("a string", value)),
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
        let fields = object(value).map_err(|reason| ValidationError::new(path, &reason))?;
        Ok(Fields { fields, path })
    }

    /// Fields of a top-level argument, named `key`; the argument itself is `whole` (`None`: it was
    /// not given).
    pub(crate) fn top(whole: &str, value: Option<&'a Value>) -> Read<Self> {
        let Some(value) = value else {
            return Err(ValidationError::new(whole, "is required"));
        };
        let fields = object(value).map_err(|reason| ValidationError::new(whole, &reason))?;
        Ok(Fields { fields, path: "" })
    }

    /// The full name of field `key`, as errors give it.
    pub(crate) fn name(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            [self.path, ".", key].cat()
        }
    }

    /// The error of field `key`.
    fn error(&self, key: &str, reason: &str) -> ValidationError {
        ValidationError::new(&self.name(key), reason)
    }

    /// The field's value; `None` when absent (the last of a repeated key, as `JSON.parse` keeps).
    fn get(&self, key: &str) -> Option<&'a Value> {
        json::last_field(self.fields, key)
    }

    /// An optional string.
    pub(crate) fn opt_string(&self, key: &str) -> Read<Option<&'a str>> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        string_value(value)
            .map(Some)
            .map_err(|reason| self.error(key, &reason))
    }

    /// A required string.
    pub(crate) fn string(&self, key: &str) -> Read<&'a str> {
        self.opt_string(key)?.ok_or_else(|| self.missing(key))
    }

    /// The error for a required field that is absent.
    pub(crate) fn missing(&self, key: &str) -> ValidationError {
        self.error(key, "is required")
    }

    /// An optional boolean.
    pub(crate) fn opt_bool(&self, key: &str) -> Read<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(value) => Err(self.error(key, &wrong("a boolean", value))),
        }
    }

    /// An optional whole number that fits a `u32`; any other number breaks `rule` (the caller
    /// checks the range with the same rule).
    #[cfg_attr(not(feature = "npm"), allow(dead_code))]
    pub(crate) fn opt_integer(&self, key: &str, rule: &str) -> Read<Option<u32>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(Some(n))) => Ok(Some(*n)),
            Some(Value::Number(_)) => Err(self.error(key, rule)),
            Some(value) => Err(self.error(key, &wrong("a number", value))),
        }
    }

    /// An optional map of strings, as pairs in the object's order.
    pub(crate) fn opt_string_map(&self, key: &str) -> Read<Option<Pairs<'a>>> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let fields = object(value).map_err(|reason| self.error(key, &reason))?;
        let mut pairs = Vec::with_capacity(fields.len());
        for (entry, value) in fields {
            let at = || [&self.name(key), ".", entry.as_str()].cat();
            validate::map_key(entry).map_err(|reason| ValidationError::new(&at(), reason))?;
            let text =
                string_value(value).map_err(|reason| ValidationError::new(&at(), &reason))?;
            pairs.push((entry.as_str(), text));
        }
        Ok(Some(pairs))
    }

    /// An optional array of at most 1000 items: its field name and items.
    pub(crate) fn opt_list(&self, key: &str) -> Read<Option<(String, &'a [Value])>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) if items.len() > 1000 => {
                Err(self.error(key, "must have at most 1000 items"))
            }
            Some(Value::Array(items)) => Ok(Some((self.name(key), items))),
            Some(value) => Err(self.error(key, &wrong("an array", value))),
        }
    }

    /// Whether the field is present, and if so whether it is unreadable.
    #[cfg_attr(not(feature = "npm"), allow(dead_code))]
    pub(crate) fn presence(&self, key: &str) -> Read<bool> {
        match self.get(key) {
            Some(value) if marker(value) == Some(UNREADABLE) => {
                Err(self.error(key, "could not be read"))
            }
            value => Ok(value.is_some()),
        }
    }
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
            fields.opt_string_map("m").unwrap().unwrap(),
            vec![("k", "v"), ("j", "w")]
        );
        assert_eq!(
            error(fields.opt_string_map("bad")),
            "options.bad.k must be a string, not a number"
        );
        assert_eq!(
            error(fields.opt_string_map("proto")),
            "options.proto.__proto__ is not an allowed key"
        );
        assert_eq!(fields.opt_list("l").unwrap().unwrap().1.len(), 2);
        assert_eq!(fields.opt_list("missing").unwrap(), None);
        assert_eq!(
            error(fields.opt_list("m")),
            "options.m must be an array, not an object"
        );
        let long = read(&["{\"l\":[", &vec!["1"; 1001].join(","), "]}"].concat());
        assert_eq!(
            error(Fields::of("x", &long).unwrap().opt_list("l")),
            "x.l must have at most 1000 items"
        );
    }
}
