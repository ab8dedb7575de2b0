//! The Rust API in a real browser (headless Chromium or Firefox via wasm-bindgen-test-runner),
//! against the wire-format stub server (`STUB_URL` when compiling, else one the build of
//! `tests/stub/` starts: `wasm-pack test` needs nothing else, and `npm test` runs it so), including the
//! fault table the npm entry is run against too (`tests/faults.json`).
#![cfg(all(target_arch = "wasm32", feature = "rust"))]

use cognito_verify::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn stub_url() -> &'static str {
    cognito_verify_stub::URL
}

fn stub() -> Client {
    Client::new(ClientConfig {
        endpoint: Some(stub_url().to_owned()),
        timeout_ms: Some(2_000),
        ..ClientConfig::default()
    })
    .expect("valid config")
}

/// A suffix unique to this run, so the stub's counters and logs of earlier runs don't interfere.
fn run_key() -> String {
    (js_sys::Date::now() as u64).to_string()
}

fn send_code(token: &str) -> GetUserAttributeVerificationCodeRequest {
    GetUserAttributeVerificationCodeRequest {
        access_token: token.to_owned(),
        attribute_name: "email".to_owned(),
        client_metadata: None,
    }
}

fn get_user(token: &str) -> GetUserRequest {
    GetUserRequest {
        access_token: token.to_owned(),
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_url(url: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: i32);
}

/// What reached the stub for `token`: its `/__requests` log, as JSON text.
async fn requests(token: &str) -> String {
    let url = [stub_url(), "/__requests?token=", token].concat();
    let response: web_sys::Response = JsFuture::from(fetch_url(&url)).await.unwrap().into();
    let text = JsFuture::from(response.text().unwrap()).await.unwrap();
    text.as_string().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| set_timeout(&resolve, ms));
    JsFuture::from(promise).await.unwrap();
}

