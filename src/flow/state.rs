//! What a verification flow shows: the state an app renders, and the plain next step after a
//! failure.

use crate::CodeDeliveryDetailsType;

/// The attribute a flow verifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribute {
    /// `email`, verified by a code sent to it.
    Email,
    /// `phone_number`, verified by a code sent by SMS.
    Phone,
}

impl Attribute {
    /// The attribute's wire name.
    pub fn name(self) -> &'static str {
        match self {
            Attribute::Email => "email",
            Attribute::Phone => "phone_number",
        }
    }

    /// The attribute that says whether it is verified.
    pub fn verified_name(self) -> &'static str {
        match self {
            Attribute::Email => "email_verified",
            Attribute::Phone => "phone_number_verified",
        }
    }

    /// Whether two values name the same address or number (email addresses compare without
    /// regard to case, as Cognito stores them).
    pub(crate) fn same(self, a: &str, b: &str) -> bool {
        match self {
            Attribute::Email => a.eq_ignore_ascii_case(b),
            Attribute::Phone => a == b,
        }
    }
}

/// Where the flow is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Reading the user's attributes.
    Loading,
    /// The current value is known; see `verified`, `pending` and `delivery`.
    Ready,
    /// The service refused the access token: the user must sign in again.
    SignedOut,
}

/// The call in flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    /// Reading the user's attributes.
    Loading,
    /// Sending (or re-sending) a code.
    Sending,
    /// Checking a code.
    Verifying,
    /// Submitting a new value.
    Changing,
    /// Refreshing the tokens after a verify.
    Refreshing,
}

/// Why a resend has to wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// The short pause after a code went out, so the user reads their messages before asking again.
    Cooldown,
    /// `LimitExceededException`: too many codes or attempts; asking sooner makes it longer.
    Limit,
}

/// What the user can do after a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// The code was wrong: type it again from the latest message.
    TypeCodeAgain,
    /// The code expired or was replaced: send a new one.
    SendNewCode,
    /// Too many attempts or requests: wait, then try again.
    Wait,
    /// The value cannot be used (already theirs, taken, or undeliverable): enter another.
    ChooseAnotherValue,
    /// The input is malformed: correct it.
    CheckInput,
    /// The session ended: sign in again.
    SignInAgain,
    /// Something failed on the way or at the service: try again later.
    TryAgainLater,
}

impl NextStep {
    /// The step as one plain sentence an app may show as it is.
    pub fn sentence(self) -> &'static str {
        match self {
            NextStep::TypeCodeAgain => {
                "That code is not right. Type the code from the latest message again."
            }
            NextStep::SendNewCode => "That code has expired or was replaced. Send a new code.",
            NextStep::Wait => {
                "Too many attempts. Wait before trying again: trying sooner makes the wait longer."
            }
            NextStep::ChooseAnotherValue => "That value cannot be used here. Enter another one.",
            NextStep::CheckInput => "Check what you typed, then try again.",
            NextStep::SignInAgain => "Your session has ended. Sign in again.",
            NextStep::TryAgainLater => {
                "Something went wrong on the way to Cognito. Try again in a moment."
            }
        }
    }
}

/// The last failure: the service's (or client's) error name and message, and what to do next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The AWS exception name, a client-side name (`NetworkError`, `ValidationError`...), or
    /// `SameValue` when a change names the current value.
    pub name: String,
    /// The error's message (redacted of secrets).
    pub message: String,
    /// What the user can do.
    pub next: NextStep,
}

/// Everything an app renders from: a snapshot that changes only through the flow's actions and
/// the replies to its calls.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowState {
    /// The attribute verified.
    pub attribute: Attribute,
    /// Where the flow is.
    pub phase: Phase,
    /// The attribute's current value, as the service reports it.
    pub value: Option<String>,
    /// Whether the current value is verified.
    pub verified: bool,
    /// A new value awaiting verification in a pool that keeps the original until then.
    pub pending: Option<String>,
    /// Whether the pool keeps the original value until a new one is verified; known after the
    /// first change, from what the service answered.
    pub keeps_original: Option<bool>,
    /// Where the last code went.
    pub delivery: Option<CodeDeliveryDetailsType>,
    /// When a resend is allowed again (milliseconds since the epoch; 0: now).
    pub resend_at_ms: f64,
    /// Why a resend waits, while it does.
    pub wait: Option<Wait>,
    /// The last failure, cleared by the next success.
    pub problem: Option<Problem>,
    /// The call in flight, if any.
    pub busy: Option<Busy>,
    /// A verify succeeded but the ID token's `*_verified` claim is stale until the tokens are
    /// refreshed.
    pub tokens_stale: bool,
}

impl FlowState {
    /// Milliseconds until a resend is allowed, at `now_ms`.
    pub fn resend_in_ms(&self, now_ms: f64) -> f64 {
        (self.resend_at_ms - now_ms).max(0.0)
    }
}
