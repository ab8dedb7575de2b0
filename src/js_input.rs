//! Reads JS inputs into the Rust types, turning every wrong JS type into a `ValidationError` that
//! names the field, before anything is sent.

use crate::text::Cat;
use crate::validate::{self, ValidationError};
use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;

// Throwing variants: a Proxy or getter in the caller's input may throw, and a JS exception must
// become a ValidationError, never unwind through the module.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn try_is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn try_entries(value: &JsValue) -> Result<Array, JsValue>;
    // `String.prototype.isWellFormed` (2023 browsers); older ones throw, and then
    // `encodeURIComponent`, which throws on an unpaired surrogate, answers.
    type Utf16Text;
    #[wasm_bindgen(catch, method, js_name = isWellFormed)]
    fn is_well_formed(this: &Utf16Text) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_name = encodeURIComponent)]
    fn encode_uri_component(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// `Array.isArray`, false if it throws (a revoked Proxy).
pub(crate) fn is_array(value: &JsValue) -> bool {
    try_is_array(value).unwrap_or(false)
}

type Read<T> = Result<T, ValidationError>;

/// A map's entries, in the order JS lists them.
pub(crate) type Pairs = Vec<(String, String)>;

fn describe(value: &JsValue) -> &'static str {
    if value.is_null() {
        "null"
    } else if is_array(value) {
        "an array"
    } else if value.is_string() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.is_function() {
        "a function"
    } else if value.is_object() {
        "an object"
    } else {
        "a value of another type"
    }
}

fn wrong(field: &str, expected: &str, value: &JsValue) -> ValidationError {
    ValidationError::new(
        field,
        ["must be ", expected, ", not ", describe(value)].cat(),
    )
}

/// A plain object (not null, not an array).
pub(crate) fn object(field: &str, value: &JsValue) -> Read<Object> {
    if value.is_object() && !is_array(value) && !value.is_function() {
        Ok(value.clone().unchecked_into())
    } else {
        Err(wrong(field, "an object", value))
    }
}

/// An input object's field reader; `path` prefixes field names in errors.
pub(crate) struct Fields<'a> {
    object: Object,
    path: &'a str,
}

impl<'a> Fields<'a> {
    /// Fields of a nested object, named `path.key`.
    pub(crate) fn of(path: &'a str, value: &JsValue) -> Read<Self> {
        Ok(Fields {
            object: object(path, value)?,
            path,
        })
    }

    /// Fields of a top-level argument, named `key`; the argument itself is `whole`.
    pub(crate) fn top(whole: &str, value: &JsValue) -> Read<Self> {
        Ok(Fields {
            object: object(whole, value)?,
            path: "",
        })
    }

