//! The verification flow's decisions, without I/O: an action either is refused or asks for one call;
//! the call's reply moves the state and may ask for one more. A face makes the calls (with the
//! user's current access token) and feeds the replies back.

use super::state::{Attribute, Busy, FlowState, NextStep, Phase, Problem, Wait};
use crate::CodeDeliveryDetailsType;

/// The pause after a code went out before another may be asked for.
pub const RESEND_COOLDOWN_MS: f64 = 30_000.0;
/// The wait after `LimitExceededException` (Cognito's limit resets within about 15 minutes).
pub const LIMIT_WAIT_MS: f64 = 15.0 * 60_000.0;

/// A call the flow asks its face to make, for the flow's attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    /// `GetUser`.
    GetUser,
    /// `GetUserAttributeVerificationCode`.
    SendCode,
    /// `VerifyUserAttribute` with this code.
    Verify {
        /// The code the user typed, trimmed.
        code: String,
    },
    /// `UpdateUserAttributes` with this value.
    Update {
        /// The new value (or, to resend in a pool that keeps the original, the pending one).
        value: String,
    },
    /// New tokens from the app's token source, so the ID token's `*_verified` claim is current.
    RefreshTokens,
}

/// Identifies a call; the reply to any other call (one made before a sign-out, or superseded) is
/// dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket(pub u32);

/// What a call brought back.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// `GetUser`: the attribute's value and whether it is verified.
    User {
        /// The value, if the user has one.
        value: Option<String>,
        /// Whether it is verified.
        verified: bool,
    },
    /// `GetUserAttributeVerificationCode` succeeded.
    CodeSent {
        /// Where the code went.
        delivery: Option<CodeDeliveryDetailsType>,
    },
    /// `UpdateUserAttributes` succeeded.
    Updated {
        /// Where codes went (none when nothing was sent).
        deliveries: Vec<CodeDeliveryDetailsType>,
    },
    /// `VerifyUserAttribute` succeeded.
    Verified,
    /// The tokens were refreshed.
    Refreshed,
    /// The call failed.
    Failed {
        /// The error's name (`CodeMismatchException`, `NetworkError`...).
        name: String,
        /// Its message.
        message: String,
        /// The HTTP status of the reply, if one arrived.
        http_status: Option<u16>,
    },
}

/// Why an action asked for no call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Another call is in flight.
    Busy,
    /// The flow ended with the session.
    SignedOut,
    /// The user's attributes are not loaded yet.
    NotLoaded,
    /// A resend must wait (see `FlowState::wait`).
    Waiting,
    /// The value is verified and no change is pending: there is nothing to send.
    AlreadyVerified,
    /// The user has no value for the attribute to send a code to.
    NoValue,
    /// The code or value is empty.
    Empty,
    /// The new value is the current one: nothing would be sent (the state's `problem` says so).
    SameValue,
    /// Nothing asks for new tokens.
    NothingToRefresh,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::Busy => "another call of the flow is in flight",
            Refusal::SignedOut => "the flow ended with the session: sign in again",
            Refusal::NotLoaded => "the user's attributes are not loaded yet",
            Refusal::Waiting => "a resend must wait",
            Refusal::AlreadyVerified => "the value is verified: there is nothing to send",
            Refusal::NoValue => "the user has no value to send a code to",
            Refusal::Empty => "the code or value is empty",
            Refusal::SameValue => "the new value is the current one: nothing would be sent",
            Refusal::NothingToRefresh => "no verify made the tokens stale",
        })
    }
}

impl std::error::Error for Refusal {}

/// The verification flow of one attribute of the signed-in user.
#[derive(Clone, Debug)]
pub struct Flow {
    state: FlowState,
    /// The call in flight.
    ticket: Option<Ticket>,
    issued: u32,
    /// The value a change submitted, until `GetUser` shows what the pool did with it.
    changing: Option<String>,
}

impl Flow {
    /// A flow for `attribute`, before anything is known.
    pub fn new(attribute: Attribute) -> Self {
        Flow {
            state: FlowState {
                attribute,
                phase: Phase::Loading,
                value: None,
                verified: false,
                pending: None,
                keeps_original: None,
                delivery: None,
                resend_at_ms: 0.0,
                wait: None,
                problem: None,
                busy: None,
                tokens_stale: false,
            },
            ticket: None,
            issued: 0,
            changing: None,
        }
    }

