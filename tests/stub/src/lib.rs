//! The URL of the stub Cognito server (`tests/support/stub-server.mjs`) the crate's browser tests
//! call: `STUB_URL` when it is set at build time, else a stub server the build script started on a
//! free loopback port, which exits after 15 minutes without a request (an hour before the first).
//! So `wasm-pack test --headless --chrome` needs nothing started first; `npm test` runs it so too.
#![no_std]

/// The stub server's base URL, like `http://127.0.0.1:43771`.
pub const URL: &str = env!("COGNITO_VERIFY_STUB_URL");
