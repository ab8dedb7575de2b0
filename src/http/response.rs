//! Reads a fetch Response into an [`HttpReply`], refusing bodies larger than any Cognito reply.

use super::abort::AttemptAbort;
use crate::error::{CognitoError, HttpReply};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// Cognito replies are a few kilobytes; anything past this is not one.
pub(crate) const MAX_BODY_BYTES: u32 = 1 << 20;

pub(crate) async fn read_reply(
    response: JsValue,
    abort: &AttemptAbort,
) -> Result<HttpReply, CognitoError> {
    let response: Response = response.unchecked_into();
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    let mut reply = HttpReply {
        status: response.status(),
        error_type: header("x-amzn-ErrorType"),
        request_id: header("x-amzn-RequestId").or_else(|| header("x-amz-request-id")),
        body: String::new(),
    };
    let declared = header("content-length").and_then(|n| n.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        if let Some(body) = response.body() {
            let _ = body.cancel();
        }
        return Err(CognitoError::invalid_response(
            &reply,
            "body larger than 1 MiB",
        ));
    }
    let text = response.text().map_err(|e| abort.failure(&e))?;
    let text = JsFuture::from(text).await.map_err(|e| abort.failure(&e))?;
    let text: js_sys::JsString = text.unchecked_into();
    if text.length() > MAX_BODY_BYTES {
        return Err(CognitoError::invalid_response(
            &reply,
            "body larger than 1 MiB",
        ));
    }
    reply.body = String::from(text);
    Ok(reply)
}
