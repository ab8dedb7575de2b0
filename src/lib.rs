//! # cognito-verify
//!
//! A small WebAssembly client that lets a signed-in Amazon Cognito user verify their email or
//! phone from the browser: `GetUserAttributeVerificationCode`, `VerifyUserAttribute`, `GetUser`,
//! `UpdateUserAttributes` and `InitiateAuth` (`USER_PASSWORD_AUTH`, `REFRESH_TOKEN_AUTH`).
//!
//! Requests are unsigned JSON POSTs authorized by the user's access token, sent with the browser's
//! `fetch`. Errors carry the exact AWS exception name and request id; throttling and transient
//! faults are retried with jittered backoff, `LimitExceededException` never is.
//!
//! ```no_run
//! use cognito_verify::{CallOptions, Client, GetUserAttributeVerificationCodeError as SendError};
//! use cognito_verify::{GetUserAttributeVerificationCodeRequest, VerifyUserAttributeRequest};
//!
//! async fn verify_email(access_token: String, code_from_user: impl std::future::Future<Output = String>)
//! -> Result<(), Box<dyn std::error::Error>> {
//!     let client = Client::for_region("eu-west-1")?;
//!     let sent = client
//!         .get_user_attribute_verification_code(
//!             &GetUserAttributeVerificationCodeRequest {
//!                 access_token: access_token.clone(),
//!                 attribute_name: "email".into(),
//!                 client_metadata: None,
//!             },
//!             &CallOptions::default(),
//!         )
//!         .await;
//!     match sent {
//!         Ok(out) => println!("code sent to {:?}", out.code_delivery_details),
//!         Err(SendError::LimitExceededException(e)) => return Err(e.into()), // wait; don't retry
//!         Err(other) => return Err(other.into()),
//!     }
//!     let code = code_from_user.await;
//!     let verify = VerifyUserAttributeRequest { access_token, attribute_name: "email".into(), code };
//!     client.verify_user_attribute(&verify, &CallOptions::default()).await?;
//!     Ok(())
//! }
//! ```
//!
//! The pure parts (endpoint, validation, request encoding, error decoding, retry policy) are
//! plain Rust; the transport needs a JavaScript host with `fetch` (browser or worker).

mod call;
mod client;
mod endpoint;
mod error;
mod http;
mod js_api;
mod js_input;
mod js_request;
mod json;
mod model;
mod operation;
mod operation_errors;
mod retry;
mod shape;
#[cfg(any(test, feature = "small-alloc"))]
mod small_alloc;
mod text;
mod validate;

pub use client::{CallOptions, Client, ClientConfig, DEFAULT_TIMEOUT_MS};
pub use endpoint::{check_custom_endpoint, check_region, resolve_endpoint};
pub use error::{sanitize_error_name, CognitoError, ErrorBody, ErrorKind, Fault, HttpReply};
pub use model::*;
pub use operation::{Operation, WithMetadata};
pub use operation_errors::*;
pub use retry::{
    backoff_delay_ms, should_retry, BASE_DELAY_MS, DEFAULT_MAX_ATTEMPTS, MAX_DELAY_MS,
    THROTTLE_BASE_DELAY_MS,
};
pub use shape::{check as check_shape, Field, JsonView, Kind, Shape};
pub use validate::ValidationError;

/// The crate's JSON parser, for the fuzz targets (feature `serde-json`); not a stable API.
#[cfg(feature = "serde-json")]
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::json::{parse, Value, MAX_DEPTH};
}
