//! The flow's own WebAssembly module for the npm entry `cognito-verify/flow` (feature `flow-js`,
//! built apart so the verify-only module does not carry it): `js/flow.js` makes the calls. Steps
//! and states come out as JSON text; replies go in as plain arguments, one method per kind.
//!
//! A step is `null`, `{"refused":"<Refusal>"}` or `{"ticket":N,"call":"<Call>"}` with `code` or
//! `value` for `Verify` and `Update`. Delivery details in the state keep the service's names
//! (`Destination`, `DeliveryMedium`, `AttributeName`).

use super::machine::{Call, Flow, Refusal, Reply, Ticket};
use super::state::{Attribute, Busy, FlowState, NextStep, Phase, Wait};
use crate::core::json::JsonObject;
use crate::core::text::decimal;
use crate::{CodeDeliveryDetailsType, DeliveryMediumType};
use wasm_bindgen::prelude::*;

/// One verification flow, driven by `js/flow.js`.
#[wasm_bindgen]
pub struct FlowCore {
    flow: Flow,
}

#[wasm_bindgen]
impl FlowCore {
    /// A flow for `attribute` (`email` or `phone_number`; `js/flow.js` checks it).
    #[wasm_bindgen(constructor)]
    pub fn new(attribute: &str) -> FlowCore {
        let attribute = if attribute == Attribute::Phone.name() {
            Attribute::Phone
        } else {
            Attribute::Email
        };
        FlowCore {
            flow: Flow::new(attribute),
        }
    }

    /// Reads the user's attributes: a step.
    pub fn load(&mut self) -> String {
        step(self.flow.load())
    }

    /// Sends a code: a step.
    pub fn send(&mut self, now_ms: f64) -> String {
        step(self.flow.send(now_ms))
    }

    /// Checks a code: a step.
    pub fn verify(&mut self, code: &str) -> String {
        step(self.flow.verify(code))
    }

    /// Submits a new value: a step.
    pub fn change(&mut self, value: &str, now_ms: f64) -> String {
        step(self.flow.change(value, now_ms))
    }

    /// Asks for new tokens after a verify: a step.
    pub fn refresh(&mut self) -> String {
        step(self.flow.refresh())
    }

    /// Ends the flow.
    #[wasm_bindgen(js_name = signOut)]
    pub fn sign_out(&mut self) {
        self.flow.sign_out();
    }

    /// `GetUser` answered: the attribute's value and whether it is verified. The next step, or `null`.
    #[wasm_bindgen(js_name = replyUser)]
    pub fn reply_user(
        &mut self,
        ticket: u32,
        value: Option<String>,
        verified: bool,
        now_ms: f64,
    ) -> String {
        self.reply(ticket, Reply::User { value, verified }, now_ms)
    }

    /// A code went out (`GetUserAttributeVerificationCode`, or `UpdateUserAttributes` when `update`),
    /// with the delivery details for the flow's attribute, if the service gave them (`sent` false:
    /// an update that sent no code). The next step, or `null`.
    #[wasm_bindgen(js_name = replySent)]
    #[allow(clippy::too_many_arguments)]
    pub fn reply_sent(
        &mut self,
        ticket: u32,
        update: bool,
        sent: bool,
        destination: Option<String>,
        medium: Option<String>,
        attribute: Option<String>,
        now_ms: f64,
    ) -> String {
        let details = CodeDeliveryDetailsType {
            destination,
            delivery_medium: match medium.as_deref() {
                Some("SMS") => Some(DeliveryMediumType::SMS),
                Some("EMAIL") => Some(DeliveryMediumType::EMAIL),
                _ => None,
            },
            attribute_name: attribute,
        };
        let reply = match (update, sent) {
            (true, true) => Reply::Updated {
                deliveries: vec![details],
            },
            (true, false) => Reply::Updated {
                deliveries: Vec::new(),
            },
            (false, _) => Reply::CodeSent {
                delivery: sent.then_some(details),
            },
        };
        self.reply(ticket, reply, now_ms)
    }

    /// `VerifyUserAttribute` succeeded. The next step, or `null`.
    #[wasm_bindgen(js_name = replyVerified)]
    pub fn reply_verified(&mut self, ticket: u32, now_ms: f64) -> String {
        self.reply(ticket, Reply::Verified, now_ms)
    }

