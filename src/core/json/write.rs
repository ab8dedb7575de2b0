//! A minimal JSON writer: request bodies, and the JS API's answers (error fields, metadata).
//!
//! Strings, string maps and lists of objects, plus ready-made JSON for numbers, booleans and nested
//! objects: far smaller than a general serializer.

/// Builds one JSON object.
pub struct JsonObject {
    out: String,
    first: bool,
}

impl Default for JsonObject {
    fn default() -> Self {
        Self::new()
    }
}

impl JsonObject {
    /// Starts `{`.
    pub fn new() -> Self {
        let mut out = String::with_capacity(256);
        out.push('{');
        JsonObject { out, first: true }
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_string(&mut self.out, key);
        self.out.push(':');
    }

    /// Adds `"key":"value"`.
    pub fn string(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        write_string(&mut self.out, value);
        self
    }

    /// Adds `"key":json`, where `json` is already JSON text (a number, `true`, a finished object).
    #[cfg_attr(not(feature = "npm"), allow(dead_code))]
    pub fn raw(&mut self, key: &str, json: &str) -> &mut Self {
        self.key(key);
        self.out.push_str(json);
        self
    }

    /// Adds `"key":{...}` from string pairs, if present.
    pub fn string_map<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        key: &str,
        map: Option<impl IntoIterator<Item = (K, V)>>,
    ) -> &mut Self {
        if let Some(map) = map {
            self.key(key);
            let mut inner = JsonObject::new();
            for (k, v) in map {
                inner.string(k.as_ref(), v.as_ref());
            }
            self.out.push_str(&inner.finish());
        }
        self
    }

    /// Adds `"key":[{...},...]`, each element written by `item`.
    pub fn list<T>(
        &mut self,
        key: &str,
        items: &[T],
        item: impl Fn(&mut JsonObject, &T),
    ) -> &mut Self {
        self.key(key);
        self.out.push('[');
        for (i, value) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            let mut inner = JsonObject::new();
            item(&mut inner, value);
            self.out.push_str(&inner.finish());
        }
        self.out.push(']');
        self
    }

    /// Closes the object and returns the text.
    pub fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// Writes `s` as a JSON string literal: `"` and `\\` escaped with a backslash, control characters
/// as `\u00XX`, everything else as it is.
fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut kept = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        // ASCII bytes sit on character boundaries.
        out.push_str(crate::core::text::part(s, kept, i));
        if b >= 0x20 {
            out.push('\\');
            out.push(b as char);
        } else {
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xF)] as char);
        }
        kept = i + 1;
    }
    out.push_str(crate::core::text::part(s, kept, s.len()));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn escapes_and_round_trips() {
        let mut map = BTreeMap::new();
        map.insert("k\"ey".to_owned(), "v\\al\u{1}\n\u{2028}é😀".to_owned());
        let mut obj = JsonObject::new();
        obj.string("A", "x")
            .string_map("M", Some(&map))
            .string_map("None", None::<&BTreeMap<String, String>>);
        obj.list("L", &[("n", "v")], |o, (n, v)| {
            o.string("Name", n).string("Value", v);
        });
        let text = obj.finish();
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["A"], "x");
        assert_eq!(parsed["M"]["k\"ey"], "v\\al\u{1}\n\u{2028}é😀");
        assert_eq!(parsed["L"][0]["Value"], "v");
        assert!(parsed.get("None").is_none());
        assert!(text.contains("\\u0001") && text.contains("\\u000a") && text.contains("\u{2028}"));
    }

    #[test]
    fn empty_object() {
        assert_eq!(JsonObject::new().finish(), "{}");
    }
}