/// `tests/faults.json`, which says what each column means.
#[derive(Deserialize)]
struct Table {
    client: TableClient,
    faults: Vec<Fault>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TableClient {
    max_attempts: u32,
    timeout_ms: u32,
}

#[derive(Deserialize)]
struct Fault {
    scenario: String,
    name: Option<String>,
    fault: Option<String>,
    retryable: Option<bool>,
    attempts: u32,
    status: Option<u16>,
    message: Option<String>,
    unreached: Option<String>,
    hidden: Option<String>,
    #[serde(rename = "requestId")]
    request_id: Option<String>,
    #[serde(rename = "hangsUp", default)]
    hangs_up: bool,
}

#[wasm_bindgen_test]
async fn every_fault_of_the_shared_table_settles_as_the_table_says() {
    let table: Table = serde_json::from_str(include_str!("faults.json")).expect("the table");
    let client = Client::new(ClientConfig {
        endpoint: Some(stub_url().to_owned()),
        max_attempts: Some(table.client.max_attempts),
        timeout_ms: Some(table.client.timeout_ms),
        ..ClientConfig::default()
    })
    .unwrap();
    let run = run_key();
    for expected in &table.faults {
        let token = [expected.scenario.as_str(), ".rs", &run].concat();
        let started = js_sys::Date::now();
        let outcome = client
            .get_user(&get_user(&token), &CallOptions::default())
            .await;
        let ms = js_sys::Date::now() - started;
        match (&expected.name, outcome) {
            (None, Ok(user)) => {
                let names: Vec<_> = user
                    .user_attributes
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect();
                assert_eq!(names, ["sub", "email", "email_verified"], "{token}");
                assert_eq!(user.metadata.attempts, expected.attempts, "{token}");
                assert_eq!(user.metadata.http_status_code, expected.status, "{token}");
                if let Some(prefix) = &expected.request_id {
                    let id = user.metadata.request_id.unwrap_or_default();
                    assert!(id.starts_with(prefix.as_str()), "{token}: {id}");
                }
            }
            (Some(name), Err(err)) => {
                let err = err.inner();
                let fault = err.fault().as_str();
                assert_eq!(
                    (err.name(), Some(fault), Some(err.is_retryable())),
                    (name.as_str(), expected.fault.as_deref(), expected.retryable),
                    "{token}: {err}"
                );
                assert_eq!(err.metadata().attempts, expected.attempts, "{token}: {err}");
                assert_eq!(
                    err.metadata().http_status_code,
                    expected.status,
                    "{token}: {err}"
                );
                if let Some(part) = &expected.message {
                    assert!(err.message().contains(part.as_str()), "{token}: {err}");
                }
                if let Some(hidden) = &expected.hidden {
                    let shown = [err.to_string(), format!("{err:?}")].concat();
                    assert!(!shown.contains(hidden.as_str()), "{token}: {shown}");
                }
            }
            (expected, outcome) => panic!("{token}: expected {expected:?}, got {outcome:?}"),
        }
        // Two attempts of at most 400 ms plus one backoff (< 100 ms), with room for a slow machine.
        assert!(ms < 2000.0, "{token} took {ms} ms");
        let next = client
            .get_user(&get_user("ok.next"), &CallOptions::default())
            .await;
        assert_eq!(
            next.expect("the next call").username,
            "user-ok.next",
            "after {token}"
        );
        if let Some(path) = &expected.unreached {
            let at = ["\"url\":\"", path].concat();
            assert!(
                !requests(&token).await.contains(&at),
                "{token} reached {path}"
            );
        }
        if expected.hangs_up {
            // The stub notes when the client closed the response; wait for it to be closed.
            hung_up(&token).await;
            let log = requests(&token).await;
            let after = log
                .split_once("\"closedAfter\":")
                .and_then(|(_, rest)| rest.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|ms| ms.parse::<u32>().ok());
            // The late bytes come 50 ms after the reply: the stream is cancelled as they come, and the
            // attempt's fetch ended (cancelling the stream alone leaves the connection open in Firefox).
            let limit = 300;
            assert!(
                after.is_some_and(|ms| ms < limit),
                "{token}: the rest of the stream is cancelled within {limit} ms: {log}"
            );
        }
    }
}

/// Whether the stub saw the client close the response to `token`'s request (within 2 s).
async fn hung_up(token: &str) -> bool {
    for _ in 0..40 {
        if requests(token).await.contains("\"hungUp\":true") {
            return true;
        }
        sleep(50).await;
    }
    false
}

#[wasm_bindgen_test]
async fn an_endless_body_is_read_only_up_to_the_limit() {
    let token = ["endless.rs", &run_key()].concat();
    let err = stub()
        .get_user(&get_user(&token), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err, GetUserError::InvalidResponseError(_)),
        "{err}"
    );
    assert!(err.message().contains("larger than 1 MiB"), "{err}");
    // The stream is cancelled: the stub sees the client hang up long before its 256 MiB.
    assert!(hung_up(&token).await, "{}", requests(&token).await);
}

#[wasm_bindgen_test]
async fn sends_a_code_and_reports_where_it_went() {
    let out = stub()
        .get_user_attribute_verification_code(&send_code("ok.rust1"), &CallOptions::default())
        .await
        .expect("success");
    let details = out.code_delivery_details.expect("details");
    assert_eq!(details.destination.as_deref(), Some("d***@e***"));
    assert_eq!(details.delivery_medium, Some(DeliveryMediumType::EMAIL));
    assert_eq!(out.metadata.http_status_code, Some(200));
    assert_eq!(out.metadata.attempts, 1);
    assert!(out
        .metadata
        .request_id
        .is_some_and(|id| id.starts_with("stub-")));
}

#[wasm_bindgen_test]
async fn limit_exceeded_is_a_typed_arm_and_not_retried() {
    let err = stub()
        .get_user_attribute_verification_code(
            &send_code("err.LimitExceededException.rust"),
            &CallOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            GetUserAttributeVerificationCodeError::LimitExceededException(_)
        ),
        "{err}"
    );
    assert_eq!(err.inner().metadata().attempts, 1);
    assert!(err.request_id().is_some());
    assert!(!err.inner().is_retryable());
}

