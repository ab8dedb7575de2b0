//! A small, strict JSON parser (RFC 8259, as `JSON.parse` reads it) into [`Value`].

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, with its value when it is written as plain digits that fit a `u32` (every number
    /// an input or a reply holds); `None` for fractions, exponents, negative or larger numbers.
    Number(Option<u32>),
    /// A string.
    String(String),
    /// A string with an unpaired surrogate escape (`"\ud800"`): valid JSON that no UTF-8 text can
    /// carry. `JSON.stringify` writes unpaired surrogates of JS strings this way.
    Unpaired,
    /// An array's items.
    Array(Vec<Value>),
    /// An object's fields, in text order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// An object's field `name` (the last one of a repeated name, as `JSON.parse` keeps); `None`
    /// for other values.
    pub fn field(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => last_field(fields, name),
            _ => None,
        }
    }
}

/// The last field of `fields` named `name`.
pub fn last_field<'v>(fields: &'v [(String, Value)], name: &str) -> Option<&'v Value> {
    let mut at = fields.len();
    while at > 0 {
        at -= 1;
        if fields[at].0 == name {
            return Some(&fields[at].1);
        }
    }
    None
}

/// The deepest nesting accepted: inputs and replies nest a few levels, and the parser recurses.
pub const MAX_DEPTH: usize = 64;

