//! A headless verification flow for one attribute (`email` or `phone_number`) of the signed-in
//! user: the decisions around the calls, in plain Rust.
//!
//! [`Flow`] holds the state an app renders ([`FlowState`]) and turns the user's actions (send,
//! verify, change, refresh) into the calls to make, or refuses them ([`Refusal`]); the reply to
//! each call moves the state on. It does no I/O: a face makes each [`Call`] with a current access
//! token and hands the [`Reply`] back with its [`Ticket`]; `VerifyFlow` (feature `rust`) is that
//! face for Rust apps, over [`crate::Client`]. It gets right what apps get wrong:
//! in a pool that keeps the original value until the new one is verified, a resend submits the
//! update again (`GetUserAttributeVerificationCode` would go to the old address); the current
//! value is refused as a change (nothing would be sent); after a verify the tokens are stale
//! until refreshed; `LimitExceededException` starts a long wait; every failure carries a plain
//! next step; `NotAuthorizedException` (or a `RefreshTokenReuseException` from the token source)
//! ends the flow.
//!
//! ```
//! use cognito_verify::flow::{Attribute, Call, Flow, Reply};
//!
//! let mut flow = Flow::new(Attribute::Email);
//! let (ticket, call) = flow.load().unwrap();
//! assert_eq!(call, Call::GetUser);
//! flow.reply(ticket, Reply::User { value: Some("ana@example.com".into()), verified: false }, 0.0);
//! let (_, call) = flow.send(0.0).unwrap();
//! assert_eq!(call, Call::SendCode);
//! ```

#[cfg(feature = "flow-js")]
mod js;
mod machine;
mod state;

pub use machine::{Call, Flow, Refusal, Reply, Ticket, LIMIT_WAIT_MS, RESEND_COOLDOWN_MS};
pub use state::{Attribute, Busy, FlowState, NextStep, Phase, Problem, Wait};

#[cfg(feature = "rust")]
pub use crate::client::flow::{TokenFuture, TokenSource, VerifyFlow};
