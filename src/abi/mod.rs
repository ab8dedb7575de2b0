//! The module's exports for the npm entry (feature `npm`): `js/` owns `fetch`, timers and abort
//! signals, and drives each call through these functions by the protocol in [`protocol`]. Only JSON
//! text, bytes and numbers cross, so the module needs no JavaScript object bindings.

mod calls;
pub(crate) mod protocol;
mod types;

use crate::core::body::{Body, Step};
use crate::core::call::{Next, NOT_OPEN};
use crate::core::error::CognitoError;
use crate::core::input::{parse_argument, Fields};
use crate::core::json::{JsonObject, Value};
use crate::core::reply::{is_blank, HttpReply};
use crate::core::request::prepare;
use crate::core::retry::MAX_ALLOWED_ATTEMPTS;
use crate::core::settings::{check_timeout, Settings, ATTEMPTS_RULE, TIMEOUT_RULE};
use crate::core::text::{decimal, part};
use crate::core::validate::ValidationError;
use crate::model::ResponseMetadata;
use calls::Open;
use protocol::*;
use wasm_bindgen::prelude::*;

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
        .string("$fault", err.fault().as_str())
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
    if matches!(value, Value::Null) {
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
/// `{url, userAgent, maxAttempts, timeoutMs}` or the fields of a `ValidationError`.
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
        .raw("timeoutMs", &decimal(settings.timeout_ms.into()));
    object.finish()
}

/// What the transport does next, as [`reply`] and [`fail`] answer it.
fn answer_next(next: Next) -> i32 {
    match next {
        Next::Retry(delay_ms) => delay_ms.min(i32::MAX as u32) as i32,
        Next::Done => NEXT_DONE,
    }
}

/// Splits `text` at its first line break.
fn first_line(text: &str) -> (&str, &str) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() && bytes[at] != b'\n' {
        at += 1;
    }
    (part(text, 0, at), part(text, at + 1, text.len()))
}

