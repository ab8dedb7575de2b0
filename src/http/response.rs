//! Reads a fetch Response: the head into an [`HttpReply`], the body from its stream, refusing bodies
//! larger than any Cognito reply (without downloading the rest) and 2xx bodies that are not UTF-8.

use super::abort::AttemptAbort;
use crate::call::{Body, MAX_BODY_BYTES};
use crate::error::{CognitoError, HttpReply};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ReadableStreamDefaultReader, Response};

/// A leading byte-order mark, which `TextDecoder` drops (and so the JS transport does).
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What reading a body came to.
enum Read {
    /// The stream ended.
    Whole(Vec<u8>),
    /// The first chunk was whole JSON: taken before the stream ended.
    Taken(Vec<u8>),
    /// Past [`MAX_BODY_BYTES`]: the stream was cancelled.
    TooLarge,
}

/// Reads the reply of an attempt; `abort` (its timeout and the caller's signal) also covers a
/// stream that is left to end in the background.
pub(crate) async fn read_reply(
    response: JsValue,
    abort: AttemptAbort,
) -> Result<(HttpReply, Body), CognitoError> {
    let response: Response = response.unchecked_into();
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    let reply = HttpReply {
        status: response.status(),
        error_type: header("x-amzn-ErrorType"),
        request_id: header("x-amzn-RequestId"),
    };
    let mut bytes = match response.body() {
        Some(stream) => {
            let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
            match read_stream(&reader, &abort).await? {
                Read::Whole(bytes) => bytes,
                Read::Taken(bytes) => {
                    drain(reader, abort);
                    bytes
                }
                Read::TooLarge => return Ok((reply, Body::TooLarge)),
            }
        }
        None => Vec::new(),
    };
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
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

/// The body's bytes, read up to [`MAX_BODY_BYTES`] (the rest is not downloaded). A first chunk that
/// ends in `}` and is whole JSON is the whole body (more bytes could only be blanks or make it
/// invalid): it is taken without waiting for the end of the stream, which Chromium reports a quarter
/// of a millisecond after the last bytes.
async fn read_stream(
    reader: &ReadableStreamDefaultReader,
    abort: &AttemptAbort,
) -> Result<Read, CognitoError> {
    let mut bytes = Vec::new();
    loop {
        let step = JsFuture::from(reader.read())
            .await
            .map_err(|e| abort.failure(&e))?;
        if field(&step, "done").is_truthy() {
            return Ok(Read::Whole(bytes));
        }
        let chunk: Uint8Array = field(&step, "value").unchecked_into();
        let start = bytes.len();
        let end = start + chunk.length() as usize;
        if end > MAX_BODY_BYTES as usize {
            spawn_local(cancel(reader.clone()));
            return Ok(Read::TooLarge);
        }
        bytes.resize(end, 0);
        chunk.copy_to(&mut bytes[start..]);
        let text = bytes.strip_prefix(BOM).unwrap_or(&bytes);
        let whole = start == 0
            && bytes.last() == Some(&b'}')
            && std::str::from_utf8(text).is_ok_and(|text| crate::json::parse(text).is_some());
        if whole {
            return Ok(Read::Taken(bytes));
        }
    }
}

/// Lets the stream of a reply already taken end by itself: one more read should find its end. More
/// bytes are no part of any reply, so the stream is cancelled then; the attempt's timeout, kept until
/// that read settles, cancels it too (the connection is released either way).
fn drain(reader: ReadableStreamDefaultReader, abort: AttemptAbort) {
    spawn_local(async move {
        let step = JsFuture::from(reader.read()).await;
        if !step.is_ok_and(|step| field(&step, "done").is_truthy()) {
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
