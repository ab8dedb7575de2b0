//! Sends one attempt: `POST` with the Cognito JSON protocol headers, `credentials: 'omit'` and no
//! cache mode (so the browser's CORS preflight cache keeps working).

use super::abort::AttemptAbort;
use super::response::read_reply;
use crate::call::Body;
use crate::error::{CognitoError, HttpReply};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestCredentials, RequestInit, RequestRedirect};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_init(url: &str, init: &RequestInit) -> Promise;
}

/// What one attempt needs.
pub(crate) struct Attempt<'a> {
    pub url: &'a str,
    pub target: &'a str,
    pub user_agent: &'a str,
    pub body: &'a str,
    pub timeout_ms: u32,
    pub caller: Option<&'a AbortSignal>,
}

fn headers(target: &str, user_agent: &str) -> Result<Headers, JsValue> {
    let headers = Headers::new()?;
    headers.set("Content-Type", "application/x-amz-json-1.1")?;
    headers.set("X-Amz-Target", target)?;
    headers.set("X-Amz-User-Agent", user_agent)?;
    Ok(headers)
}

/// POSTs the attempt and reads the whole reply, within the timeout.
pub(crate) async fn post(attempt: Attempt<'_>) -> Result<(HttpReply, Body), CognitoError> {
    if attempt.caller.is_some_and(AbortSignal::aborted) {
        return Err(CognitoError::aborted());
    }
    let abort = AttemptAbort::start(attempt.timeout_ms, attempt.caller)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_credentials(RequestCredentials::Omit);
    // The token goes only to the endpoint: a redirect is a failure, not followed.
    init.set_redirect(RequestRedirect::Error);
    init.set_body(&JsValue::from_str(attempt.body));
    let headers = headers(attempt.target, attempt.user_agent).map_err(|e| abort.failure(&e))?;
    init.set_headers(&headers);
    init.set_signal(Some(&abort.signal()));
    let response = JsFuture::from(fetch_with_init(attempt.url, &init))
        .await
        .map_err(|e| abort.failure(&e))?;
    read_reply(response, abort).await
}
