//! Input rules from the Cognito API reference, checked before any request is sent.

use crate::core::text::{all_bytes, find_byte, Cat};
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

/// From `min` to `max` characters.
fn length(field: &str, value: &str, min: usize, max: usize) -> Checked {
    let n = crate::core::text::char_count(value);
    let limit = |words: &str, limit: usize| {
        let reason = [
            words,
            &crate::core::text::decimal(limit as u64),
            " characters",
        ];
        Err(ValidationError::new(field, &reason.cat()))
    };
    if n == 0 && min > 0 {
        Err(ValidationError::new(field, "must not be empty"))
    } else if n < min {
        limit("must be at least ", min)
    } else if n > max {
        limit("must be at most ", max)
    } else {
        Ok(())
    }
}

/// The rules of the API reference for strings, by what the string is: a length in characters and
/// the characters allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// An access token, `[A-Za-z0-9-_=.]+`; when it is a JWT, also what its payload says (see
    /// [`crate::core::jwt`]).
    AccessToken,
    /// A refresh token or another token, `[A-Za-z0-9-_=.]+`.
    Token,
    /// An attribute name: 1 to 32 letters, marks, symbols, numbers or punctuation.
    AttributeName,
    /// An attribute value: at most 2048 characters.
    AttributeValue,
    /// A code: 1 to 2048 characters, no whitespace.
    Code,
    /// An app client id: 1 to 128 of `[\w+]`.
    ClientId,
    /// A username: 1 to 128 letters, marks, symbols, numbers or punctuation.
    Username,
    /// A password: 1 to 256 characters, no whitespace.
    Password,
    /// A `SecretHash`: 1 to 128 of `[\w+=/]`.
    SecretHash,
    /// An app client secret: 24 to 64 of `[\w+]`.
    ClientSecret,
    /// A session from a previous reply: 20 to 2048 characters.
    Session,
    /// A device key, `[\w-]+_[0-9a-f-]+`, at most 55 characters.
    DeviceKey,
}

/// The characters a string may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chars {
    /// `[A-Za-z0-9-_=.]`.
    Token,
    /// `[\w+]`.
    Word,
    /// `[\w+=/]`.
    SecretHash,
    /// `[\w-]+_[0-9a-f-]+`.
    DeviceKey,
    /// Letters, marks, symbols, numbers and punctuation: `[\p{L}\p{M}\p{S}\p{N}\p{P}]`.
    Visible,
    /// Anything but whitespace and control characters: `[\S]`.
    NoSpace,
    /// Any characters.
    Any,
}

impl Chars {
    /// Whether `c` may appear.
    fn allows(self, c: char) -> bool {
        let ascii = |marks: &str| {
            let marks = marks.as_bytes();
            c.is_ascii_alphanumeric()
                || (c.is_ascii() && find_byte(marks, |m| m == c as u8) < marks.len())
        };
        match self {
            Chars::Token => ascii("-_=."),
            Chars::Word => ascii("_+"),
            Chars::SecretHash => ascii("_+=/"),
            Chars::DeviceKey => ascii("_-"),
            Chars::Visible => is_visible(c),
            Chars::NoSpace => !is_space_or_control(c),
            Chars::Any => true,
        }
    }

    /// The rule, in words.
    fn rule(self) -> &'static str {
        match self {
            Chars::Token => "must contain only letters, digits and - _ = .",
            Chars::Word => "must contain only letters, digits and _ +",
            Chars::SecretHash => "must contain only letters, digits and _ + = /",
            Chars::DeviceKey => "must match [\\w-]+_[0-9a-f-]+",
            Chars::Visible => "must not contain spaces, control or invisible characters",
            Chars::NoSpace | Chars::Any => "must not contain spaces or control characters",
        }
    }
}

impl Text {
    /// The least and most characters, and which.
    fn limits(self) -> (usize, usize, Chars) {
        match self {
            Text::AccessToken | Text::Token => (1, usize::MAX, Chars::Token),
            Text::AttributeName => (1, 32, Chars::Visible),
            Text::AttributeValue => (0, 2048, Chars::Any),
            Text::Code => (1, 2048, Chars::NoSpace),
            Text::ClientId => (1, 128, Chars::Word),
            Text::Username => (1, 128, Chars::Visible),
            Text::Password => (1, 256, Chars::NoSpace),
            Text::SecretHash => (1, 128, Chars::SecretHash),
            Text::ClientSecret => (24, 64, Chars::Word),
            Text::Session => (20, 2048, Chars::Any),
            Text::DeviceKey => (1, 55, Chars::DeviceKey),
        }
    }

    /// Checks `value` of field `field`. The reason never quotes the value.
    pub fn check(self, field: &str, value: &str) -> Checked {
        let (min, max, chars) = self.limits();
        length(field, value, min, max)?;
        let ok = value.chars().all(|c| chars.allows(c))
            && (chars != Chars::DeviceKey || is_device_key(value.as_bytes()));
        if !ok {
            return Err(ValidationError::new(field, chars.rule()));
        }
        if self == Text::AccessToken {
            if let Some(problem) = crate::core::jwt::access_token_problem(value) {
                return Err(ValidationError::new(field, problem));
            }
        }
        Ok(())
    }
}

