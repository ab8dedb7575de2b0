//! # cognito-verify
//!
//! A small WebAssembly client that lets an Amazon Cognito user verify their email or phone from
//! the browser, at sign-up or once signed in: `GetUserAttributeVerificationCode`,
//! `VerifyUserAttribute`, `GetUser`, `UpdateUserAttributes`; `SignUp`, `ConfirmSignUp`,
//! `ResendConfirmationCode`; `InitiateAuth` (`USER_PASSWORD_AUTH`, `REFRESH_TOKEN_AUTH`),
//! `RespondToAuthChallenge`; `GetTokensFromRefreshToken`, `RevokeToken` and `GlobalSignOut`.
//!
//! Requests are unsigned JSON POSTs authorized by the user's access token (or the app client id), sent with the browser's
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
//! ## Layout
//!
//! - `core`: the pure logic (endpoint, validation, encoding, reply bodies, error decoding, retry
//!   policy, one call's attempts); no JavaScript, unit-tested natively.
//! - `operations`: one file per operation, declaring its wire name, input rules, secrets, output
//!   shape and error enum once for both faces.
//! - [`flow`]: the verification flow's decisions (send, resend, verify, change, refresh), pure.
//! - `client` (feature `rust`, on by default): the Rust API and its `web-sys` fetch transport.
//! - `abi` (feature `npm`): the exports the npm package's JavaScript drives, with its allocator and
//!   the TypeScript declarations; compiled only for the npm build.
#![warn(missing_docs)]
// The flow's own module (feature `flow-js` alone) uses the core's JSON only: the rest serves the faces.
#![cfg_attr(
    not(any(feature = "rust", feature = "npm", feature = "fuzzing", test)),
    allow(dead_code)
)]

// The size-class allocator of the npm modules (the verify module and the flow's).
#[cfg(any(
    test,
    all(target_arch = "wasm32", any(feature = "npm", feature = "flow-js"))
))]
mod alloc;
mod core;
pub mod flow;
#[macro_use]
mod model;
mod operations;

#[cfg(feature = "rust")]
mod client;

#[cfg(feature = "npm")]
mod abi;

#[cfg(feature = "rust")]
pub use client::{CallOptions, Client, ClientConfig};
pub use core::error::{CognitoError, ErrorKind, Fault};
pub use core::retry::{DEFAULT_MAX_ATTEMPTS, MAX_ALLOWED_ATTEMPTS};
pub use core::settings::DEFAULT_TIMEOUT_MS;
pub use model::*;
pub use operations::*;

/// Internals for the fuzz targets (feature `fuzzing`); not a stable API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    use crate::core::body::{Body, BodyReader, Step};
    pub use crate::core::endpoint::{check_custom_endpoint, resolve_endpoint};
    pub use crate::core::json::{parse, Value, MAX_DEPTH};
    pub use crate::core::reply::sanitize_error_name;
    use crate::core::reply::{decode, HttpReply};
    pub use crate::core::shape::{check as check_shape, JsonView, Kind, Shape};
    pub use crate::core::text::as_text;
    pub use crate::operations::fuzzing::*;

    /// The largest body read.
    pub const MAX_BODY_BYTES: usize = crate::core::body::MAX_BODY_BYTES;

    /// How the body policy reads `chunks` of a reply (2xx when `success`): how many it took and
    /// whether the last one taken made it whole, then the body (`Err` for too large or not UTF-8).
    pub fn read_body(
        chunks: &[&[u8]],
        success: bool,
    ) -> (usize, bool, Result<String, &'static str>) {
        let mut reader = BodyReader::default();
        let mut taken = 0;
        let mut whole = false;
        for chunk in chunks {
            taken += 1;
            match reader.push(chunk) {
                Step::More => continue,
                Step::Whole => whole = true,
                Step::TooLarge => {}
            }
            break;
        }
        let body = match reader.finish(success) {
            Body::Text(text) => Ok(text),
            Body::TooLarge => Err("too large"),
            Body::NotUtf8 => Err("not UTF-8"),
        };
        (taken, whole, body)
    }

    /// The error a non-2xx reply with this status, `x-amzn-ErrorType` header and body decodes to.
    pub fn decode_error(
        status: u16,
        error_type: Option<String>,
        body: &str,
    ) -> crate::CognitoError {
        static ANY: Shape = Shape::Object(&[]);
        let reply = HttpReply {
            status,
            error_type,
            request_id: Some("fuzz".into()),
        };
        match decode(&reply, &Body::Text(body.to_owned()), &ANY) {
            Err(err) => err,
            Ok(_) => panic!("a {status} reply decoded as a success"),
        }
    }
}
