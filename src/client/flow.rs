//! The verification flow ([`crate::flow::Flow`]) driven by a [`Client`]: each call it asks for is
//! made with a current access token from the app, and every change of state reaches the
//! subscribers.

use super::{CallOptions, Client};
use crate::core::error::CognitoError;
use crate::flow::{Attribute, Call, Flow, FlowState, Refusal, Reply, Ticket};
use crate::{AttributeType, GetUserAttributeVerificationCodeRequest, GetUserRequest};
use crate::{UpdateUserAttributesRequest, VerifyUserAttributeRequest};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A future the token source returns.
pub type TokenFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, CognitoError>> + 'a>>;

/// Where a flow gets the user's tokens: the app's sign-in, whichever it is (this crate's, Amplify's,
/// managed login).
pub trait TokenSource {
    /// A current access token.
    fn access_token(&self) -> TokenFuture<'_, String>;

    /// Refreshes the tokens, so the ID token's `*_verified` claim is current after a verify. By
    /// default there is nothing to refresh.
    fn refresh(&self) -> TokenFuture<'_, ()> {
        Box::pin(async { Ok(()) })
    }
}

type Listener = Rc<dyn Fn(&FlowState)>;

/// The verification flow of one attribute of the signed-in user, making its own calls. Cheap to
/// clone: clones share one flow.
///
/// ```no_run
/// use cognito_verify::flow::{Attribute, TokenFuture, TokenSource, VerifyFlow};
/// use cognito_verify::Client;
///
/// struct Signed(String);
/// impl TokenSource for Signed {
///     fn access_token(&self) -> TokenFuture<'_, String> {
///         Box::pin(async move { Ok(self.0.clone()) })
///     }
/// }
///
/// # async fn run(token: String) -> Result<(), Box<dyn std::error::Error>> {
/// let flow = VerifyFlow::new(Client::for_region("eu-west-1")?, Attribute::Email, Signed(token));
/// flow.subscribe(|state| println!("{:?} {:?}", state.value, state.problem));
/// let _ = flow.load().await;
/// let _ = flow.send().await;
/// let _ = flow.verify("123456").await;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct VerifyFlow {
    client: Client,
    attribute: Attribute,
    tokens: Rc<dyn TokenSource>,
    flow: Rc<RefCell<Flow>>,
    listeners: Rc<RefCell<Vec<(u32, Listener)>>>,
    next_listener: Rc<Cell<u32>>,
    /// The state the listeners saw last.
    notified: Rc<RefCell<FlowState>>,
}

impl VerifyFlow {
    /// A flow for `attribute`, calling through `client` with tokens from `tokens`.
    pub fn new(client: Client, attribute: Attribute, tokens: impl TokenSource + 'static) -> Self {
        let flow = Flow::new(attribute);
        VerifyFlow {
            client,
            attribute,
            tokens: Rc::new(tokens),
            notified: Rc::new(RefCell::new(flow.state().clone())),
            flow: Rc::new(RefCell::new(flow)),
            listeners: Rc::default(),
            next_listener: Rc::default(),
        }
    }

    /// The state now.
    pub fn state(&self) -> FlowState {
        self.flow.borrow().state().clone()
    }

    /// Calls `listener` with the state after every change of it; returns the id to unsubscribe with.
    pub fn subscribe(&self, listener: impl Fn(&FlowState) + 'static) -> u32 {
        let id = self.next_listener.get().wrapping_add(1);
        self.next_listener.set(id);
        self.listeners.borrow_mut().push((id, Rc::new(listener)));
        id
    }

    /// Stops calling the listener `id`.
    pub fn unsubscribe(&self, id: u32) {
        self.listeners.borrow_mut().retain(|(each, _)| *each != id);
    }

    /// Reads the user's attributes.
    pub async fn load(&self) -> Result<(), Refusal> {
        let step = self.flow.borrow_mut().load();
        self.drive(step).await
    }

    /// Sends a code (or another one, once the wait is over).
    pub async fn send(&self) -> Result<(), Refusal> {
        let step = self.flow.borrow_mut().send(now());
        self.drive(step).await
    }