    /// The tokens were refreshed. The next step, or `null`.
    #[wasm_bindgen(js_name = replyRefreshed)]
    pub fn reply_refreshed(&mut self, ticket: u32, now_ms: f64) -> String {
        self.reply(ticket, Reply::Refreshed, now_ms)
    }

    /// The call failed with the error `name` and `message` (and the reply's HTTP status, if one
    /// arrived). The next step, or `null`.
    #[wasm_bindgen(js_name = replyFailed)]
    pub fn reply_failed(
        &mut self,
        ticket: u32,
        name: String,
        message: String,
        status: Option<u16>,
        now_ms: f64,
    ) -> String {
        self.reply(
            ticket,
            Reply::Failed {
                name,
                message,
                http_status: status,
            },
            now_ms,
        )
    }

    /// The state, as JSON.
    pub fn state(&self) -> String {
        write_state(self.flow.state())
    }
}

impl FlowCore {
    fn reply(&mut self, ticket: u32, reply: Reply, now_ms: f64) -> String {
        match self.flow.reply(Ticket(ticket), reply, now_ms) {
            Some(next) => step(Ok(next)),
            None => "null".to_owned(),
        }
    }
}

fn step(step: Result<(Ticket, Call), Refusal>) -> String {
    let mut out = JsonObject::new();
    match step {
        Err(refusal) => {
            out.string("refused", refusal_name(refusal));
        }
        Ok((Ticket(ticket), call)) => {
            out.raw("ticket", &decimal(u64::from(ticket)));
            match call {
                Call::GetUser => out.string("call", "GetUser"),
                Call::SendCode => out.string("call", "SendCode"),
                Call::Verify { code } => out.string("call", "Verify").string("code", &code),
                Call::Update { value } => out.string("call", "Update").string("value", &value),
                Call::RefreshTokens => out.string("call", "RefreshTokens"),
            };
        }
    }
    out.finish()
}

fn refusal_name(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::Busy => "Busy",
        Refusal::SignedOut => "SignedOut",
        Refusal::NotLoaded => "NotLoaded",
        Refusal::Waiting => "Waiting",
        Refusal::AlreadyVerified => "AlreadyVerified",
        Refusal::NoValue => "NoValue",
        Refusal::Empty => "Empty",
        Refusal::SameValue => "SameValue",
        Refusal::NothingToRefresh => "NothingToRefresh",
    }
}

fn write_delivery(out: &mut JsonObject, details: &CodeDeliveryDetailsType) {
    if let Some(d) = &details.destination {
        out.string("Destination", d);
    }
    match details.delivery_medium {
        Some(DeliveryMediumType::SMS) => {
            out.string("DeliveryMedium", "SMS");
        }
        Some(DeliveryMediumType::EMAIL) => {
            out.string("DeliveryMedium", "EMAIL");
        }
        None => {}
    }
    if let Some(a) = &details.attribute_name {
        out.string("AttributeName", a);
    }
}

fn optional(out: &mut JsonObject, key: &str, value: Option<&str>) {
    match value {
        Some(v) => out.string(key, v),
        None => out.raw(key, "null"),
    };
}

fn write_state(state: &FlowState) -> String {
    let mut out = JsonObject::new();
    out.string("attribute", state.attribute.name());
    out.string(
        "phase",
        match state.phase {
            Phase::Loading => "loading",
            Phase::Ready => "ready",
            Phase::SignedOut => "signedOut",
        },
    );
    optional(&mut out, "value", state.value.as_deref());
    out.raw("verified", if state.verified { "true" } else { "false" });
    optional(&mut out, "pending", state.pending.as_deref());
    out.raw(
        "keepsOriginal",
        match state.keeps_original {
            Some(true) => "true",
            Some(false) => "false",
            None => "null",
        },
    );
    match &state.delivery {
        Some(details) => {
            let mut inner = JsonObject::new();
            write_delivery(&mut inner, details);
            out.raw("delivery", &inner.finish());
        }
        None => {
            out.raw("delivery", "null");
        }
    }
    out.raw("resendAt", &format_ms(state.resend_at_ms));
    optional(
        &mut out,
        "wait",
        state.wait.map(|w| match w {
            Wait::Cooldown => "cooldown",
            Wait::Limit => "limit",
        }),
    );
    match &state.problem {
        Some(problem) => {
            let mut inner = JsonObject::new();
            inner
                .string("name", &problem.name)
                .string("message", &problem.message);
            inner
                .string("next", next_name(problem.next))
                .string("sentence", problem.next.sentence());
            out.raw("problem", &inner.finish());
        }
        None => {
            out.raw("problem", "null");
        }
    }
    optional(
        &mut out,
        "busy",
        state.busy.map(|b| match b {
            Busy::Loading => "loading",
            Busy::Sending => "sending",
            Busy::Verifying => "verifying",
            Busy::Changing => "changing",
            Busy::Refreshing => "refreshing",
        }),
    );
    out.raw(
        "tokensStale",
        if state.tokens_stale { "true" } else { "false" },
    );
    out.finish()
}

