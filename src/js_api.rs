//! The module's exports for the npm entry (`js/index.js`), which owns `fetch`, timers and abort
//! signals: only JSON text and numbers cross, so the module needs no JavaScript object bindings.
//!
//! `configure` checks a client's configuration once; `start` checks an operation's input and
//! options and opens a call; `reply` and `fail` feed it what happened to each attempt and answer
//! what to do next (a successful reply closes the call); `finish` closes a failed one. Answers
//! that can fail are JSON objects: either the result, or the fields of a `CognitoError` (`{name,
//! message, $fault, retryable, $metadata, field?}`), which the npm entry turns into an instance.

use crate::call::{Body, Call, Next, MAX_BODY_BYTES, NOT_OPEN};
use crate::client::{check_timeout, Settings, ATTEMPTS_RULE, TIMEOUT_RULE};
use crate::error::{CognitoError, Fault, HttpReply};
use crate::js_input::{parse_argument, Fields};
use crate::js_request::{prepare, OPERATIONS};
use crate::json::JsonObject;
use crate::model::ResponseMetadata;
use crate::retry::MAX_ALLOWED_ATTEMPTS;
use crate::text::decimal;
use crate::validate::ValidationError;
use std::cell::RefCell;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

/// `new CognitoClient(config)`. Give `region` or `endpoint`.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct CognitoClientConfig {
    /// AWS region, e.g. `"eu-west-1"`.
    #[tsify(optional)]
    region: Option<String>,
    /// A custom endpoint: `https:`, or `http:` on a loopback host (a local emulator).
    #[tsify(optional)]
    endpoint: Option<String>,
    /// Use the region's FIPS endpoint.
    #[tsify(optional)]
    use_fips_endpoint: Option<bool>,
    /// Attempts per call, 1 to 10 (default 3; 1 means no retry).
    #[tsify(optional)]
    max_attempts: Option<u32>,
    /// Per-attempt timeout in milliseconds (default 10000).
    #[tsify(optional)]
    timeout_ms: Option<u32>,
    /// Appended to the `X-Amz-User-Agent` header.
    #[tsify(optional)]
    user_agent_suffix: Option<String>,
}

/// Per-call options.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct CognitoCallOptions {
    /// Aborts the call, including a backoff wait, with `AbortError`.
    #[tsify(optional, type = "AbortSignal")]
    abort_signal: Option<String>,
    /// Overrides the client's per-attempt timeout (milliseconds).
    #[tsify(optional)]
    timeout_ms: Option<u32>,
}

/// What every rejection carries (the fields of `CognitoError`).
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct CognitoErrorFields {
    /// The AWS exception name, or `ValidationError`, `NetworkError`, `TimeoutError`, `AbortError`,
    /// `InvalidResponseError`.
    name: String,
    /// What went wrong.
    message: String,
    /// Whose side the fault is on.
    #[serde(rename = "$fault")]
    #[tsify(type = "\"client\" | \"server\"")]
    fault: String,
    /// Whether the retry policy treats it as transient (already retried up to `maxAttempts`).
    retryable: bool,
    /// Request facts: status and request id where a response came, attempts, retry delay.
    #[serde(rename = "$metadata")]
    metadata: ResponseMetadata,
    /// For `ValidationError`: the offending input field.
    #[tsify(optional)]
    field: Option<String>,
}

fn metadata_json(metadata: &ResponseMetadata) -> String {
    let mut object = JsonObject::new();
    if let Some(status) = metadata.http_status_code {
        object.raw("httpStatusCode", &decimal(status.into()));
    }
    if let Some(id) = &metadata.request_id {
        object.string("requestId", id);
    }
    object
        .raw("attempts", &decimal(metadata.attempts.into()))
        .raw(
            "totalRetryDelay",
            &decimal(metadata.total_retry_delay.into()),
        );
    object.finish()
}

/// The fields of a `CognitoError`, as JSON.
fn error_json(err: &CognitoError) -> String {
    let mut object = JsonObject::new();
    object
        .string("name", err.name())
        .string("message", err.message())
        .string(
            "$fault",
            match err.fault() {
                Fault::Client => "client",
                Fault::Server => "server",
            },
        )
        .raw(
            "retryable",
            if err.is_retryable() { "true" } else { "false" },
        )
        .raw("$metadata", &metadata_json(err.metadata()));
    if let Some(field) = err.field() {
        object.string("field", field);
    }
    object.finish()
}

fn read_config(json: &str) -> Result<Settings, ValidationError> {
    let value = parse_argument("config", json)?;
    let config = Fields::top("config", value.as_ref())?;
    Settings::resolve(
        config.opt_string("region")?,
        config.opt_string("endpoint")?,
        config.opt_bool("useFipsEndpoint")?.unwrap_or(false),
        config.opt_integer("maxAttempts", ATTEMPTS_RULE)?,
        config.opt_integer("timeoutMs", TIMEOUT_RULE)?,
        config.opt_string("userAgentSuffix")?,
    )
}

