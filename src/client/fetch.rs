//! One attempt over `web-sys` fetch: `POST` with the Cognito JSON protocol headers,
//! `credentials: 'omit'`, `redirect: 'error'` and no cache mode (so the browser's CORS preflight
//! cache keeps working), then the reply's head and its body's chunks handed to the body policy
//! ([`crate::core::body`]), which says when to stop reading.

use super::abort::AttemptAbort;
use crate::core::body::{Body, BodyReader, Step, PIECE_BYTES};
use crate::core::error::CognitoError;
use crate::core::reply::HttpReply;
use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    AbortSignal, Headers, ReadableStreamDefaultReader, RequestCredentials, RequestInit,
    RequestRedirect, Response,
};

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

/// POSTs the attempt and reads its reply, within the timeout.
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
    let headers = headers(attempt.target, attempt.user_agent).map_err(|_| abort.failure())?;
    init.set_headers(&headers);
    init.set_signal(Some(&abort.signal()));
    let response: Response = JsFuture::from(fetch_with_init(attempt.url, &init))
        .await
        .map_err(|_| abort.failure())?
        .unchecked_into();
    let head = response.headers();
    let header = |name: &str| head.get(name).ok().flatten();
    let reply = HttpReply {
        status: response.status(),
        error_type: header("x-amzn-ErrorType"),
        // As the AWS SDKs read it: `x-amzn-RequestId`, else `x-amz-request-id`.
        request_id: header("x-amzn-RequestId").or_else(|| header("x-amz-request-id")),
    };
    let mut body = BodyReader::default();
    if let Some(stream) = response.body() {
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        loop {
            let step = JsFuture::from(reader.read())
                .await
                .map_err(|_| abort.failure())?;
            if field(&step, "done").is_truthy() {
                break;
            }
            let chunk: Uint8Array = field(&step, "value").unchecked_into();
            match push(&mut body, &chunk) {
                Step::More => {}
                Step::Whole => {
                    drain(reader, abort);
                    break;
                }
                Step::TooLarge => {
                    // Ends the fetch too: Firefox keeps the connection open on a cancel alone.
                    abort.now();
                    spawn_local(cancel(reader));
                    break;
                }
            }
        }
    }
    let body = body.finish(reply.is_success());
    Ok((reply, body))
}

/// Hands `chunk` to the body in pieces of at most [`PIECE_BYTES`], all of them unless the body is
/// too large (the rest of a chunk after a piece taken as whole can only make the reply invalid).
fn push(body: &mut BodyReader, chunk: &Uint8Array) -> Step {
    let (len, mut at) = (chunk.length(), 0);
    let mut step = Step::More;
    while step != Step::TooLarge && at < len {
        let end = at.saturating_add(PIECE_BYTES as u32).min(len);
        step = body.push(&chunk.subarray(at, end).to_vec());
        at = end;
    }
    step
}

/// Lets the stream of a reply already taken end by itself: one more read should find its end. More
/// bytes are no part of any reply, so the stream is cancelled then, and at the attempt's timeout if
/// that read has not settled by then (Firefox may hold small late bytes back: the connection is
/// released either way).
fn drain(reader: ReadableStreamDefaultReader, abort: AttemptAbort) {
    spawn_local(async move {
        let read_or_abort = Array::of2(&reader.read(), &abort.aborted());
        let step = JsFuture::from(Promise::race(&read_or_abort)).await;
        if !step.is_ok_and(|step| field(&step, "done").is_truthy()) {
            abort.now();
            cancel(reader).await;
        }
        drop(abort);
    });
}

/// Cancels the stream; a stream that already failed refuses, which changes nothing.
async fn cancel(reader: ReadableStreamDefaultReader) {
    let _ = JsFuture::from(reader.cancel()).await;
}

/// A field of a `read()` result.
fn field(step: &JsValue, name: &str) -> JsValue {
    Reflect::get(step, &JsValue::from_str(name)).unwrap_or_default()
}