/// Opens a call: `request` is the operation's wire name, the input and the options (`JSON.stringify`
/// of each, which never holds a raw line break), one per line. Checks them under the limits
/// `configure` answered and answers `{call, target, timeoutMs}`, a line break and the request body
/// (as it is: not escaped again), or the fields of a `ValidationError` (one line); sends nothing.
#[wasm_bindgen(skip_typescript)]
pub fn start(request: &str, has_signal: bool, max_attempts: u32, timeout_ms: u32) -> String {
    let (operation, rest) = first_line(request);
    let (input, options) = first_line(rest);
    let ready = crate::operations::find(operation)
        .ok_or_else(|| ValidationError::new("operation", "is not known"))
        .and_then(|op| {
            let input = parse_argument("input", input)?;
            prepare(op, input.as_ref())
        })
        // The options' timeout is checked; the client's comes from `configure`.
        .and_then(|request| {
            let timeout = read_options(options, has_signal)?;
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
    let call = crate::core::call::Call::new(request, max_attempts.clamp(1, MAX_ALLOWED_ATTEMPTS));
    let id = calls::open(Open {
        call,
        timeout_ms,
        body: Default::default(),
    });
    answer.raw("call", &decimal(id.into()));
    let mut text = answer.finish();
    text.push('\n');
    text.push_str(&body);
    text
}

/// The next chunk of the body of call `id`'s current reply. Answers [`CHUNK_MORE`],
/// [`CHUNK_WHOLE`] or [`CHUNK_TOO_LARGE`] (also when no such call is open: stop reading).
#[wasm_bindgen(skip_typescript)]
pub fn chunk(id: u32, bytes: &[u8]) -> u32 {
    let step = calls::with(id, |open| open.body.push(bytes));
    match step {
        Some(Step::More) => CHUNK_MORE,
        Some(Step::Whole) => CHUNK_WHOLE,
        _ => CHUNK_TOO_LARGE,
    }
}

/// An attempt of call `id`, made after waiting `waited_ms` as told, got a reply whose body was
/// handed over by [`chunk`]: its status and its `x-amzn-ErrorType` and request id headers. Answers
/// the milliseconds to wait before the next attempt, [`NEXT_DONE`] ([`finish`] tells the error),
/// or [`NEXT_SUCCEEDED`] / [`NEXT_SUCCEEDED_EMPTY`] (the call is closed).
#[wasm_bindgen(skip_typescript)]
pub fn reply(
    id: u32,
    waited_ms: u32,
    status: u16,
    error_type: Option<String>,
    request_id: Option<String>,
    random: f64,
) -> i32 {
    let reply = HttpReply {
        status,
        error_type,
        request_id,
    };
    let Some(mut open) = calls::take(id) else {
        return NEXT_DONE;
    };
    let body = open.body.finish(reply.is_success());
    open.call.waited(waited_ms);
    let next = open.call.reply(&reply, &body, random);
    if next == Next::Done && open.call.succeeded() {
        // `open` is dropped: nothing is left to finish.
        return match body {
            Body::Text(text) if !is_blank(&text) => NEXT_SUCCEEDED,
            _ => NEXT_SUCCEEDED_EMPTY,
        };
    }
    calls::put(Some(id), open);
    answer_next(next)
}

/// An attempt of call `id`, made after waiting `waited_ms` as told, got no reply: `kind` is one of
/// the `FAILED_*` constants, or [`ABORTED_BEFORE_ATTEMPT`]. Answers as [`reply`] does. (Browsers say
/// no more than "Failed to fetch", so fetch's message is not passed.)
#[wasm_bindgen(skip_typescript)]
pub fn fail(id: u32, waited_ms: u32, kind: u32, random: f64) -> i32 {
    let next = calls::with(id, |open| {
        open.body = Default::default();
        open.call.waited(waited_ms);
        let err = match kind {
            FAILED_TIMEOUT => CognitoError::timeout(open.timeout_ms),
            FAILED_ABORT | ABORTED_BEFORE_ATTEMPT => CognitoError::aborted(),
            // FAILED_NETWORK, or a kind no transport sends.
            _ => CognitoError::network("fetch failed"),
        };
        if kind == ABORTED_BEFORE_ATTEMPT {
            open.call.abort();
            return Next::Done;
        }
        open.call.fail(err, random)
    });
    next.map_or(NEXT_DONE, answer_next)
}

/// Closes call `id`, which [`reply`] or [`fail`] ended with [`NEXT_DONE`]: answers the fields of
/// its `CognitoError` (a `NetworkError` if no such call is open).
#[wasm_bindgen(skip_typescript)]
pub fn finish(id: u32) -> String {
    let err = match calls::take(id).map(|open| open.call.finish()) {
        Some(Err(err)) => err,
        // A success was answered by `reply`, which closed the call.
        _ => CognitoError::network(NOT_OPEN),
    };
    error_json(&err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answer(text: String) -> serde_json::Value {
        serde_json::from_str(&text).unwrap()
    }

    /// `start`'s answer for an open call: its first line, and the body after it.
    fn opened(text: String) -> (serde_json::Value, String) {
        let (head, body) = text
            .split_once('\n')
            .expect("a line break after the first line");
        (answer(head.to_owned()), body.to_owned())
    }

    /// `start`'s first argument.
    fn request(operation: &str, input: &str, options: &str) -> String {
        [operation, "\n", input, "\n", options].concat()
    }

    fn open(operation: &str, input: &str, max_attempts: u32, timeout_ms: u32) -> u32 {
        let (started, _) = opened(start(
            &request(operation, input, ""),
            false,
            max_attempts,
            timeout_ms,
        ));
        started["call"].as_u64().unwrap() as u32
    }

    /// `name(input, options) {` + `return this.#call('Wire', input, options);` pairs of
    /// `js/client.js`: each method and the operation it calls.
    fn js_methods() -> Vec<(String, String)> {
        let js = include_str!("../../js/client.js");
        let lines: Vec<&str> = js.lines().map(str::trim).collect();
        lines
            .windows(2)
            .filter_map(|pair| {
                let method = pair[0].strip_suffix("(input, options) {")?;
                let call = pair[1].strip_prefix("return this.#call('")?;
                let (wire, _) = call.split_once('\'')?;
                Some((method.to_owned(), wire.to_owned()))
            })
            .collect()
    }

    #[test]
    fn every_operation_has_one_npm_method_declared_and_written() {
        let written = js_methods();
        assert_eq!(written.len(), crate::operations::ALL.len(), "{written:?}");
        for (op, declared) in crate::operations::ALL
            .iter()
            .zip(crate::operations::NPM_METHODS)
        {
            let (method, _) = written
                .iter()
                .find(|(_, wire)| wire == op.name)
                .unwrap_or_else(|| panic!("js/client.js has no method for {}", op.name));
            let signature = [
                method.as_str(),
                "(input: ",
                op.name,
                "Request, options?: CognitoCallOptions): Promise<",
                op.name,
                "Response>;",
            ]
            .concat();
            assert!(
                declared.contains(&signature),
                "{} declares {declared}",
                op.name
            );
            assert!(declared.contains("export interface CognitoOperations {"));
        }
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
        let (started, body) = opened(start(
            &request("GetUserAttributeVerificationCode", input, ""),
            false,
            3,
            500,
        ));
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
        let throttled = br#"{"__type":"TooManyRequestsException","message":"slow down"}"#;
        assert_eq!(chunk(id, throttled), CHUNK_WHOLE);
        let delay = reply(id, 0, 400, None, Some("r-1".into()), 0.5);
        assert!(delay >= 0);
        // Cut after an inner `}`: read on.
        assert_eq!(chunk(id, br#"{"CodeDeliveryDetails":{}"#), CHUNK_MORE);
        assert_eq!(chunk(id, b"}"), CHUNK_MORE);
        assert_eq!(
            reply(id, delay as u32, 200, None, Some("r-2".into()), 0.5),
            NEXT_SUCCEEDED
        );
        let closed = answer(finish(id));
        assert_eq!(closed["name"], "NetworkError", "a closed call stays closed");
        assert_eq!(reply(id, 0, 200, None, None, 0.0), NEXT_DONE);
        assert_eq!(chunk(id, b"{}"), CHUNK_TOO_LARGE);
    }

    #[test]
    fn a_blank_success_is_empty_and_a_large_body_is_refused() {
        let id = open(
            "VerifyUserAttribute",
            r#"{"AccessToken":"a.b.c","AttributeName":"email","Code":"1"}"#,
            1,
            100,
        );
        assert_eq!(chunk(id, b" \n"), CHUNK_MORE);
        assert_eq!(reply(id, 0, 200, None, None, 0.0), NEXT_SUCCEEDED_EMPTY);
        let id = open(
            "VerifyUserAttribute",
            r#"{"AccessToken":"a.b.c","AttributeName":"email","Code":"1"}"#,
            1,
            100,
        );
        assert_eq!(
            reply(id, 0, 200, None, None, 0.0),
            NEXT_SUCCEEDED_EMPTY,
            "no body at all"
        );
        let id = open("GetUser", r#"{"AccessToken":"t"}"#, 1, 100);
        assert_eq!(chunk(id, &[b'a'; 1 << 20]), CHUNK_MORE);
        assert_eq!(chunk(id, b"a"), CHUNK_TOO_LARGE);
        assert_eq!(reply(id, 0, 200, None, None, 0.0), NEXT_DONE);
        assert!(answer(finish(id))["message"]
            .as_str()
            .unwrap()
            .contains("larger than 1 MiB"));
    }

    #[test]
    fn start_refuses_bad_input_and_options() {
        let token = r#"{"AccessToken":"a.b.c"}"#;
        for (op, input, options, has_signal, field) in [
            ("DeleteUser", Some(token), None, false, "operation"),
            ("GetUser", None, None, false, "input"),
            (
                "GetUser",
                Some(r#"{"AccessToken":"a b"}"#),
                None,
                false,
                "AccessToken",
            ),
            ("GetUser", Some(token), Some("5"), false, "options"),
            (
                "GetUser",
                Some(token),
                Some(r#"{"abortSignal":{}}"#),
                false,
                "options.abortSignal",
            ),
            (
                "GetUser",
                Some(token),
                Some(r#"{"timeoutMs":0}"#),
                false,
                "options.timeoutMs",
            ),
        ] {
            let text = request(op, input.unwrap_or_default(), options.unwrap_or_default());
            let err = answer(start(&text, has_signal, 3, 500));
            assert_eq!(err["field"], field, "{input:?} {options:?}");
        }
        let (started, _) = opened(start(
            &request("GetUser", token, r#"{"abortSignal":{},"timeoutMs":7}"#),
            true,
            3,
            500,
        ));
        // Nothing after the name: no input.
        assert_eq!(answer(start("GetUser", false, 3, 500))["field"], "input");
        assert_eq!(started["timeoutMs"], 7);
        let id = started["call"].as_u64().unwrap() as u32;
        assert_eq!(fail(id, 0, ABORTED_BEFORE_ATTEMPT, 0.0), NEXT_DONE);
        let aborted = answer(finish(id));
        assert_eq!(aborted["name"], "AbortError");
        assert_eq!(aborted["$metadata"]["attempts"], 0);
    }

    #[test]
    fn failed_attempts() {
        let id = open("GetUser", r#"{"AccessToken":"t"}"#, 1, 250);
        assert_eq!(fail(id, 0, FAILED_TIMEOUT, 0.0), NEXT_DONE);
        assert_eq!(answer(finish(id))["message"], "No response within 250 ms");
        // A repeatable call is tried again after a network failure; a half-read body is dropped.
        let id = open("GetUser", r#"{"AccessToken":"t"}"#, 2, 250);
        assert_eq!(chunk(id, br#"{"Username":"#), CHUNK_MORE);
        assert!(fail(id, 0, FAILED_NETWORK, 0.0) >= 0);
        assert_eq!(
            chunk(id, br#"{"Username":"u","UserAttributes":[]}"#),
            CHUNK_WHOLE
        );
        assert_eq!(reply(id, 0, 200, None, None, 0.0), NEXT_SUCCEEDED);
        // One that sends a code is not.
        let id = open(
            "GetUserAttributeVerificationCode",
            r#"{"AccessToken":"t","AttributeName":"email"}"#,
            3,
            250,
        );
        assert_eq!(fail(id, 0, FAILED_NETWORK, 0.0), NEXT_DONE);
        let err = answer(finish(id));
        assert_eq!(
            (err["name"].as_str(), err["retryable"].as_bool()),
            (Some("NetworkError"), Some(false))
        );
        assert!(err["message"].as_str().unwrap().contains("fetch failed"));
    }
}
