//! Input rules from the Cognito API reference, checked before any request is sent.

use crate::core::text::{all_bytes, Cat};
use std::fmt;

/// Bad input, caught before any network call: the offending input field (`AccessToken`,
/// `UserAttributes[0].Name`, `ClientMetadata.plan`, `region`...) and the rule it broke. One pointer
/// wide, so the many results that may carry it stay small.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError(Box<(String, String)>);

impl ValidationError {
    /// A new error for `field`.
    pub(crate) fn new(field: &str, reason: &str) -> Self {
        ValidationError(Box::new((field.to_owned(), reason.to_owned())))
    }

    /// The input field that broke a rule.
    pub fn field(&self) -> &str {
        &self.0 .0
    }

    /// The rule it broke, in words.
    pub fn reason(&self) -> &str {
        &self.0 .1
    }

    /// `"<field> <reason>"`, the message users see.
    pub fn message(&self) -> String {
        [self.field(), " ", self.reason()].cat()
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.field())?;
        f.write_str(" ")?;
        f.write_str(self.reason())
    }
}

impl std::error::Error for ValidationError {}

type Checked = Result<(), ValidationError>;

/// At most `max` characters, and at least one if `non_empty`.
fn length(field: &str, value: &str, non_empty: bool, max: usize) -> Checked {
    let n = crate::core::text::char_count(value);
    if non_empty && n == 0 {
        Err(ValidationError::new(field, "must not be empty"))
    } else if n > max {
        let reason = [
            "must be at most ",
            &crate::core::text::decimal(max as u64),
            " characters",
        ];
        Err(ValidationError::new(field, &reason.cat()))
    } else {
        Ok(())
    }
}

/// `AccessToken`: required, pattern `[A-Za-z0-9-_=.]+`.
pub fn access_token(field: &str, token: &str) -> Checked {
    if token.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    let ok = all_bytes(token.as_bytes(), |b| {
        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=' | b'.')
    });
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            "must contain only letters, digits and - _ = . (a JWT)",
        ))
    }
}

/// `AttributeName`: 1 to 32 characters, each a letter, mark, symbol, number or punctuation
/// (`[\p{L}\p{M}\p{S}\p{N}\p{P}]`): no spaces, control, format or private-use characters.
pub fn attribute_name(field: &str, name: &str) -> Checked {
    length(field, name, true, 32)?;
    if all_chars(name, is_visible) {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            "must not contain spaces, control or invisible characters",
        ))
    }
}

/// Whether every character of `text` passes `ok` (one copy of the character loop for every rule).
fn all_chars(text: &str, ok: fn(char) -> bool) -> bool {
    text.chars().all(ok)
}

/// True for characters of the general categories L, M, S, N and P, judged by exclusion of
/// separators (Z), control (Cc), format (Cf) and private-use (Co) characters.
fn is_visible(c: char) -> bool {
    let u = c as u32;
    let format = matches!(
        u,
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    );
    let private_use = matches!(u, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF);
    !(is_space_or_control(c) || format || private_use)
}

/// Unicode `White_Space` or a control character (`Cc`): `char::is_whitespace() || is_control()`
/// without the Unicode table behind the first.
fn is_space_or_control(c: char) -> bool {
    matches!(
        c as u32,
        0..=0x20
            | 0x7F..=0xA0
            | 0x1680
            | 0x2000..=0x200A
            | 0x2028
            | 0x2029
            | 0x202F
            | 0x205F
            | 0x3000
    )
}

/// `Code`: 1 to 2048 characters, no whitespace (`[\S]+`).
pub fn code(field: &str, code: &str) -> Checked {
    length(field, code, true, 2048)?;
    if all_chars(code, |c| !is_space_or_control(c)) {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            "must not contain spaces or control characters",
        ))
    }
}

/// `ClientId`: 1 to 128 characters of `[\w+]`.
pub fn client_id(field: &str, id: &str) -> Checked {
    length(field, id, true, 128)?;
    if all_bytes(id.as_bytes(), |b| {
        b.is_ascii_alphanumeric() || b == b'_' || b == b'+'
    }) {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            "must contain only letters, digits, _ and +",
        ))
    }
}

/// An attribute `Value`: at most 2048 characters.
pub fn attribute_value(field: &str, value: &str) -> Checked {
    length(field, value, false, 2048)
}

/// A key of `ClientMetadata`, `AuthParameters` and other string maps: not empty and not `__proto__`,
/// which would pollute the prototype of whatever parses it. Answers why not.
pub fn map_key(key: &str) -> Result<(), &'static str> {
    if key.is_empty() || key == "__proto__" {
        Err("is not an allowed key")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_controls_as_std_sees_them() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let std = c.is_whitespace() || c.is_control();
            assert_eq!(is_space_or_control(c), std, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn access_tokens() {
        assert!(access_token("AccessToken", "eyJhbGciOi.eyJzdWIi-_=.sig").is_ok());
        for bad in ["", "a b", "a\nb", "a+b", "a/b", "tok\u{0}"] {
            let err = access_token("AccessToken", bad).unwrap_err();
            assert_eq!(err.field(), "AccessToken");
            assert!(
                !err.reason().contains(bad) || bad.is_empty(),
                "the token must not be echoed"
            );
        }
    }

    #[test]
    fn attribute_names() {
        for ok in [
            "email",
            "phone_number",
            "custom:tier",
            "ÉCOLE",
            "名前",
            "a",
            &"x".repeat(32),
            "e✓",
        ] {
            assert!(attribute_name("AttributeName", ok).is_ok(), "{ok}");
        }
        let long = "x".repeat(33);
        let huge = "x".repeat(1 << 20);
        for bad in [
            "",
            "has space",
            "tab\t",
            "nul\u{0}",
            "zw\u{200B}j",
            "bom\u{FEFF}",
            "pua\u{E000}",
            &long,
            &huge,
        ] {
            assert_eq!(
                attribute_name("AttributeName", bad).unwrap_err().field(),
                "AttributeName"
            );
        }
        assert!(attribute_name("AttributeName", &long)
            .unwrap_err()
            .reason()
            .contains("32"));
    }

    #[test]
    fn codes() {
        assert!(code("Code", "123456").is_ok());
        assert!(code("Code", &"9".repeat(2048)).is_ok());
        for bad in ["", "12 34", "12\n", &"9".repeat(2049)] {
            assert_eq!(code("Code", bad).unwrap_err().field(), "Code");
        }
    }

    #[test]
    fn client_ids() {
        assert!(client_id("ClientId", "4tq2abc_d+E").is_ok());
        for bad in ["", "a-b", "a b", &"a".repeat(129)] {
            assert_eq!(client_id("ClientId", bad).unwrap_err().field(), "ClientId");
        }
    }

    #[test]
    fn map_keys() {
        assert!(map_key("plan").is_ok());
        for bad in ["", "__proto__"] {
            assert_eq!(map_key(bad), Err("is not an allowed key"));
        }
    }

    #[test]
    fn message_names_the_field() {
        let err = ValidationError::new("Code", "must not be empty");
        assert_eq!(err.message(), "Code must not be empty");
        assert_eq!(err.to_string(), "Code must not be empty");
    }
}