    /// The state to render.
    pub fn state(&self) -> &FlowState {
        &self.state
    }

    /// Reads the user's attributes (the first call, and the one to make again to reload).
    pub fn load(&mut self) -> Result<(Ticket, Call), Refusal> {
        self.ready_to_call(false)?;
        Ok(self.issue(Busy::Loading, Call::GetUser))
    }

    /// Sends a code, or another one once the wait is over: to the pending value when the pool
    /// keeps the original (by submitting the update again, as only that reaches the new value),
    /// else to the current value.
    pub fn send(&mut self, now_ms: f64) -> Result<(Ticket, Call), Refusal> {
        self.ready_to_call(true)?;
        if self.state.resend_at_ms > now_ms {
            return Err(Refusal::Waiting);
        }
        if let (Some(pending), Some(true)) = (&self.state.pending, self.state.keeps_original) {
            let value = pending.clone();
            return Ok(self.issue(Busy::Sending, Call::Update { value }));
        }
        if self.state.verified {
            return Err(Refusal::AlreadyVerified);
        }
        if self.state.value.is_none() {
            return Err(Refusal::NoValue);
        }
        Ok(self.issue(Busy::Sending, Call::SendCode))
    }

    /// Checks the code the user typed.
    pub fn verify(&mut self, code: &str) -> Result<(Ticket, Call), Refusal> {
        self.ready_to_call(true)?;
        let code = code.trim();
        if code.is_empty() {
            return Err(Refusal::Empty);
        }
        let code = code.to_owned();
        Ok(self.issue(Busy::Verifying, Call::Verify { code }))
    }

    /// Submits a new value. The current value is refused (nothing would be sent, and the state's
    /// `problem` says so); the pending value is a resend.
    pub fn change(&mut self, value: &str, now_ms: f64) -> Result<(Ticket, Call), Refusal> {
        self.ready_to_call(true)?;
        let value = value.trim();
        if value.is_empty() {
            return Err(Refusal::Empty);
        }
        let attribute = self.state.attribute;
        if let Some(pending) = &self.state.pending {
            if attribute.same(pending, value) {
                return self.send(now_ms);
            }
        }
        if let Some(current) = &self.state.value {
            if attribute.same(current, value) {
                self.state.problem = Some(Problem {
                    name: "SameValue".to_owned(),
                    message: [
                        value,
                        " is already this account's ",
                        noun(attribute),
                        ": nothing was sent.",
                    ]
                    .concat(),
                    next: NextStep::ChooseAnotherValue,
                });
                return Err(Refusal::SameValue);
            }
        }
        self.changing = Some(value.to_owned());
        let value = value.to_owned();
        Ok(self.issue(Busy::Changing, Call::Update { value }))
    }

    /// Asks for new tokens after a verify, so the ID token's `*_verified` claim is current.
    pub fn refresh(&mut self) -> Result<(Ticket, Call), Refusal> {
        self.ready_to_call(true)?;
        if !self.state.tokens_stale {
            return Err(Refusal::NothingToRefresh);
        }
        Ok(self.issue(Busy::Refreshing, Call::RefreshTokens))
    }

    /// Ends the flow as a sign-out does: replies to calls in flight are dropped.
    pub fn sign_out(&mut self) {
        self.ticket = None;
        self.changing = None;
        self.state.busy = None;
        self.state.phase = Phase::SignedOut;
    }

