//! JSON text in both directions: the request bodies and the JS API's answers are written here, and
//! everything that arrives as text (the JS API's input and configuration, every reply body) is
//! parsed here, so the module needs no JavaScript object bindings.

mod parse;
mod write;

#[cfg(feature = "serde-json")]
pub use parse::MAX_DEPTH;
pub use parse::{parse, Value};
pub use write::JsonObject;