/// The per-call timeout, if the options set one. `has_signal` tells whether `abortSignal` is an
/// `AbortSignal` (JSON cannot show it).
fn read_options(json: &str, has_signal: bool) -> Result<Option<u32>, ValidationError> {
    let Some(value) = parse_argument("options", json)? else {
        return Ok(None);
    };
    if matches!(value, crate::json::Value::Null) {
        return Ok(None);
    }
    let options = Fields::of("options", &value)?;
    if options.presence("abortSignal")? && !has_signal {
        return Err(ValidationError::new(
            "options.abortSignal",
            "must be an AbortSignal",
        ));
    }
    let timeout = options.opt_integer("timeoutMs", TIMEOUT_RULE)?;
    timeout
        .map(|ms| check_timeout("options.timeoutMs", ms))
        .transpose()
}

/// Checks a client's configuration (`JSON.stringify` of it). Answers
/// `{url, userAgent, maxAttempts, timeoutMs, maxBodyBytes}` or the fields of a `ValidationError`.
#[wasm_bindgen(skip_typescript)]
pub fn configure(config: String) -> String {
    let settings = match read_config(&config) {
        Ok(settings) => settings,
        Err(err) => return error_json(&err.into()),
    };
    let mut object = JsonObject::new();
    object
        .string("url", &settings.url)
        .string("userAgent", &settings.user_agent)
        .raw("maxAttempts", &decimal(settings.max_attempts.into()))
        .raw("timeoutMs", &decimal(settings.timeout_ms.into()))
        .raw("maxBodyBytes", &decimal(MAX_BODY_BYTES.into()));
    object.finish()
}

/// A call in progress and its per-attempt timeout (for the `TimeoutError` message).
type Open = Box<(Call, u32)>;

thread_local! {
    /// The calls in progress, by the number `start` handed out; freed slots are reused.
    static CALLS: RefCell<Vec<Option<Open>>> = const { RefCell::new(Vec::new()) };
}

/// Takes call `id` out of the table (`finish`, or [`put_back`] after a step).
fn take(id: u32) -> Option<Open> {
    CALLS.with(|calls| calls.borrow_mut().get_mut(id as usize)?.take())
}

/// Puts a call into slot `id`, or into a free one (`None`); returns its number.
fn put_back(id: Option<u32>, call: Open) -> u32 {
    CALLS.with(|calls| {
        let mut calls = calls.borrow_mut();
        let free = id
            .map(|id| id as usize)
            .or_else(|| calls.iter().position(Option::is_none))
            .unwrap_or(calls.len());
        if free == calls.len() {
            calls.push(None);
        }
        calls[free] = Some(call);
        free as u32
    })
}

/// Runs one step of call `id` and keeps it open for the next.
fn step(id: u32, f: impl FnOnce(&mut Call, u32) -> Next) -> i32 {
    let Some(mut open) = take(id) else {
        return -1;
    };
    let (call, timeout_ms) = &mut *open;
    let next = f(call, *timeout_ms);
    put_back(Some(id), open);
    answer_next(next)
}

/// What the transport does next: wait this many milliseconds and attempt again, or -1 (finish).
fn answer_next(next: Next) -> i32 {
    match next {
        Next::Retry(delay_ms) => delay_ms.min(i32::MAX as u32) as i32,
        Next::Done => -1,
    }
}

/// Checks operation `op`'s input and options (`JSON.stringify` of each) and opens a call (0
/// GetUserAttributeVerificationCode, 1 VerifyUserAttribute, 2 GetUser, 3 UpdateUserAttributes,
/// 4 InitiateAuth) under the limits `configure` answered. Answers `{call, target, timeoutMs}`, a
/// line break and the request body (as it is: not escaped again), or the fields of a
/// `ValidationError` (one line); sends nothing.
#[wasm_bindgen(skip_typescript)]
pub fn start(
    op: u32,
    input: String,
    options: String,
    has_signal: bool,
    max_attempts: u32,
    timeout_ms: u32,
) -> String {
    let ready = OPERATIONS
        .get(op as usize)
        .ok_or_else(|| ValidationError::new("operation", "is not known"))
        .and_then(|operation| {
            let input = parse_argument("input", &input)?;
            prepare(operation, input.as_ref())
        })
        // The options' timeout is checked; the client's comes from `configure`.
        .and_then(|request| {
            let timeout = read_options(&options, has_signal)?;
            Ok((
                request,
                timeout.unwrap_or(timeout_ms).clamp(1, i32::MAX as u32),
            ))
        });
    let (request, timeout_ms) = match ready {
        Ok(ready) => ready,
        Err(err) => return error_json(&err.into()),
    };
    let mut answer = JsonObject::new();
    answer
        .string("target", &request.target)
        .raw("timeoutMs", &decimal(timeout_ms.into()));
    let body = request.body.clone();
    let call = Call::new(request, max_attempts.clamp(1, MAX_ALLOWED_ATTEMPTS));
    let id = put_back(None, Box::new((call, timeout_ms)));
    answer.raw("call", &decimal(id.into()));
    let mut text = answer.finish();
    text.push('\n');
    text.push_str(&body);
    text
}