    /// Takes the reply to `ticket` at `now_ms`; returns the next call to make, if the flow needs
    /// one. A reply to a call that is not the one in flight changes nothing.
    pub fn reply(&mut self, ticket: Ticket, reply: Reply, now_ms: f64) -> Option<(Ticket, Call)> {
        if self.ticket != Some(ticket) {
            return None;
        }
        self.ticket = None;
        let busy = self.state.busy.take();
        match reply {
            Reply::Failed {
                name,
                message,
                http_status,
            } => {
                self.failed(busy, name, message, http_status, now_ms);
                None
            }
            Reply::User { value, verified } => {
                // After a change, the update's reply has said whether a code went out.
                if busy != Some(Busy::Changing) {
                    self.state.problem = None;
                }
                self.user(value, verified);
                None
            }
            Reply::CodeSent { delivery } => {
                self.state.problem = None;
                self.code_went(delivery, now_ms);
                None
            }
            Reply::Updated { deliveries } => {
                self.state.problem = None;
                let name = self.state.attribute.name();
                let delivery = deliveries
                    .into_iter()
                    .find(|d| d.attribute_name.as_deref().is_none_or(|a| a == name));
                if delivery.is_none() {
                    self.state.problem = Some(Problem {
                        name: "NoCodeSent".to_owned(),
                        message: [
                            "Cognito sent no code for this ",
                            noun(self.state.attribute),
                            ".",
                        ]
                        .concat(),
                        next: NextStep::TryAgainLater,
                    });
                } else {
                    self.code_went(delivery, now_ms);
                }
                // After a change, what the pool did with it shows in the user's attributes.
                if busy == Some(Busy::Changing) {
                    return Some(self.issue(Busy::Changing, Call::GetUser));
                }
                None
            }
            Reply::Verified => {
                self.state.problem = None;
                self.state.delivery = None;
                self.state.wait = None;
                self.state.resend_at_ms = 0.0;
                self.state.tokens_stale = true;
                if let Some(pending) = self.state.pending.take() {
                    self.state.value = Some(pending);
                }
                self.state.verified = true;
                Some(self.issue(Busy::Loading, Call::GetUser))
            }
            Reply::Refreshed => {
                self.state.problem = None;
                self.state.tokens_stale = false;
                None
            }
        }
    }

    fn ready_to_call(&self, loaded: bool) -> Result<(), Refusal> {
        if self.state.phase == Phase::SignedOut {
            return Err(Refusal::SignedOut);
        }
        if self.ticket.is_some() {
            return Err(Refusal::Busy);
        }
        if loaded && self.state.phase != Phase::Ready {
            return Err(Refusal::NotLoaded);
        }
        Ok(())
    }

    fn issue(&mut self, busy: Busy, call: Call) -> (Ticket, Call) {
        self.issued = self.issued.wrapping_add(1);
        let ticket = Ticket(self.issued);
        self.ticket = Some(ticket);
        self.state.busy = Some(busy);
        (ticket, call)
    }

    fn user(&mut self, value: Option<String>, verified: bool) {
        let attribute = self.state.attribute;
        self.state.phase = Phase::Ready;
        if let Some(requested) = self.changing.take() {
            // The pool either took the new value at once (unverified), or kept the original.
            let took = value
                .as_deref()
                .is_some_and(|v| attribute.same(v, &requested));
            self.state.keeps_original = Some(!took);
            self.state.pending = if took { None } else { Some(requested) };
        } else if let (Some(pending), Some(v)) = (&self.state.pending, &value) {
            if attribute.same(pending, v) {
                self.state.pending = None;
            }
        }
        self.state.value = value;
        self.state.verified = verified;
    }

    fn code_went(&mut self, delivery: Option<CodeDeliveryDetailsType>, now_ms: f64) {
        self.state.delivery = delivery
            .or_else(|| self.state.delivery.take())
            .or(Some(CodeDeliveryDetailsType::default()));
        self.wait(Wait::Cooldown, now_ms + RESEND_COOLDOWN_MS);
    }

    fn wait(&mut self, why: Wait, until_ms: f64) {
        if until_ms >= self.state.resend_at_ms {
            self.state.resend_at_ms = until_ms;
            self.state.wait = Some(why);
        }
    }

    fn failed(
        &mut self,
        busy: Option<Busy>,
        name: String,
        message: String,
        status: Option<u16>,
        now_ms: f64,
    ) {
        if self.changing.is_some() && busy == Some(Busy::Changing) {
            self.changing = None;
        }
        let next = match name.as_str() {
            // The token (or the refresh token behind it) no longer works: the session is over.
            "NotAuthorizedException" | "RefreshTokenReuseException" => {
                self.sign_out();
                NextStep::SignInAgain
            }
            "CodeMismatchException" => NextStep::TypeCodeAgain,
            "ExpiredCodeException" => NextStep::SendNewCode,
            "LimitExceededException" => {
                self.wait(Wait::Limit, now_ms + LIMIT_WAIT_MS);
                NextStep::Wait
            }
            "TooManyRequestsException" => NextStep::Wait,
            "AliasExistsException" | "CodeDeliveryFailureException" => NextStep::ChooseAnotherValue,
            "ValidationError" | "InvalidParameterException" => NextStep::CheckInput,
            _ => NextStep::TryAgainLater,
        };
        // A 2xx whose body was broken: the code probably went out, so a resend waits as after one.
        if status.is_some_and(|s| (200..300).contains(&s))
            && matches!(busy, Some(Busy::Sending | Busy::Changing))
        {
            self.code_went(None, now_ms);
        }
        self.state.problem = Some(Problem {
            name,
            message,
            next,
        });
    }
}