/// Parses `text` as one JSON value; `None` if it is not JSON, nests deeper than [`MAX_DEPTH`], or has
/// an object key with an unpaired surrogate (no input or reply needs one, and keys are not checked
/// after parsing as values are).
pub fn parse(text: &str) -> Option<Value> {
    let mut parser = Parser { text, at: 0 };
    let value = parser.value(0)?;
    (parser.peek().is_none()).then_some(value)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    /// The next byte after whitespace.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
        bytes.get(self.at).copied()
    }

    /// Consumes `byte` if it comes next (after whitespace).
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => {
                self.at += 1;
                let mut fields = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        if self.peek() != Some(b'"') {
                            return None;
                        }
                        let Value::String(key) = self.string()? else {
                            return None;
                        };
                        if !self.eat(b':') {
                            return None;
                        }
                        fields.push((key, self.value(depth + 1)?));
                        if !self.eat(b',') {
                            break;
                        }
                    }
                    if !self.eat(b'}') {
                        return None;
                    }
                }
                Some(Value::Object(fields))
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if !self.eat(b',') {
                            break;
                        }
                    }
                    if !self.eat(b']') {
                        return None;
                    }
                }
                Some(Value::Array(items))
            }
            b'"' => self.string(),
            b't' => self.word("true", Value::Bool(true)),
            b'f' => self.word("false", Value::Bool(false)),
            b'n' => self.word("null", Value::Null),
            _ => self.number(),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Option<Value> {
        let found = self.text.as_bytes()[self.at..].starts_with(word.as_bytes());
        self.at += word.len();
        found.then_some(value)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Option<Value> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let digits = |at: &mut usize| {
            let first = *at;
            while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at - first
        };
        let mut at = start + usize::from(bytes.get(start) == Some(&b'-'));
        let whole = at;
        match digits(&mut at) {
            0 => return None,
            1 => {}
            _ if bytes[whole] == b'0' => return None,
            _ => {}
        }
        let plain_end = at;
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            if digits(&mut at) == 0 {
                return None;
            }
        }
        if let Some(b'e' | b'E') = bytes.get(at) {
            at += 1;
            if let Some(b'+' | b'-') = bytes.get(at) {
                at += 1;
            }
            if digits(&mut at) == 0 {
                return None;
            }
        }
        self.at = at;
        let plain = whole == start && plain_end == at;
        let value = bytes[start..at].iter().try_fold(0u32, |n, &d| {
            n.checked_mul(10)?
                .checked_add(u32::from(d.wrapping_sub(b'0')))
        });
        Some(Value::Number(value.filter(|_| plain)))
    }

    /// A string literal, the opening quote next.
    fn string(&mut self) -> Option<Value> {
        let bytes = self.text.as_bytes();
        let mut out = String::new();
        let mut well_formed = true;
        let mut at = self.at + 1;
        let mut kept = at;
        loop {
            let b = *bytes.get(at)?;
            if b == b'"' || b == b'\\' {
                out.push_str(self.text.get(kept..at)?);
            }
            match b {
                b'"' => break,
                b'\\' => {
                    let escape = *bytes.get(at + 1)?;
                    at += 2;
                    let c = match escape {
                        b'"' | b'\\' | b'/' => escape as char,
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let unit = self.hex4(at)?;
                            at += 4;
                            let mut code = u32::from(unit);
                            if (0xD800..0xDC00).contains(&unit)
                                && bytes.get(at..at + 2) == Some(b"\\u")
                            {
                                if let Some(low @ 0xDC00..0xE000) = self.hex4(at + 2) {
                                    code = 0x10000
                                        + ((code - 0xD800) << 10)
                                        + (u32::from(low) - 0xDC00);
                                    at += 6;
                                }
                            }
                            char::from_u32(code).unwrap_or_else(|| {
                                well_formed = false;
                                '\u{FFFD}'
                            })
                        }
                        _ => return None,
                    };
                    out.push(c);
                    kept = at;
                }
                0..=0x1F => return None,
                _ => at += 1,
            }
        }
        self.at = at + 1;
        Some(if well_formed {
            Value::String(out)
        } else {
            Value::Unpaired
        })
    }

    fn hex4(&self, at: usize) -> Option<u16> {
        let digits = self.text.as_bytes().get(at..at + 4)?;
        digits.iter().try_fold(0u16, |n, &d| {
            let v = (d as char).to_digit(16)?;
            Some(n << 4 | v as u16)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::String(s.to_owned())
    }

    #[test]
    fn parses_what_json_parse_parses() {
        assert_eq!(
            parse(r#" {"a": [1, "x", true, false, null, {}], "b": {"c": []}} "#),
            Some(Value::Object(vec![
                (
                    "a".into(),
                    Value::Array(vec![
                        Value::Number(Some(1)),
                        text("x"),
                        Value::Bool(true),
                        Value::Bool(false),
                        Value::Null,
                        Value::Object(vec![]),
                    ])
                ),
                (
                    "b".into(),
                    Value::Object(vec![("c".into(), Value::Array(vec![]))])
                ),
            ]))
        );
        assert_eq!(
            parse(r#""q\"b\\s\/\b\f\n\r\t\u00e9\u2028😀\ud83d\ude00""#),
            Some(text("q\"b\\s/\u{8}\u{c}\n\r\t\u{e9}\u{2028}😀😀"))
        );
        assert_eq!(parse("\"\"").unwrap(), text(""));
    }

    #[test]
    fn numbers_keep_plain_u32_values() {
        for (json, value) in [
            ("0", Some(0)),
            ("3600", Some(3600)),
            ("4294967295", Some(u32::MAX)),
            ("4294967296", None),
            ("99999999999999999999", None),
            ("-1", None),
            ("-0", None),
            ("1.5", None),
            ("1.0", None),
            ("1e3", None),
            ("2E-2", None),
            ("1e+2", None),
        ] {
            assert_eq!(parse(json), Some(Value::Number(value)), "{json}");
        }
        for bad in [
            "01", "-", "1.", ".5", "1e", "+1", "1e+", "--1", "0x1", "NaN", "Infinity",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn unpaired_surrogates_are_marked() {
        for json in [
            r#""\ud800""#,
            r#""a\udc00b""#,
            r#""\ud800\u0041""#,
            r#""\udbff""#,
        ] {
            assert_eq!(parse(json), Some(Value::Unpaired), "{json}");
        }
        assert_eq!(parse(r#"{"\ud800":1}"#), None, "a key must be well formed");
    }

    #[test]
    fn refuses_what_json_parse_refuses() {
        for bad in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "[,1]",
            "{\"a\":1,}",
            "{a:1}",
            "{'a':1}",
            "{\"a\" 1}",
            "\"unterminated",
            "\"tab\tinside\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12G4\"",
            "tru",
            "nul",
            "truex",
            "[1 2]",
            "{} {}",
            "\u{a0}1",
            "[",
            "[[]",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = |n: usize| ["[".repeat(n), "]".repeat(n)].concat();
        assert!(parse(&deep(MAX_DEPTH + 1)).is_some());
        assert!(parse(&deep(MAX_DEPTH + 2)).is_none());
        assert!(parse(&deep(100_000)).is_none(), "no stack overflow");
    }
}
