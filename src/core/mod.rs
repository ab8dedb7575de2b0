//! The pure core: everything about a call that is not moving bytes. No JavaScript bindings, so all
//! of it runs (and is unit-tested) natively; both transports drive it.

pub(crate) mod body;
pub(crate) mod call;
pub(crate) mod declaration;
pub(crate) mod endpoint;
pub(crate) mod error;
pub(crate) mod input;
pub(crate) mod json;
pub(crate) mod jwt;
pub(crate) mod reply;
pub(crate) mod request;
pub(crate) mod retry;
pub(crate) mod settings;
pub(crate) mod shape;
pub(crate) mod text;
pub(crate) mod validate;