#[wasm_bindgen_test]
async fn wrong_code_is_code_mismatch() {
    let verify = VerifyUserAttributeRequest {
        access_token: "err.CodeMismatchException.rust".into(),
        attribute_name: "email".into(),
        code: "000000".into(),
    };
    let err = stub()
        .verify_user_attribute(&verify, &CallOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        VerifyUserAttributeError::CodeMismatchException(_)
    ));
    assert_eq!(err.code(), "CodeMismatchException");
}

#[wasm_bindgen_test]
async fn throttling_is_retried_then_succeeds() {
    let out = stub()
        .get_user(
            &get_user(&["throttle.1.rust", &run_key()].concat()),
            &CallOptions::default(),
        )
        .await
        .expect("success after a retry");
    assert_eq!(out.metadata.attempts, 2);
    assert_eq!(out.attribute("email_verified"), Some("false"));
}

#[wasm_bindgen_test]
async fn abort_signal_ends_the_call() {
    let controller = web_sys::AbortController::new().unwrap();
    let options = CallOptions {
        abort_signal: Some(controller.signal()),
        timeout_ms: None,
    };
    controller.abort();
    let err = stub()
        .get_user(&get_user("ok.abort"), &options)
        .await
        .unwrap_err();
    assert!(matches!(err, GetUserError::AbortError(_)));
    assert_eq!(err.inner().metadata().attempts, 0);
}

#[wasm_bindgen_test]
async fn bad_input_fails_before_sending() {
    let err = stub()
        .get_user_attribute_verification_code(&send_code("has space"), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        GetUserAttributeVerificationCodeError::ValidationError(_)
    ));
    assert_eq!(err.inner().field(), Some("AccessToken"));
    assert!(
        !err.message().contains("has space"),
        "the token is never echoed"
    );
}

