//! Parsed JSON as the browser holds it: `JSON.parse`, shape checks over `JsValue`, and the error body.

use crate::error::ErrorBody;
use crate::js_input::is_array;
use crate::shape::{JsonView, Kind};
use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::prelude::*;

impl JsonView for JsValue {
    fn kind(&self) -> Kind {
        if self.is_null() || self.is_undefined() {
            Kind::Null
        } else if self.is_string() {
            Kind::String
        } else if self.as_f64().is_some() {
            Kind::Number
        } else if self.as_bool().is_some() {
            Kind::Bool
        } else if is_array(self) {
            Kind::Array
        } else {
            Kind::Object
        }
    }

    fn field(&self, name: &str) -> Option<Self> {
        if self.kind() != Kind::Object {
            return None;
        }
        let key = JsValue::from_str(name);
        if !Object::has_own(self.unchecked_ref::<Object>(), &key) {
            return None;
        }
        Reflect::get(self, &key).ok()
    }

    fn children(&self) -> Vec<Self> {
        // An array's values are its elements, in order.
        Object::values(self.unchecked_ref()).to_vec()
    }

    fn text(&self) -> Option<String> {
        self.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// Parses a reply body (a JS string); a blank body is `{}` (as the AWS SDKs read it).
pub(crate) fn parse(text: &JsValue) -> Option<JsValue> {
    match json_parse(text) {
        Ok(value) => Some(value),
        Err(_) if text.unchecked_ref::<JsString>().trim().length() == 0 => {
            Some(Object::new().into())
        }
        Err(_) => None,
    }
}

/// The `__type`, `code`, `message` and `Message` strings of an error body.
pub(crate) fn error_body(value: &JsValue) -> ErrorBody {
    let text = |name: &str| value.field(name).and_then(|v| v.as_string());
    ErrorBody::new(
        text("__type"),
        text("code"),
        text("message"),
        text("Message"),
    )
}