/// [`reply`]'s answer when the call succeeded: the body is the output, and the call is closed (the
/// transport knows the metadata: this reply's status and request id, its attempts and waits).
const SUCCEEDED: i32 = -2;

/// An attempt of call `id`, made after waiting `waited_ms` as told, got a reply: its status,
/// `x-amzn-ErrorType` and request id headers, and its body (`unread` 0), or none because it was
/// larger than `maxBodyBytes` (1) or a 2xx body that is not UTF-8 (2). Answers the milliseconds to
/// wait before the next attempt, -1 when the call is over ([`finish`] tells the error), or
/// [`SUCCEEDED`] (-2).
#[wasm_bindgen(skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn reply(
    id: u32,
    waited_ms: u32,
    status: u16,
    error_type: Option<String>,
    request_id: Option<String>,
    body: String,
    unread: u32,
    random: f64,
) -> i32 {
    let reply = HttpReply {
        status,
        error_type,
        request_id,
    };
    let body = match unread {
        0 => Body::Text(body),
        1 => Body::TooLarge,
        _ => Body::NotUtf8,
    };
    let Some(mut open) = take(id) else {
        return -1;
    };
    let call = &mut open.0;
    call.waited(waited_ms);
    let next = call.reply(&reply, body, random);
    if next == Next::Done && call.succeeded() {
        return SUCCEEDED; // `open` is dropped: nothing is left to finish
    }
    put_back(Some(id), open);
    answer_next(next)
}

/// An attempt of call `id`, made after waiting `waited_ms` as told, got no reply: `kind` 0 for a
/// network failure (with its message), 1 for the timeout, 2 for the caller's abort; or 3, the
/// caller aborted before the attempt (during a wait, whose `waited_ms` is then 0). Answers as
/// [`reply`] does.
#[wasm_bindgen(skip_typescript)]
pub fn fail(id: u32, waited_ms: u32, kind: u32, detail: String, random: f64) -> i32 {
    step(id, |call, timeout_ms| {
        call.waited(waited_ms);
        let err = match kind {
            1 => CognitoError::timeout(timeout_ms),
            2 | 3 => CognitoError::aborted(),
            _ => CognitoError::network(if detail.is_empty() {
                "fetch failed"
            } else {
                &detail
            }),
        };
        if kind == 3 {
            call.abort();
            return Next::Done;
        }
        call.fail(err, random)
    })
}

