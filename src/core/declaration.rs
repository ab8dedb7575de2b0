//! How an operation is declared: what each file in `operations/` fills in once, and what both faces
//! validate, encode and redact through ([`crate::core::request::prepare`]).

use crate::core::shape::Shape;
pub use crate::core::validate::Text;

/// One operation: its wire name, input, output and retry class.
pub struct Declaration {
    /// The wire name, after `AWSCognitoIdentityProviderService.`.
    pub name: &'static str,
    /// The input fields, in the order the request body is written.
    pub input: &'static [Input],
    /// The output's JSON shape, checked before anyone sees the reply.
    pub output: &'static Shape,
    /// Whether the request may be sent twice.
    pub repeat: Repeat,
}

/// Whether an operation's request may be sent twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeat {
    /// It only reads or is harmless to repeat: retried after timeouts and dropped connections too.
    Safe,
    /// It sends a code, checks one or a password, or changes state: tried again only after a reply
    /// that proves nothing happened (throttling, 503), never after one that leaves it open (500,
    /// 502, 504, a timeout, a dropped connection): a second code would also count toward
    /// `LimitExceededException`, and a second check of a used code fails.
    Once,
    /// `Safe` when field `field` has one of `values`, else `Once`.
    SafeWhen {
        /// The field that decides.
        field: &'static str,
        /// Its values for which the request is harmless to repeat.
        values: &'static [&'static str],
    },
}

/// An input field: its wire name and the rules it follows.
pub struct Input {
    /// The wire name.
    pub name: &'static str,
    /// What the value must be.
    pub rule: Rule,
    /// Whether the input must have it.
    pub required: bool,
    /// Whether the value is a secret (a token, a password): scrubbed from any error message and
    /// from `Debug` output.
    pub secret: bool,
}

/// What an input field's value must be.
pub enum Rule {
    /// A string that follows its rule.
    Text(Text),
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// An object of string values.
    Map(&'static MapRule),
    /// `true` or `false`.
    Bool,
    /// A list of `{Name, Value?}` user attributes.
    Attributes {
        /// Whether the list must hold at least one.
        non_empty: bool,
    },
}

/// The rules of a map of strings beyond its type.
pub struct MapRule {
    /// Keys whose values are secrets.
    pub secret_keys: &'static [&'static str],
    /// Keys the map must hold, by the value of another (earlier) field.
    pub required_keys: Option<KeysBy>,
}

/// Keys a map must hold (with non-empty values), which depend on another field's value.
pub struct KeysBy {
    /// The field whose value decides.
    pub field: &'static str,
    /// For each of its values, the keys required.
    pub cases: &'static [(&'static str, &'static [&'static str])],
}

/// A field the input must have.
pub const fn required(name: &'static str, rule: Rule) -> Input {
    Input {
        name,
        rule,
        required: true,
        secret: false,
    }
}

/// A field the input may have.
pub const fn optional(name: &'static str, rule: Rule) -> Input {
    Input {
        name,
        rule,
        required: false,
        secret: false,
    }
}

impl Input {
    /// The same field, its value a secret.
    pub const fn secret(self) -> Input {
        Input {
            secret: true,
            ..self
        }
    }
}

/// A map of strings with no further rules (`ClientMetadata`).
pub const STRING_MAP: Rule = Rule::Map(&MapRule {
    secret_keys: &[],
    required_keys: None,
});
