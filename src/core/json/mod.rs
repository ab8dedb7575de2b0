//! JSON in the module's own small code: the request bodies and the npm entry's answers are written
//! here, and everything that arrives as text (the npm entry's input and configuration, every reply
//! body) is parsed here, so the module needs no JavaScript object bindings. The Rust API's request
//! types become the same trees through serde.

mod parse;
mod to_value;
mod write;

#[cfg(feature = "fuzzing")]
pub use parse::MAX_DEPTH;
pub use parse::{last_field, parse, Value};
#[cfg(test)]
pub(crate) use to_value::take_skipped;
pub(crate) use to_value::to_value;
pub(crate) use write::JsonObject;