/// `[\w-]+_[0-9a-f-]+` for `bytes` of `[\w-]`: after the last `_` (which cannot be first) one or
/// more lowercase hex digits and `-`.
fn is_device_key(bytes: &[u8]) -> bool {
    let mut last = bytes.len();
    while last > 0 && bytes[last - 1] != b'_' {
        last -= 1;
    }
    last > 1
        && last < bytes.len()
        && all_bytes(
            &bytes[last..],
            |b| matches!(b, b'0'..=b'9' | b'a'..=b'f' | b'-'),
        )
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

    /// Whether `value` passes `text`'s rule; a refusal names the field and never quotes the value.
    fn passes(text: Text, value: &str) -> bool {
        match text.check("F", value) {
            Ok(()) => true,
            Err(err) => {
                assert_eq!(err.field(), "F");
                assert!(
                    value.len() < 3 || !err.reason().contains(value),
                    "{value:?} echoed"
                );
                false
            }
        }
    }

    /// Each kind of string: values the API reference allows, and values it does not.
    #[test]
    fn every_kind_of_string_by_its_rule() {
        let (x24, x55, x56) = ("x".repeat(24), "a".repeat(53) + "_1", "a".repeat(54) + "_1");
        let cases: &[(Text, &[&str], &[&str])] = &[
            (
                Text::Token,
                &["eyJhbGciOi.eyJzdWIi-_=.sig", "r"],
                &["", "a b", "a\nb", "a+b", "a/b", "tok\u{0}"],
            ),
            (
                Text::AttributeName,
                &[
                    "email",
                    "phone_number",
                    "custom:tier",
                    "ÉCOLE",
                    "名前",
                    "a",
                    &"x".repeat(32),
                    "e✓",
                ],
                &[
                    "",
                    "has space",
                    "tab\t",
                    "nul\u{0}",
                    "zw\u{200B}j",
                    "bom\u{FEFF}",
                    "pua\u{E000}",
                    &"x".repeat(33),
                    &"x".repeat(1 << 20),
                ],
            ),
            (
                Text::AttributeValue,
                &["", "a b\n", &"v".repeat(2048)],
                &[&"v".repeat(2049)],
            ),
            (
                Text::Code,
                &["123456", &"9".repeat(2048)],
                &["", "12 34", "12\n", &"9".repeat(2049)],
            ),
            (
                Text::ClientId,
                &["4tq2abc_d+E"],
                &["", "a-b", "a b", &"a".repeat(129)],
            ),
            (
                Text::Username,
                &[
                    "ana",
                    "ana@example.com",
                    "+15550100",
                    "名前",
                    &"u".repeat(128),
                ],
                &["", "ana smith", "tab\t", "zw\u{200B}", &"u".repeat(129)],
            ),
            (
                Text::Password,
                &["Pa55-word!", "p", &"p".repeat(256)],
                &["", "pass word", "p\n", &"p".repeat(257)],
            ),
            (
                Text::SecretHash,
                &["aGFzaA+/=_9"],
                &["", "a-b", "a b", &"h".repeat(129)],
            ),
            (
                Text::ClientSecret,
                &[&x24, &"s".repeat(64), "abcdefghij_klmnopqrstu+vw"],
                &[
                    "",
                    &"s".repeat(23),
                    &"s".repeat(65),
                    &("-".to_owned() + &x24),
                ],
            ),
            (
                Text::Session,
                &[&"s".repeat(20), &"s ".repeat(1024)],
                &["", &"s".repeat(19), &"s".repeat(2049)],
            ),
            (
                Text::DeviceKey,
                &["us-east-1_0a1b2c3d-4e5f", "a_b", "a_b_c0", &x55],
                &[
                    "", "_ab", "ab_", "abc", "a_B", "a_g", "a b_c", "a_c.d", &x56,
                ],
            ),
        ];
        for (text, good, bad) in cases {
            for value in *good {
                assert!(passes(*text, value), "{text:?} refuses {value:?}");
            }
            for value in *bad {
                assert!(!passes(*text, value), "{text:?} accepts {value:?}");
            }
        }
    }

    #[test]
    fn reasons_say_what_the_rule_is() {
        let reason =
            |text: Text, value: &str| text.check("F", value).unwrap_err().reason().to_owned();
        assert_eq!(
            reason(Text::ClientId, "a-b"),
            "must contain only letters, digits and _ +"
        );
        assert_eq!(
            reason(Text::Token, "a b"),
            "must contain only letters, digits and - _ = ."
        );
        assert_eq!(
            reason(Text::AttributeName, &"x".repeat(33)),
            "must be at most 32 characters"
        );
        assert_eq!(
            reason(Text::Session, "short"),
            "must be at least 20 characters"
        );
        assert_eq!(reason(Text::Code, ""), "must not be empty");
        assert_eq!(
            reason(Text::DeviceKey, "abc"),
            "must match [\\w-]+_[0-9a-f-]+"
        );
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