#[wasm_bindgen_test]
async fn no_part_of_a_token_or_a_code_surfaces_in_an_error() {
    // A JWT whose claims carry the stub's scenario: each of its parts and the code are quoted back.
    let token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1LTEiLCJ0b2tlbl91c2UiOiJhY2Nlc3MiLCJzY29wZSI6ImF3cy5jb2duaXRvLnNpZ25pbi51c2VyLmFkbWluIiwic2NlbmFyaW8iOiJlY2hvYWxsIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    let verify = VerifyUserAttributeRequest {
        access_token: token.into(),
        attribute_name: "email".into(),
        code: "98765432".into(),
    };
    let err = stub()
        .verify_user_attribute(&verify, &CallOptions::default())
        .await
        .unwrap_err();
    let shown = [
        err.to_string(),
        format!("{err:?}"),
        err.request_id().unwrap_or_default().to_owned(),
    ]
    .concat();
    for secret in token.split('.').chain(["98765432"]) {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert_eq!(err.code(), "NotAuthorizedException");
    assert_eq!(err.request_id(), Some("req-***"));
}

/// Runs `call` while `fetch` answers every request with one 200 whose body is `text` in a single
/// stream chunk.
async fn with_one_chunk_reply<T>(text: &str, call: impl std::future::Future<Output = T>) -> T {
    let global = js_sys::global();
    let real = js_sys::Reflect::get(&global, &"fetch".into()).unwrap();
    let make = js_sys::Function::new_with_args(
        "text",
        "return async () => new Response(new ReadableStream({ start(stream) { \
         stream.enqueue(new TextEncoder().encode(text)); stream.close(); } }), \
         { status: 200, headers: { 'x-amzn-requestid': 'r-1' } })",
    );
    let fake = make.call1(&JsValue::NULL, &text.into()).unwrap();
    js_sys::Reflect::set(&global, &"fetch".into(), &fake).unwrap();
    let out = call.await;
    js_sys::Reflect::set(&global, &"fetch".into(), &real).unwrap();
    out
}

#[wasm_bindgen_test]
async fn a_chunk_larger_than_a_piece_is_handed_over_whole() {
    // Whole JSON of exactly one piece (64 KiB), so that the first piece alone closes its braces.
    let bare = r#"{"Username":"u","UserAttributes":[],"Pad":""}"#;
    let pad = "p".repeat(65536 - bare.len());
    let whole = [
        r#"{"Username":"u","UserAttributes":[],"Pad":""#,
        &pad,
        r#""}"#,
    ]
    .concat();
    assert_eq!(whole.len(), 65536);
    let client = stub();
    let junk = [whole.as_str(), &" x".repeat(60000)].concat();
    let err = with_one_chunk_reply(
        &junk,
        client.get_user(&get_user("ok.synthetic"), &CallOptions::default()),
    )
    .await
    .unwrap_err();
    assert!(err.message().contains("not JSON"), "{err}");
    let blanks = [whole.as_str(), &" ".repeat(120000)].concat();
    let user = with_one_chunk_reply(
        &blanks,
        client.get_user(&get_user("ok.synthetic"), &CallOptions::default()),
    )
    .await
    .expect("whole JSON and blanks is the reply");
    assert_eq!(user.username, "u");
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with(url: &str, init: &JsValue) -> js_sys::Promise;
}

/// A GET of the stub's `path`, as JSON.
async fn stub_json(path: &str) -> serde_json::Value {
    let response: web_sys::Response = JsFuture::from(fetch_url(&[stub_url(), path].concat()))
        .await
        .unwrap()
        .into();
    let text = JsFuture::from(response.text().unwrap()).await.unwrap();
    serde_json::from_str(&text.as_string().unwrap()).unwrap()
}

/// Makes a user in the stub's pool `client_id` with the password `Rust-passw0rd` and the other
/// fields of `extra` (see tests/support/stub-pool.mjs).
async fn pool_user(client_id: &str, username: &str, extra: serde_json::Value) {
    let mut body = serde_json::json!({"clientId": client_id, "username": username, "password": "Rust-passw0rd"});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"method".into(), &"POST".into()).unwrap();
    js_sys::Reflect::set(&init, &"body".into(), &body.to_string().into()).unwrap();
    let url = [stub_url(), "/__pool/users"].concat();
    JsFuture::from(fetch_with(&url, &init)).await.unwrap();
}

/// The last code the stub's pool sent to `username`.
async fn last_code(client_id: &str, username: &str) -> String {
    let mail = stub_json(&format!(
        "/__pool/mail?client={client_id}&username={username}"
    ))
    .await;
    mail["code"].as_str().expect("a code was sent").to_owned()
}

#[wasm_bindgen_test]
async fn sign_up_resend_and_confirm_from_rust() {
    let client_id = ["pool_rust_signup_", &run_key()].concat();
    let username = "rust-signup".to_owned();
    let client = stub();
    let up = client
        .sign_up(
            &SignUpRequest {
                client_id: client_id.clone(),
                username: username.clone(),
                password: Some("Rust-passw0rd".into()),
                user_attributes: Some(vec![AttributeType {
                    name: "email".into(),
                    value: "rust@example.com".into(),
                }]),
                ..Default::default()
            },
            &CallOptions::default(),
        )
        .await
        .expect("signed up");
    assert!(!up.user_confirmed);
    let again = client
        .sign_up(
            &SignUpRequest {
                client_id: client_id.clone(),
                username: username.clone(),
                password: Some("Rust-passw0rd".into()),
                ..Default::default()
            },
            &CallOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(again, SignUpError::UsernameExistsException(_)),
        "{again}"
    );
    let first = last_code(&client_id, &username).await;
    let resent = client
        .resend_confirmation_code(
            &ResendConfirmationCodeRequest {
                client_id: client_id.clone(),
                username: username.clone(),
                ..Default::default()
            },
            &CallOptions::default(),
        )
        .await
        .expect("resent");
    assert_eq!(
        resent
            .code_delivery_details
            .and_then(|d| d.destination)
            .as_deref(),
        Some("r***@e***")
    );
    let confirm = |code: String| ConfirmSignUpRequest {
        client_id: client_id.clone(),
        username: username.clone(),
        confirmation_code: code,
        ..Default::default()
    };
    let expired = client
        .confirm_sign_up(&confirm(first), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(expired, ConfirmSignUpError::ExpiredCodeException(_)),
        "{expired}"
    );
    let code = last_code(&client_id, &username).await;
    client
        .confirm_sign_up(&confirm(code), &CallOptions::default())
        .await
        .expect("confirmed");
}