fn next_name(next: NextStep) -> &'static str {
    match next {
        NextStep::TypeCodeAgain => "typeCodeAgain",
        NextStep::SendNewCode => "sendNewCode",
        NextStep::Wait => "wait",
        NextStep::ChooseAnotherValue => "chooseAnotherValue",
        NextStep::CheckInput => "checkInput",
        NextStep::SignInAgain => "signInAgain",
        NextStep::TryAgainLater => "tryAgainLater",
    }
}

/// Whole milliseconds since the epoch (the flow's times are whole: `Date.now()` plus constants; the
/// cast saturates, so a negative or NaN time is 0).
fn format_ms(ms: f64) -> String {
    decimal(ms as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_round_as_js_flow_drives_it() {
        let mut core = FlowCore::new("phone_number");
        assert_eq!(core.send(0.0), r#"{"refused":"NotLoaded"}"#);
        assert_eq!(core.load(), r#"{"ticket":1,"call":"GetUser"}"#);
        assert_eq!(
            core.reply_user(1, Some("+15550001234".into()), false, 0.0),
            "null"
        );
        assert_eq!(core.send(5.0), r#"{"ticket":2,"call":"SendCode"}"#);
        let sent = core.reply_sent(
            2,
            false,
            true,
            Some("+*******1234".into()),
            Some("SMS".into()),
            Some("phone_number".into()),
            5.0,
        );
        assert_eq!(sent, "null");
        let state: serde_json::Value = serde_json::from_str(&core.state()).unwrap();
        assert_eq!(state["attribute"], "phone_number");
        assert_eq!(state["phase"], "ready");
        assert_eq!(state["delivery"]["DeliveryMedium"], "SMS");
        assert_eq!(state["resendAt"], 30_005);
        assert_eq!(state["wait"], "cooldown");
        assert_eq!(state["keepsOriginal"], serde_json::Value::Null);
        assert_eq!(
            core.change("+15550005678", 6.0),
            r#"{"ticket":3,"call":"Update","value":"+15550005678"}"#
        );
        assert_eq!(
            core.reply_sent(3, true, false, None, None, None, 6.0),
            r#"{"ticket":4,"call":"GetUser"}"#
        );
        assert_eq!(
            core.reply_failed(
                4,
                "CodeMismatchException".into(),
                "no \"luck\"".into(),
                Some(400),
                6.0
            ),
            "null"
        );
        let state: serde_json::Value = serde_json::from_str(&core.state()).unwrap();
        assert_eq!(state["problem"]["next"], "typeCodeAgain");
        assert_eq!(state["problem"]["message"], "no \"luck\"");
        assert_eq!(state["busy"], serde_json::Value::Null);
        assert_eq!(
            core.verify("1"),
            r#"{"ticket":5,"call":"Verify","code":"1"}"#
        );
        assert_eq!(
            core.reply_verified(5, 7.0),
            r#"{"ticket":6,"call":"GetUser"}"#
        );
        assert_eq!(
            core.reply_refreshed(6, 7.0),
            "null",
            "a reply of the wrong kind for its call still settles it"
        );
    }

    #[test]
    fn a_reply_to_another_ticket_changes_nothing() {
        let mut core = FlowCore::new("email");
        core.load();
        let before = core.state();
        assert_eq!(core.reply_user(7, Some("a@b.c".into()), true, 0.0), "null");
        assert_eq!(core.state(), before);
    }
}
