//! Reads a fetch Response: the head into an [`HttpReply`], the body from its stream, refusing bodies
//! larger than any Cognito reply (without downloading the rest) and 2xx bodies that are not UTF-8.

use super::abort::AttemptAbort;
use crate::call::{Body, MAX_BODY_BYTES};
use crate::error::{CognitoError, HttpReply};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ReadableStreamDefaultReader, Response};

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
    let bytes = match response.body() {
        Some(stream) => {
            let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
            match read_stream(&reader, abort).await? {
                Some(bytes) => bytes,
                None => return Ok((reply, Body::TooLarge)),
            }
        }
        None => Vec::new(),
    };
    let body = match String::from_utf8(bytes) {
        Ok(text) => Body::Text(text),
        // The browser's text() would quietly replace invalid UTF-8; only error bodies may have it.
        Err(err) if !reply.is_success() => {
            Body::Text(String::from_utf8_lossy(err.as_bytes()).into_owned())
        }
        Err(_) => Body::NotUtf8,
    };
    Ok((reply, body))
}

/// The body's bytes, or `None` once they pass [`MAX_BODY_BYTES`] (the rest is not downloaded). A
/// first chunk that ends in `}` and is whole JSON is the whole body (more bytes could only be blanks
/// or make it invalid): it is taken without waiting for the end of the stream, which Chromium
/// reports a quarter of a millisecond after the last bytes; the stream ends in the background.
async fn read_stream(
    reader: &ReadableStreamDefaultReader,
    abort: &AttemptAbort,
) -> Result<Option<Vec<u8>>, CognitoError> {
    let mut bytes = Vec::new();
    loop {
        let step = JsFuture::from(reader.read())
            .await
            .map_err(|e| abort.failure(&e))?;
        let field = |name: &str| Reflect::get(&step, &JsValue::from_str(name)).unwrap_or_default();
        if field("done").is_truthy() {
            return Ok(Some(bytes));
        }
        let chunk: Uint8Array = field("value").unchecked_into();
        let start = bytes.len();
        let end = start + chunk.length() as usize;
        if end > MAX_BODY_BYTES as usize {
            let _ = reader.cancel();
            return Ok(None);
        }
        bytes.resize(end, 0);
        chunk.copy_to(&mut bytes[start..]);
        let whole = start == 0
            && bytes.last() == Some(&b'}')
            && std::str::from_utf8(&bytes).is_ok_and(|text| crate::json::parse(text).is_some());
        if whole {
            let rest = JsFuture::from(reader.read());
            spawn_local(async move {
                let _ = rest.await;
            });
            return Ok(Some(bytes));
        }
    }
}
