//! A Leptos app (client-side rendered) that signs a Cognito user in and verifies their email
//! through cognito-verify's Rust API: `Client::initiate_auth` for the sign-in, then the crate's
//! verification flow (`flow::VerifyFlow`) for the rest, rendered from its state. The page's link
//! names the endpoint and app client: `index.html?endpoint=http://127.0.0.1:9229&clientId=...`.
use cognito_verify::flow::{Attribute, FlowState, Phase, TokenFuture, TokenSource, VerifyFlow};
use cognito_verify::{AuthFlow, CallOptions, Client, ClientConfig, InitiateAuthRequest, StringMap};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

/// The signed-in user's access token, as the flow asks for it.
struct SignedIn(String);

impl TokenSource for SignedIn {
    fn access_token(&self) -> TokenFuture<'_, String> {
        Box::pin(async move { Ok(self.0.clone()) })
    }
}

/// `name`'s value in the page's query string.
fn query(name: &str) -> String {
    let search = window().location().search().unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| js_sys::decode_uri_component(value).ok())
        .map(String::from)
        .unwrap_or_default()
}

/// Signs in with a password: the access token, or what went wrong in words.
async fn sign_in(
    client: &Client,
    client_id: String,
    username: String,
    password: String,
) -> Result<String, String> {
    let mut parameters = StringMap::new();
    parameters.insert("USERNAME".into(), username);
    parameters.insert("PASSWORD".into(), password);
    let input = InitiateAuthRequest {
        auth_flow: AuthFlow::USER_PASSWORD_AUTH,
        client_id,
        auth_parameters: parameters,
        client_metadata: None,
    };
    let out = client
        .initiate_auth(&input, &CallOptions::default())
        .await
        .map_err(|e| e.to_string())?;
    out.authentication_result
        .and_then(|tokens| tokens.access_token)
        .ok_or_else(|| {
            "This account needs another sign-in step: use the app's own sign-in.".to_owned()
        })
}

/// What the page says about the flow's state.
fn news(state: &FlowState) -> String {
    if let Some(problem) = &state.problem {
        return problem.next.sentence().to_owned();
    }
    match (&state.delivery, state.verified) {
        (_, true) => "Your email is verified.".to_owned(),
        (Some(delivery), false) => format!(
            "We sent a code to {}.",
            delivery.destination.as_deref().unwrap_or("your address")
        ),
        (None, false) => "Your email is not verified yet: press “Send code”.".to_owned(),
    }
}

#[component]
fn App() -> impl IntoView {
    let client = Client::new(ClientConfig {
        endpoint: Some(query("endpoint")),
        ..ClientConfig::default()
    })
    .expect("an endpoint in the link");
    // The client lives in this thread (the browser's): the views hold only a handle to it.
    let client = StoredValue::new_local(client);
    let client_id = StoredValue::new(query("clientId"));
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let state = RwSignal::new(None::<FlowState>);
    let flow = StoredValue::new_local(None::<VerifyFlow>);

    let submit_sign_in = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (client, client_id) = (client.get_value(), client_id.get_value());
        let (user, secret) = (username.get_untracked(), password.get_untracked());
        password.set(String::new());
        spawn_local(async move {
            match sign_in(&client, client_id, user, secret).await {
                Err(message) => status.set(message),
                Ok(token) => {
                    let verify = VerifyFlow::new(client, Attribute::Email, SignedIn(token));
                    verify.subscribe(move |now| {
                        status.set(news(now));
                        state.set(Some(now.clone()));
                    });
                    flow.set_value(Some(verify.clone()));
                    let _ = verify.load().await;
                }
            }
        });
    };
    let send = move |_| {
        if let Some(verify) = flow.get_value() {
            spawn_local(async move {
                let _ = verify.send().await;
            });
        }
    };
    let check = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(verify) = flow.get_value() {
            let typed = code.get_untracked();
            spawn_local(async move {
                let _ = verify.verify(&typed).await;
            });
        }
    };
    let ready = move || state.get().is_some_and(|s| s.phase == Phase::Ready);
    let busy = move || state.get().is_some_and(|s| s.busy.is_some());
    let verified = move || state.get().is_some_and(|s| s.verified);
    let code_out = move || {
        state
            .get()
            .is_some_and(|s| s.delivery.is_some() && !s.verified)
    };

    view! {
        <main>
            <h1>"Verify your email"</h1>
            <p id="status" role="status">{move || status.get()}</p>
            <Show when=ready fallback=move || view! {
                <form on:submit=submit_sign_in>
                    <label for="username">"Username"</label>
                    <input id="username" autocomplete="username" bind:value=username />
                    <label for="password">"Password"</label>
                    <input id="password" type="password" autocomplete="current-password" bind:value=password />
                    <button type="submit">"Sign in"</button>
                </form>
            }>
                <p>
                    <span id="email">{move || state.get().and_then(|s| s.value).unwrap_or_default()}</span>
                    " "
                    <span id="badge">{move || if verified() { "Verified" } else { "Not verified" }}</span>
                </p>
                <button on:click=send disabled=move || busy() || verified()>"Send code"</button>
                <Show when=code_out>
                    <form on:submit=check>
                        <label for="code">"Verification code"</label>
                        <input id="code" inputmode="numeric" autocomplete="one-time-code" bind:value=code />
                        <button type="submit" disabled=busy>"Verify"</button>
                    </form>
                </Show>
            </Show>
        </main>
    }
}

/// Mounts the app on the page's body.
#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(App);
}