    /// Checks the code the user typed.
    pub async fn verify(&self, code: &str) -> Result<(), Refusal> {
        let step = self.flow.borrow_mut().verify(code);
        self.drive(step).await
    }

    /// Submits a new value.
    pub async fn change(&self, value: &str) -> Result<(), Refusal> {
        let step = self.flow.borrow_mut().change(value, now());
        self.drive(step).await
    }

    /// Refreshes the tokens after a verify.
    pub async fn refresh(&self) -> Result<(), Refusal> {
        let step = self.flow.borrow_mut().refresh();
        self.drive(step).await
    }

    /// Ends the flow: replies to calls in flight are dropped.
    pub fn sign_out(&self) {
        self.flow.borrow_mut().sign_out();
        self.notify();
    }

    /// Makes the call an action asked for, and the ones its replies ask for.
    async fn drive(&self, step: Result<(Ticket, Call), Refusal>) -> Result<(), Refusal> {
        // A refusal may have set the state's problem (a change to the current value).
        self.notify();
        let mut next = Some(step?);
        while let Some((ticket, call)) = next {
            let reply = self.perform(call).await;
            next = self.flow.borrow_mut().reply(ticket, reply, now());
            self.notify();
        }
        Ok(())
    }

    async fn perform(&self, call: Call) -> Reply {
        if call == Call::RefreshTokens {
            return match self.tokens.refresh().await {
                Ok(()) => Reply::Refreshed,
                Err(e) => failed(&e),
            };
        }
        let access_token = match self.tokens.access_token().await {
            Ok(token) => token,
            Err(e) => return failed(&e),
        };
        let options = CallOptions::default();
        let name = self.attribute.name();
        let attribute_name = name.to_owned();
        match call {
            Call::GetUser => match self
                .client
                .get_user(&GetUserRequest { access_token }, &options)
                .await
            {
                Ok(out) => Reply::User {
                    value: out.attribute(name).map(str::to_owned),
                    verified: out.attribute(self.attribute.verified_name()) == Some("true"),
                },
                Err(e) => failed(e.inner()),
            },
            Call::SendCode => {
                let input = GetUserAttributeVerificationCodeRequest {
                    access_token,
                    attribute_name,
                    client_metadata: None,
                };
                match self
                    .client
                    .get_user_attribute_verification_code(&input, &options)
                    .await
                {
                    Ok(out) => Reply::CodeSent {
                        delivery: out.code_delivery_details,
                    },
                    Err(e) => failed(e.inner()),
                }
            }
            Call::Verify { code } => {
                let input = VerifyUserAttributeRequest {
                    access_token,
                    attribute_name,
                    code,
                };
                match self.client.verify_user_attribute(&input, &options).await {
                    Ok(_) => Reply::Verified,
                    Err(e) => failed(e.inner()),
                }
            }
            Call::Update { value } => {
                let input = UpdateUserAttributesRequest {
                    access_token,
                    user_attributes: vec![AttributeType {
                        name: attribute_name,
                        value,
                    }],
                    client_metadata: None,
                };
                match self.client.update_user_attributes(&input, &options).await {
                    Ok(out) => Reply::Updated {
                        deliveries: out.code_delivery_details_list.unwrap_or_default(),
                    },
                    Err(e) => failed(e.inner()),
                }
            }
            Call::RefreshTokens => Reply::Refreshed,
        }
    }

    /// Calls the listeners if the state changed since they last saw it.
    fn notify(&self) {
        let state = self.state();
        if *self.notified.borrow() == state {
            return;
        }
        *self.notified.borrow_mut() = state.clone();
        let listeners: Vec<Listener> = self
            .listeners
            .borrow()
            .iter()
            .map(|(_, l)| l.clone())
            .collect();
        for listener in listeners {
            listener(&state);
        }
    }
}

fn failed(e: &CognitoError) -> Reply {
    Reply::Failed {
        name: e.name().to_owned(),
        message: e.message().to_owned(),
        http_status: e.metadata().http_status_code,
    }
}

/// Milliseconds since the epoch: the browser's clock, or the system's where the crate is built
/// natively (a server-side render, whose calls all fail with `UnsupportedRuntimeError`).
fn now() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Date::now();
    #[cfg(not(target_arch = "wasm32"))]
    return std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
}