#[wasm_bindgen_test]
async fn a_challenge_rotation_revocation_and_global_sign_out_from_rust() {
    let client_id = ["pool_rotate_rust_", &run_key()].concat();
    let username = "rust-mfa";
    pool_user(
        &client_id,
        username,
        serde_json::json!({"challenge": "EMAIL_OTP"}),
    )
    .await;
    let client = stub();
    let sign_in = client
        .initiate_auth(
            &InitiateAuthRequest {
                auth_flow: AuthFlow::USER_PASSWORD_AUTH,
                client_id: client_id.clone(),
                auth_parameters: [("USERNAME", username), ("PASSWORD", "Rust-passw0rd")]
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .into(),
                client_metadata: None,
            },
            &CallOptions::default(),
        )
        .await
        .expect("a challenge");
    assert_eq!(sign_in.challenge_name.as_deref(), Some("EMAIL_OTP"));
    let code = last_code(&client_id, username).await;
    let answered = client
        .respond_to_auth_challenge(
            &RespondToAuthChallengeRequest {
                client_id: client_id.clone(),
                challenge_name: ChallengeNameType::EMAIL_OTP,
                session: sign_in.session.expect("a session"),
                challenge_responses: [("USERNAME", username), ("EMAIL_OTP_CODE", code.as_str())]
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .into(),
                client_metadata: None,
            },
            &CallOptions::default(),
        )
        .await
        .expect("signed in");
    let tokens = answered.authentication_result.expect("tokens");
    let first = tokens.refresh_token.clone().expect("a refresh token");
    let refresh = |token: &str| GetTokensFromRefreshTokenRequest {
        client_id: client_id.clone(),
        refresh_token: token.to_owned(),
        ..Default::default()
    };
    let rotated = client
        .get_tokens_from_refresh_token(&refresh(&first), &CallOptions::default())
        .await
        .expect("refreshed");
    let second = rotated
        .authentication_result
        .and_then(|r| r.refresh_token)
        .expect("rotation returns a new refresh token");
    assert_ne!(second, first);
    let reuse = client
        .get_tokens_from_refresh_token(&refresh(&first), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            reuse,
            GetTokensFromRefreshTokenError::RefreshTokenReuseException(_)
        ),
        "{reuse}"
    );
    assert!(
        !format!("{reuse:?}{reuse}").contains(&first),
        "the token never surfaces"
    );
    let wrong_kind = client
        .revoke_token(
            &RevokeTokenRequest {
                token: tokens.access_token.clone().expect("an access token"),
                client_id: client_id.clone(),
                client_secret: None,
            },
            &CallOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            wrong_kind,
            RevokeTokenError::UnsupportedTokenTypeException(_)
        ),
        "{wrong_kind}"
    );
    client
        .global_sign_out(
            &GlobalSignOutRequest {
                access_token: tokens.access_token.expect("an access token"),
            },
            &CallOptions::default(),
        )
        .await
        .expect("signed out everywhere");
    let after = client
        .get_tokens_from_refresh_token(&refresh(&second), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            after,
            GetTokensFromRefreshTokenError::NotAuthorizedException(_)
        ),
        "{after}"
    );
}

