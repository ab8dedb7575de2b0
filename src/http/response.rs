//! Reads a fetch Response: the head into an [`HttpReply`], the body as text, refusing bodies larger
//! than any Cognito reply and 2xx bodies that are not UTF-8.

use super::abort::AttemptAbort;
use crate::call::{Body, MAX_BODY_BYTES};
use crate::error::{CognitoError, HttpReply};
use js_sys::{ArrayBuffer, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = TextDecoder)]
    type Utf8Decoder;
    #[wasm_bindgen(constructor, js_class = TextDecoder)]
    fn new(label: &str, options: &Object) -> Utf8Decoder;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &Utf8Decoder, bytes: &ArrayBuffer) -> Result<String, JsValue>;
}

/// `fatal`: fail on invalid UTF-8 instead of putting U+FFFD in its place.
fn decoder(fatal: bool) -> Utf8Decoder {
    let options = Object::new();
    let _ = Reflect::set(&options, &"fatal".into(), &fatal.into());
    Utf8Decoder::new("utf-8", &options)
}

pub(crate) async fn read_reply(
    response: JsValue,
    abort: &AttemptAbort,
) -> Result<(HttpReply, Body), CognitoError> {
    let response: Response = response.unchecked_into();
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    let reply = HttpReply {
        status: response.status(),
        error_type: header("x-amzn-ErrorType"),
        request_id: header("x-amzn-RequestId"),
    };
    let declared = header("content-length").and_then(|n| n.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        if let Some(body) = response.body() {
            let _ = body.cancel();
        }
        return Ok((reply, Body::TooLarge));
    }
    let buffer = response.array_buffer().map_err(|e| abort.failure(&e))?;
    let buffer: ArrayBuffer = JsFuture::from(buffer)
        .await
        .map_err(|e| abort.failure(&e))?
        .unchecked_into();
    if buffer.byte_length() > MAX_BODY_BYTES {
        return Ok((reply, Body::TooLarge));
    }
    // The browser's text() would quietly replace invalid UTF-8 in a 2xx body.
    let body = match decoder(reply.is_success()).decode(&buffer) {
        Ok(text) => Body::Text(text),
        Err(_) => Body::NotUtf8,
    };
    Ok((reply, body))
}
