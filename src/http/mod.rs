//! The fetch transport: one POST per attempt, with a per-attempt timeout and the caller's abort
//! signal, and an abortable sleep for backoff. Everything else is pure logic elsewhere.

mod abort;
mod request;
mod response;

pub(crate) use abort::sleep;
pub(crate) use request::{post, Attempt};