    fn name(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            [self.path, ".", key].cat()
        }
    }

    fn get(&self, key: &str) -> Read<(String, JsValue)> {
        let field = self.name(key);
        match Reflect::get(&self.object, &JsValue::from_str(key)) {
            Ok(value) => Ok((field, value)),
            Err(_) => Err(ValidationError::new(field, "could not be read")),
        }
    }

    /// An optional string (`undefined` means absent).
    pub(crate) fn opt_string(&self, key: &str) -> Read<Option<String>> {
        let (field, value) = self.get(key)?;
        if value.is_undefined() {
            return Ok(None);
        }
        string_value(&field, &value).map(Some)
    }

    /// A required string.
    pub(crate) fn string(&self, key: &str) -> Read<String> {
        let (field, value) = self.get(key)?;
        if value.is_undefined() {
            return Err(ValidationError::new(field, "is required"));
        }
        string_value(&field, &value)
    }

    /// An optional boolean.
    pub(crate) fn opt_bool(&self, key: &str) -> Read<Option<bool>> {
        let (field, value) = self.get(key)?;
        if value.is_undefined() {
            return Ok(None);
        }
        value
            .as_bool()
            .map(Some)
            .ok_or_else(|| wrong(&field, "a boolean", &value))
    }

    /// An optional whole number in `min..=max`.
    pub(crate) fn opt_integer(&self, key: &str, min: u32, max: u32) -> Read<Option<u32>> {
        let (field, value) = self.get(key)?;
        if value.is_undefined() {
            return Ok(None);
        }
        match value.as_f64() {
            Some(n) if n.fract() == 0.0 && n >= min as f64 && n <= max as f64 => Ok(Some(n as u32)),
            Some(_) => Err(ValidationError::new(
                field,
                [
                    "must be a whole number from ",
                    &crate::text::decimal(min.into()),
                    " to ",
                    &crate::text::decimal(max.into()),
                ]
                .cat(),
            )),
            None => Err(wrong(&field, "a number", &value)),
        }
    }

    /// An optional map of strings, as pairs in the object's order.
    pub(crate) fn opt_string_map(&self, key: &str) -> Read<Option<Pairs>> {
        let (field, value) = self.get(key)?;
        if value.is_undefined() {
            return Ok(None);
        }
        string_map(&field, &value).map(Some)
    }

    /// A required map of strings.
    pub(crate) fn string_map(&self, key: &str) -> Read<Pairs> {
        let (field, value) = self.get(key)?;
        if value.is_undefined() {
            return Err(ValidationError::new(field, "is required"));
        }
        string_map(&field, &value)
    }

    /// A required array of at most 1000 items: its field name and elements.
    pub(crate) fn list(&self, key: &str) -> Read<(String, Vec<JsValue>)> {
        let (field, value) = self.get(key)?;
        if value.is_undefined() {
            return Err(ValidationError::new(field, "is required"));
        }
        if !is_array(&value) {
            return Err(wrong(&field, "an array", &value));
        }
        let unreadable = || ValidationError::new(field.as_str(), "could not be read");
        let length = Reflect::get(&value, &JsValue::from_str("length"))
            .ok()
            .and_then(|n| n.as_f64())
            .ok_or_else(unreadable)?;
        if length > 1000.0 {
            return Err(ValidationError::new(field, "must have at most 1000 items"));
        }
        let mut items = Vec::with_capacity(length as usize);
        for i in 0..length as u32 {
            items.push(Reflect::get_u32(&value, i).map_err(|_| unreadable())?);
        }
        Ok((field, items))
    }

    /// The raw value of a field.
    pub(crate) fn raw(&self, key: &str) -> Read<(String, JsValue)> {
        self.get(key)
    }
}

/// A string without unpaired surrogates (they can't be sent as UTF-8 faithfully).
fn string_value(field: &str, value: &JsValue) -> Read<String> {
    let Some(js) = value.dyn_ref::<JsString>() else {
        return Err(wrong(field, "a string", value));
    };
    let text = String::from(js);
    // The UTF-8 conversion turns an unpaired surrogate into U+FFFD; only then ask JS which it was.
    let replaced = text
        .as_bytes()
        .windows(3)
        .any(|w| w == "\u{FFFD}".as_bytes());
    let well_formed = || {
        js.unchecked_ref::<Utf16Text>()
            .is_well_formed()
            .unwrap_or_else(|_| encode_uri_component(js).is_ok())
    };
    if replaced && !well_formed() {
        return Err(ValidationError::new(
            field,
            "contains an unpaired surrogate",
        ));
    }
    Ok(text)
}

fn string_map(field: &str, value: &JsValue) -> Read<Pairs> {
    let object = object(field, value)?;
    let entries =
        try_entries(&object).map_err(|_| ValidationError::new(field, "could not be read"))?;
    let mut pairs = Vec::with_capacity(entries.length() as usize);
    for entry in entries.iter() {
        let pair: Array = entry.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        validate::map_key(field, &key)?;
        let text = string_value(&[field, ".", &key].cat(), &pair.get(1))?;
        pairs.push((key, text));
    }
    Ok(pairs)
}