/// Makes a pool user as [`pool_user`] does and signs them in: the access token.
async fn signed_in_pool_user(client_id: &str, username: &str, extra: serde_json::Value) -> String {
    pool_user(client_id, username, extra).await;
    let input = InitiateAuthRequest {
        auth_flow: AuthFlow::USER_PASSWORD_AUTH,
        client_id: client_id.to_owned(),
        auth_parameters: [("USERNAME", username), ("PASSWORD", "Rust-passw0rd")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .into(),
        client_metadata: None,
    };
    let out = stub()
        .initiate_auth(&input, &CallOptions::default())
        .await
        .expect("signed in");
    out.authentication_result
        .and_then(|r| r.access_token)
        .expect("an access token")
}

struct Token(String);

impl flow::TokenSource for Token {
    fn access_token(&self) -> flow::TokenFuture<'_, String> {
        Box::pin(async move { Ok(self.0.clone()) })
    }
}

/// Loads the flow, sees the current value refused as a change, changes the attribute to `new` and
/// verifies it with the code the pool sent: the state after the change, at the end, and the `busy`
/// of every state the subscriber saw.
async fn change_and_verify(
    words: &str,
    attribute: flow::Attribute,
    extra: serde_json::Value,
    new: &str,
) -> (flow::FlowState, flow::FlowState, Vec<String>) {
    let client_id = ["pool_", words, "_flow_", &run_key()].concat();
    let username = "rust-flow";
    let token = signed_in_pool_user(&client_id, username, extra).await;
    let verify = flow::VerifyFlow::new(stub(), attribute, Token(token));
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let log = seen.clone();
    verify.subscribe(move |s| log.borrow_mut().push(format!("{:?}", s.busy)));
    verify.load().await.unwrap();
    let current = verify.state().value.clone().unwrap();
    assert_eq!(verify.change(&current).await, Err(flow::Refusal::SameValue));
    verify.change(new).await.unwrap();
    let after_change = verify.state();
    let told = seen.borrow().len();
    assert_eq!(
        verify.send().await,
        Err(flow::Refusal::Waiting),
        "the cooldown holds a resend"
    );
    assert_eq!(
        seen.borrow().len(),
        told,
        "a refusal that changes nothing calls no subscriber"
    );
    let code = last_code(&client_id, username).await;
    verify.verify(&code).await.unwrap();
    let done = verify.state();
    let seen = seen.borrow().clone();
    (after_change, done, seen)
}

#[wasm_bindgen_test]
async fn the_flow_in_a_pool_that_keeps_the_original() {
    let (changed, done, seen) = change_and_verify(
        "keep",
        flow::Attribute::Email,
        serde_json::json!({"email": "old@example.com", "emailVerified": true}),
        "new@example.com",
    )
    .await;
    assert_eq!(changed.keeps_original, Some(true));
    assert_eq!(
        changed.value.as_deref(),
        Some("old@example.com"),
        "the original stays"
    );
    assert_eq!(changed.pending.as_deref(), Some("new@example.com"));
    assert_eq!(
        changed.delivery.and_then(|d| d.destination).as_deref(),
        Some("n***@e***")
    );
    assert_eq!(
        (done.value.as_deref(), done.verified, done.pending),
        (Some("new@example.com"), true, None)
    );
    assert!(done.tokens_stale);
    assert!(seen.contains(&"Some(Changing)".to_owned()) && seen.last().unwrap() == "None");
}

#[wasm_bindgen_test]
async fn the_flow_in_a_pool_that_replaces_at_once_for_a_phone_number() {
    let (changed, done, _) = change_and_verify(
        "",
        flow::Attribute::Phone,
        serde_json::json!({"phone": "+15550001234", "phoneVerified": true}),
        "+15550005678",
    )
    .await;
    assert_eq!(changed.keeps_original, Some(false));
    assert_eq!(
        (changed.value.as_deref(), changed.verified),
        (Some("+15550005678"), false)
    );
    assert_eq!(
        changed.delivery.map(|d| (d.delivery_medium, d.destination)),
        Some((
            Some(DeliveryMediumType::SMS),
            Some("+*******5678".to_owned())
        ))
    );
    assert_eq!(
        (done.value.as_deref(), done.verified),
        (Some("+15550005678"), true)
    );
}