fn noun(attribute: Attribute) -> &'static str {
    match attribute {
        Attribute::Email => "email address",
        Attribute::Phone => "phone number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DeliveryMediumType;

    const NOW: f64 = 1_000_000.0;

    fn details(name: &str, destination: &str) -> CodeDeliveryDetailsType {
        CodeDeliveryDetailsType {
            destination: Some(destination.to_owned()),
            delivery_medium: Some(if name == "email" {
                DeliveryMediumType::EMAIL
            } else {
                DeliveryMediumType::SMS
            }),
            attribute_name: Some(name.to_owned()),
        }
    }

    fn user(value: &str, verified: bool) -> Reply {
        Reply::User {
            value: Some(value.to_owned()),
            verified,
        }
    }

    fn failed(name: &str, status: Option<u16>) -> Reply {
        Reply::Failed {
            name: name.to_owned(),
            message: format!("{name} message"),
            http_status: status,
        }
    }

    /// A flow loaded with `value` (verified or not).
    fn loaded(attribute: Attribute, value: &str, verified: bool) -> Flow {
        let mut flow = Flow::new(attribute);
        let (ticket, call) = flow.load().unwrap();
        assert_eq!(call, Call::GetUser);
        assert_eq!(flow.state().busy, Some(Busy::Loading));
        assert_eq!(flow.reply(ticket, user(value, verified), NOW), None);
        flow
    }

    /// Runs `call` and answers it with `reply`: the follow-up call, if any.
    fn answer(
        flow: &mut Flow,
        call: Result<(Ticket, Call), Refusal>,
        expected: Call,
        reply: Reply,
    ) -> Option<(Ticket, Call)> {
        let (ticket, made) = call.expect("a call");
        assert_eq!(made, expected);
        flow.reply(ticket, reply, NOW)
    }

    #[test]
    fn load_then_send_then_verify_then_refresh() {
        let mut flow = loaded(Attribute::Email, "ana@example.com", false);
        let s = flow.state();
        assert_eq!(
            (s.phase, s.value.as_deref(), s.verified, s.busy),
            (Phase::Ready, Some("ana@example.com"), false, None)
        );

        let sent = flow.send(NOW);
        assert_eq!(
            answer(
                &mut flow,
                sent,
                Call::SendCode,
                Reply::CodeSent {
                    delivery: Some(details("email", "a***@e***"))
                }
            ),
            None
        );
        let s = flow.state();
        assert_eq!(
            s.delivery.as_ref().and_then(|d| d.destination.as_deref()),
            Some("a***@e***")
        );
        assert_eq!(
            (s.wait, s.resend_in_ms(NOW)),
            (Some(Wait::Cooldown), RESEND_COOLDOWN_MS)
        );
        assert_eq!(
            flow.send(NOW + 1_000.0),
            Err(Refusal::Waiting),
            "a resend waits for the cooldown"
        );

        let verify = flow.verify(" 123456 ");
        let (ticket, call) = answer(
            &mut flow,
            verify,
            Call::Verify {
                code: "123456".into(),
            },
            Reply::Verified,
        )
        .expect("a reload");
        assert_eq!(call, Call::GetUser);
        let s = flow.state();
        assert!(s.verified && s.tokens_stale && s.delivery.is_none() && s.wait.is_none());
        assert_eq!(flow.reply(ticket, user("ana@example.com", true), NOW), None);
        assert_eq!(
            flow.send(NOW + RESEND_COOLDOWN_MS),
            Err(Refusal::AlreadyVerified)
        );

        let refresh = flow.refresh();
        assert_eq!(
            answer(&mut flow, refresh, Call::RefreshTokens, Reply::Refreshed),
            None
        );
        assert!(!flow.state().tokens_stale);
        assert_eq!(flow.refresh(), Err(Refusal::NothingToRefresh));
    }

    #[test]
    fn actions_wait_for_the_load_and_for_each_other() {
        let mut flow = Flow::new(Attribute::Email);
        assert_eq!(flow.send(NOW), Err(Refusal::NotLoaded));
        assert_eq!(flow.verify("1"), Err(Refusal::NotLoaded));
        let (first, _) = flow.load().unwrap();
        assert_eq!(flow.load(), Err(Refusal::Busy));
        flow.reply(first, user("a@b.c", false), NOW);
        let (sending, _) = flow.send(NOW).unwrap();
        assert_eq!(
            flow.verify("123"),
            Err(Refusal::Busy),
            "one call at a time: no code sent twice"
        );
        assert_eq!(flow.change("x@y.z", NOW), Err(Refusal::Busy));
        assert_eq!(
            flow.reply(first, user("z@z.z", true), NOW),
            None,
            "a stale reply is dropped"
        );
        assert_eq!(flow.state().value.as_deref(), Some("a@b.c"));
        flow.reply(sending, Reply::CodeSent { delivery: None }, NOW);
        assert_eq!(flow.verify("  "), Err(Refusal::Empty));
        assert_eq!(flow.change(" ", NOW), Err(Refusal::Empty));
    }

    #[test]
    fn a_refusal_is_an_error_that_says_why() {
        let err: Box<dyn std::error::Error> = Box::new(Refusal::Waiting);
        assert_eq!(err.to_string(), "a resend must wait");
    }

    #[test]
    fn a_user_without_the_attribute_has_nothing_to_send_to() {
        let mut flow = Flow::new(Attribute::Phone);
        let (t, _) = flow.load().unwrap();
        flow.reply(
            t,
            Reply::User {
                value: None,
                verified: false,
            },
            NOW,
        );
        assert_eq!(flow.send(NOW), Err(Refusal::NoValue));
    }

    /// Changes an email to `value`; the pool's answer (a code to `n***@e***`) asks for a reload,
    /// whose ticket this is.
    fn change_sent(flow: &mut Flow, value: &str) -> Ticket {
        let change = flow.change(value, NOW);
        let updated = Reply::Updated {
            deliveries: vec![details("email", "n***@e***")],
        };
        let (t, call) = answer(
            flow,
            change,
            Call::Update {
                value: value.into(),
            },
            updated,
        )
        .expect("a reload");
        assert_eq!(
            (call, flow.state().busy),
            (Call::GetUser, Some(Busy::Changing))
        );
        t
    }

    /// What a change leaves: the pool's setting, the pending value, the value, and whether it is verified.
    fn after_change(s: &FlowState) -> (Option<bool>, Option<&str>, Option<&str>, bool) {
        (
            s.keeps_original,
            s.pending.as_deref(),
            s.value.as_deref(),
            s.verified,
        )
    }

    #[test]
    fn a_change_in_a_pool_that_replaces_at_once() {
        let mut flow = loaded(Attribute::Email, "old@example.com", true);
        let t = change_sent(&mut flow, "new@example.com");
        flow.reply(t, user("new@example.com", false), NOW);
        assert_eq!(
            after_change(flow.state()),
            (Some(false), None, Some("new@example.com"), false)
        );
        assert_eq!(flow.state().wait, Some(Wait::Cooldown));
        // A resend goes to the current value, which is the new one.
        assert_eq!(
            flow.send(NOW + RESEND_COOLDOWN_MS).map(|(_, c)| c),
            Ok(Call::SendCode)
        );
    }

    #[test]
    fn a_change_in_a_pool_that_keeps_the_original_resends_by_updating_again() {
        let mut flow = loaded(Attribute::Email, "old@example.com", true);
        let t = change_sent(&mut flow, "New@Example.com");
        flow.reply(t, user("old@example.com", true), NOW);
        assert_eq!(
            after_change(flow.state()),
            (
                Some(true),
                Some("New@Example.com"),
                Some("old@example.com"),
                true
            )
        );

        // GetUserAttributeVerificationCode would go to the old address: the update is sent again.
        let later = NOW + RESEND_COOLDOWN_MS;
        let (t, call) = flow.send(later).unwrap();
        assert_eq!(
            call,
            Call::Update {
                value: "New@Example.com".into()
            }
        );
        assert_eq!(flow.state().busy, Some(Busy::Sending));
        assert_eq!(
            flow.reply(
                t,
                Reply::Updated {
                    deliveries: vec![details("email", "n***@e***")]
                },
                later
            ),
            None,
            "no reload after a resend"
        );
        // Typing the pending value again is a resend too (it waits like one).
        assert_eq!(
            flow.change("new@example.com", later + 1.0),
            Err(Refusal::Waiting)
        );

        let verify = flow.verify("654321");
        let (t, call) = answer(
            &mut flow,
            verify,
            Call::Verify {
                code: "654321".into(),
            },
            Reply::Verified,
        )
        .unwrap();
        assert_eq!(call, Call::GetUser);
        assert_eq!(flow.state().value.as_deref(), Some("New@Example.com"));
        flow.reply(t, user("new@example.com", true), later);
        let s = flow.state();
        assert_eq!(
            (s.pending.as_deref(), s.value.as_deref(), s.verified),
            (None, Some("new@example.com"), true)
        );
    }

    #[test]
    fn the_same_value_is_refused_with_a_plain_sentence_and_nothing_sent() {
        let mut flow = loaded(Attribute::Email, "ana@example.com", false);
        assert_eq!(
            flow.change(" ANA@example.com ", NOW),
            Err(Refusal::SameValue)
        );
        let problem = flow.state().problem.clone().unwrap();
        assert_eq!(problem.name, "SameValue");
        assert_eq!(
            problem.message,
            "ANA@example.com is already this account's email address: nothing was sent."
        );
        assert_eq!(problem.next, NextStep::ChooseAnotherValue);
        assert_eq!(flow.state().busy, None);
        // Phone numbers compare exactly.
        let mut phone = loaded(Attribute::Phone, "+15550001234", true);
        assert_eq!(phone.change("+15550001234", NOW), Err(Refusal::SameValue));
        assert!(phone.change("+15550009999", NOW).is_ok());
    }

    #[test]
    fn an_update_that_sends_nothing_says_so() {
        let mut flow = loaded(Attribute::Phone, "+15550001234", true);
        let change = flow.change("+15550009999", NOW);
        let (t, _) = answer(
            &mut flow,
            change,
            Call::Update {
                value: "+15550009999".into(),
            },
            Reply::Updated {
                deliveries: vec![details("email", "x")],
            },
        )
        .unwrap();
        assert_eq!(
            flow.state().problem.as_ref().map(|p| p.name.as_str()),
            Some("NoCodeSent")
        );
        assert_eq!(flow.state().wait, None, "no cooldown when nothing went out");
        flow.reply(t, user("+15550009999", false), NOW);
        assert_eq!(
            flow.state().problem.as_ref().map(|p| p.name.as_str()),
            Some("NoCodeSent"),
            "the reload after the change keeps saying so"
        );
        assert_eq!(flow.state().value.as_deref(), Some("+15550009999"));
        // The next reload is news of its own.
        let (t, _) = flow.load().unwrap();
        flow.reply(t, user("+15550009999", false), NOW);
        assert_eq!(flow.state().problem, None);
    }

    #[test]
    fn each_error_has_its_next_step() {
        for (name, next) in [
            ("CodeMismatchException", NextStep::TypeCodeAgain),
            ("ExpiredCodeException", NextStep::SendNewCode),
            ("LimitExceededException", NextStep::Wait),
            ("TooManyRequestsException", NextStep::Wait),
            ("AliasExistsException", NextStep::ChooseAnotherValue),
            ("CodeDeliveryFailureException", NextStep::ChooseAnotherValue),
            ("ValidationError", NextStep::CheckInput),
            ("InvalidParameterException", NextStep::CheckInput),
            ("NetworkError", NextStep::TryAgainLater),
            ("InternalErrorException", NextStep::TryAgainLater),
            ("NotAuthorizedException", NextStep::SignInAgain),
            ("RefreshTokenReuseException", NextStep::SignInAgain),
        ] {
            let mut flow = loaded(Attribute::Email, "a@b.c", false);
            let (t, _) = flow.verify("1").unwrap();
            flow.reply(t, failed(name, Some(400)), NOW);
            let s = flow.state();
            assert_eq!(
                s.problem.as_ref().map(|p| (p.name.as_str(), p.next)),
                Some((name, next)),
                "{name}"
            );
            assert_eq!(s.busy, None, "{name}");
            assert!(!next.sentence().is_empty());
        }
    }

    #[test]
    fn limit_exceeded_waits_long_and_a_cooldown_never_shortens_it() {
        let mut flow = loaded(Attribute::Email, "a@b.c", false);
        let (t, _) = flow.send(NOW).unwrap();
        flow.reply(t, failed("LimitExceededException", Some(400)), NOW);
        assert_eq!(
            (flow.state().wait, flow.state().resend_in_ms(NOW)),
            (Some(Wait::Limit), LIMIT_WAIT_MS)
        );
        assert_eq!(flow.send(NOW + RESEND_COOLDOWN_MS), Err(Refusal::Waiting));
        // A change still goes out; its cooldown does not shorten the limit's wait.
        let (t, _) = flow.change("c@d.e", NOW).unwrap();
        let (t, _) = flow
            .reply(
                t,
                Reply::Updated {
                    deliveries: vec![details("email", "c***")],
                },
                NOW,
            )
            .unwrap();
        flow.reply(t, user("c@d.e", false), NOW);
        assert_eq!(
            (flow.state().wait, flow.state().resend_in_ms(NOW)),
            (Some(Wait::Limit), LIMIT_WAIT_MS)
        );
        assert_eq!(
            flow.send(NOW + LIMIT_WAIT_MS).map(|(_, c)| c),
            Ok(Call::SendCode),
            "after the wait, a send goes out"
        );
    }

    #[test]
    fn not_authorized_ends_the_flow_and_drops_what_was_in_flight() {
        let mut flow = loaded(Attribute::Email, "a@b.c", false);
        let (t, _) = flow.send(NOW).unwrap();
        flow.reply(t, failed("NotAuthorizedException", Some(400)), NOW);
        assert_eq!(flow.state().phase, Phase::SignedOut);
        assert_eq!(flow.send(NOW + LIMIT_WAIT_MS), Err(Refusal::SignedOut));
        assert_eq!(flow.load(), Err(Refusal::SignedOut));

        let mut flow = loaded(Attribute::Email, "a@b.c", false);
        let (t, _) = flow.send(NOW).unwrap();
        flow.sign_out();
        assert_eq!(flow.reply(t, Reply::CodeSent { delivery: None }, NOW), None);
        assert_eq!(
            (flow.state().delivery.clone(), flow.state().busy),
            (None, None),
            "a reply after sign-out changes nothing"
        );
    }

    #[test]
    fn a_broken_success_reply_to_a_send_starts_the_wait() {
        let mut flow = loaded(Attribute::Email, "a@b.c", false);
        let (t, _) = flow.send(NOW).unwrap();
        flow.reply(t, failed("InvalidResponseError", Some(200)), NOW);
        assert_eq!(
            flow.state().wait,
            Some(Wait::Cooldown),
            "the code probably went out"
        );
        assert!(flow.state().delivery.is_some(), "the code form shows");
        let (t, _) = flow.verify("1").unwrap();
        flow.reply(
            t,
            failed("InvalidResponseError", Some(200)),
            NOW + RESEND_COOLDOWN_MS,
        );
        assert_eq!(
            flow.state().resend_in_ms(NOW),
            RESEND_COOLDOWN_MS,
            "a verify's broken reply sends nothing"
        );
    }

    #[test]
    fn a_failed_change_forgets_the_value_it_submitted() {
        let mut flow = loaded(Attribute::Email, "a@b.c", true);
        let (t, _) = flow.change("taken@b.c", NOW).unwrap();
        flow.reply(t, failed("AliasExistsException", Some(400)), NOW);
        let (t, _) = flow.load().unwrap();
        flow.reply(t, user("a@b.c", true), NOW);
        let s = flow.state();
        assert_eq!(
            (s.pending.clone(), s.keeps_original),
            (None, None),
            "a reload is not read as the pool keeping the original"
        );
    }
}
