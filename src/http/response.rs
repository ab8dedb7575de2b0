//! Reads a fetch Response into an [`HttpReply`], refusing bodies larger than any Cognito reply and
//! successful bodies that are not UTF-8.

use super::abort::AttemptAbort;
use crate::error::{CognitoError, HttpReply};
use js_sys::Uint8Array;
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
    let buffer = response.array_buffer().map_err(|e| abort.failure(&e))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| abort.failure(&e))?;
    let bytes = Uint8Array::new(&buffer);
    if bytes.length() > MAX_BODY_BYTES {
        return Err(CognitoError::invalid_response(
            &reply,
            "body larger than 1 MiB",
        ));
    }
    // Read as bytes: the browser's text() would quietly replace invalid UTF-8.
    let body = match String::from_utf8(bytes.to_vec()) {
        Ok(text) => text,
        Err(_) if reply.is_success() => {
            return Err(CognitoError::invalid_response(
                &reply,
                "body is not valid UTF-8",
            ));
        }
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    };
    reply.body = body;
    Ok(reply)
}