/// Closes call `id`, which [`reply`] or [`fail`] ended with -1: answers the fields of its
/// `CognitoError` (a `NetworkError` if no such call is open).
#[wasm_bindgen(skip_typescript)]
pub fn finish(id: u32) -> String {
    let err = match take(id).map(|open| open.0.finish()) {
        Some(Err(err)) => err,
        // A success was answered by `reply` (-2), which closed the call.
        _ => CognitoError::network(NOT_OPEN),
    };
    error_json(&err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn answer(text: String) -> Value {
        serde_json::from_str(&text).unwrap()
    }

    /// `start`'s answer for an open call: its first line, and the body after it.
    fn opened(text: String) -> (Value, String) {
        let (head, body) = text
            .split_once('\n')
            .expect("a line break after the first line");
        (answer(head.to_owned()), body.to_owned())
    }

    #[test]
    fn configure_answers_the_settings_or_the_error() {
        let settings = answer(configure(
            r#"{"region":"eu-west-1","maxAttempts":2}"#.into(),
        ));
        assert_eq!(
            settings["url"],
            "https://cognito-idp.eu-west-1.amazonaws.com/"
        );
        assert_eq!(settings["maxAttempts"], 2);
        assert_eq!(settings["timeoutMs"], 10_000);
        assert_eq!(settings["maxBodyBytes"], MAX_BODY_BYTES);
        assert!(settings["userAgent"]
            .as_str()
            .unwrap()
            .starts_with("cognito-verify/"));
        for (config, field) in [
            (None, "config"),
            (Some("null"), "config"),
            (Some("{}"), "region"),
            (Some(r#"{"region":42}"#), "region"),
            (
                Some(r#"{"region":"eu-west-1","timeoutMs":"soon"}"#),
                "timeoutMs",
            ),
            (
                Some(r#"{"region":"eu-west-1","maxAttempts":1.5}"#),
                "maxAttempts",
            ),
            (Some(r#"{"endpoint":{"\u0000":"unreadable"}}"#), "endpoint"),
        ] {
            let err = answer(configure(config.unwrap_or_default().to_owned()));
            assert_eq!(err["name"], "ValidationError", "{config:?}");
            assert_eq!(err["field"], field, "{config:?}");
            assert_eq!(
                err["$metadata"],
                json!({"attempts": 0, "totalRetryDelay": 0})
            );
        }
    }

    #[test]
    fn a_call_from_start_to_finish() {
        let input = r#"{"AccessToken":"a.b.c","AttributeName":"email","Extra":[1]}"#;
        let (started, body) = opened(start(0, input.into(), String::new(), false, 3, 500));
        assert_eq!(
            started["target"],
            "AWSCognitoIdentityProviderService.GetUserAttributeVerificationCode"
        );
        assert_eq!(
            answer(body),
            json!({"AccessToken": "a.b.c", "AttributeName": "email"})
        );
        assert_eq!(started["timeoutMs"], 500);
        let id = started["call"].as_u64().unwrap() as u32;
        let throttled = r#"{"__type":"TooManyRequestsException","message":"slow down"}"#;
        let delay = reply(
            id,
            0,
            400,
            None,
            Some("r-1".into()),
            throttled.into(),
            0,
            0.5,
        );
        assert!(delay >= 0);
        let body = r#"{"CodeDeliveryDetails":{"DeliveryMedium":"EMAIL"}}"#;
        let done = reply(
            id,
            delay as u32,
            200,
            None,
            Some("r-2".into()),
            body.into(),
            0,
            0.5,
        );
        assert_eq!(done, SUCCEEDED);
        let closed = answer(finish(id));
        assert_eq!(closed["name"], "NetworkError", "a closed call stays closed");
        assert_eq!(reply(id, 0, 200, None, None, "{}".into(), 0, 0.0), -1);
    }

    #[test]
    fn start_refuses_bad_input_and_options() {
        let token = r#"{"AccessToken":"a.b.c"}"#;
        for (op, input, options, has_signal, field) in [
            (9, Some(token), None, false, "operation"),
            (2, None, None, false, "input"),
            (
                2,
                Some(r#"{"AccessToken":"a b"}"#),
                None,
                false,
                "AccessToken",
            ),
            (2, Some(token), Some("5"), false, "options"),
            (
                2,
                Some(token),
                Some(r#"{"abortSignal":{}}"#),
                false,
                "options.abortSignal",
            ),
            (
                2,
                Some(token),
                Some(r#"{"timeoutMs":0}"#),
                false,
                "options.timeoutMs",
            ),
        ] {
            let err = answer(start(
                op,
                input.unwrap_or_default().to_owned(),
                options.unwrap_or_default().to_owned(),
                has_signal,
                3,
                500,
            ));
            assert_eq!(err["field"], field, "{input:?} {options:?}");
        }
        let (started, _) = opened(start(
            2,
            token.into(),
            r#"{"abortSignal":{},"timeoutMs":7}"#.into(),
            true,
            3,
            500,
        ));
        assert_eq!(started["timeoutMs"], 7);
        let id = started["call"].as_u64().unwrap() as u32;
        assert_eq!(fail(id, 0, 3, String::new(), 0.0), -1);
        let aborted = answer(finish(id));
        assert_eq!(aborted["name"], "AbortError");
        assert_eq!(aborted["$metadata"]["attempts"], 0);
    }

    #[test]
    fn replies_the_module_cannot_read_and_failed_attempts() {
        let open = || {
            let (started, _) = opened(start(
                2,
                r#"{"AccessToken":"t"}"#.into(),
                String::new(),
                false,
                1,
                250,
            ));
            started["call"].as_u64().unwrap() as u32
        };
        for (unread, status, body, message) in [
            (1, 200, "", "larger than 1 MiB"),
            (2, 200, "", "not valid UTF-8"),
            (0, 200, "<html>", "not JSON"),
            (
                0,
                200,
                r#"{"UserAttributes":[]}"#,
                "Username must be a string",
            ),
            (0, 200, "  ", "Username must be a string"),
        ] {
            let id = open();
            assert_eq!(
                reply(id, 0, status, None, None, body.into(), unread, 0.0),
                -1
            );
            let err = answer(finish(id));
            assert_eq!(err["name"], "InvalidResponseError");
            assert!(err["message"].as_str().unwrap().contains(message), "{err}");
        }
        let id = open();
        assert_eq!(fail(id, 0, 1, String::new(), 0.0), -1);
        assert_eq!(answer(finish(id))["message"], "No response within 250 ms");
    }
}
