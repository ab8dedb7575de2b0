//! The JavaScript API: `CognitoClient`, whose `call` runs any operation and returns a promise.
//!
//! Rejections are plain objects `{name, message, $fault, retryable, $metadata, field?}`; the npm
//! entry (`js/index.js`) turns them into `CognitoError` instances.

use crate::call::{Body, Call, Next, MAX_BODY_BYTES};
use crate::client::{CallOptions, Client, ClientConfig};
use crate::error::{CognitoError, Fault, HttpReply};
use crate::js_input::Fields;
use crate::js_request::{prepare, OPERATIONS};
use crate::model::ResponseMetadata;
use crate::validate::ValidationError;
use js_sys::{Object, Reflect};
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

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

fn set(object: &Object, key: &str, value: &JsValue) {
    // Cannot fail on a fresh plain object.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn metadata_to_js(metadata: &ResponseMetadata) -> JsValue {
    let object = Object::new();
    if let Some(status) = metadata.http_status_code {
        set(&object, "httpStatusCode", &JsValue::from(status));
    }
    if let Some(id) = &metadata.request_id {
        set(&object, "requestId", &JsValue::from_str(id));
    }
    set(&object, "attempts", &JsValue::from(metadata.attempts));
    set(
        &object,
        "totalRetryDelay",
        &JsValue::from(metadata.total_retry_delay),
    );
    object.into()
}

/// The fields of a `CognitoError`, as a plain object (the npm entry wraps it in the class).
fn reject(err: CognitoError) -> JsValue {
    let object = Object::new();
    set(&object, "name", &JsValue::from_str(err.name()));
    set(&object, "message", &JsValue::from_str(err.message()));
    let fault = match err.fault() {
        Fault::Client => "client",
        Fault::Server => "server",
    };
    set(&object, "$fault", &JsValue::from_str(fault));
    set(
        &object,
        "retryable",
        &JsValue::from_bool(err.is_retryable()),
    );
    set(&object, "$metadata", &metadata_to_js(err.metadata()));
    if let Some(field) = err.field() {
        set(&object, "field", &JsValue::from_str(field));
    }
    object.into()
}

fn read_config(value: &JsValue) -> Result<ClientConfig, ValidationError> {
    let config = Fields::top("config", value)?;
    Ok(ClientConfig {
        region: config.opt_string("region")?,
        endpoint: config.opt_string("endpoint")?,
        use_fips_endpoint: config.opt_bool("useFipsEndpoint")?.unwrap_or(false),
        max_attempts: config.opt_integer("maxAttempts", 1, 10)?,
        timeout_ms: config.opt_integer("timeoutMs", 1, i32::MAX as u32)?,
        user_agent_suffix: config.opt_string("userAgentSuffix")?,
    })
}

fn read_options(value: &JsValue) -> Result<CallOptions, ValidationError> {
    if value.is_undefined() || value.is_null() {
        return Ok(CallOptions::default());
    }
    let options = Fields::of("options", value)?;
    let (field, signal) = options.raw("abortSignal")?;
    let abort_signal = if signal.is_undefined() {
        None
    } else {
        Some(
            signal
                .dyn_into::<AbortSignal>()
                .map_err(|_| ValidationError::new(field, "must be an AbortSignal"))?,
        )
    };
    Ok(CallOptions {
        abort_signal,
        timeout_ms: options.opt_integer("timeoutMs", 1, i32::MAX as u32)?,
    })
}

/// A Cognito user-pools client for the browser. The npm entry (`js/index.js`) wraps it with one
/// typed method per operation.
#[wasm_bindgen(js_name = CognitoClient, skip_typescript)]
pub struct JsCognitoClient {
    client: Client,
}

#[wasm_bindgen(js_class = CognitoClient)]
impl JsCognitoClient {
    /// Creates a client; throws a `ValidationError` for a bad configuration.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "CognitoClientConfig")] config: JsValue,
    ) -> Result<JsCognitoClient, JsValue> {
        let config = read_config(&config).map_err(|e| reject(e.into()))?;
        let client = Client::new(config).map_err(reject)?;
        Ok(JsCognitoClient { client })
    }

    /// Checks operation `op`'s input and options and starts a call (0
    /// GetUserAttributeVerificationCode, 1 VerifyUserAttribute, 2 GetUser, 3 UpdateUserAttributes,
    /// 4 InitiateAuth). Throws the fields of a `ValidationError`; sends nothing.
    pub fn call(&self, op: u32, input: JsValue, options: JsValue) -> Result<JsCall, JsValue> {
        let ready = OPERATIONS
            .get(op as usize)
            .ok_or_else(|| ValidationError::new("operation", "is not known"))
            .and_then(|operation| prepare(operation, &input))
            .and_then(|request| Ok((request, read_options(&options)?)));
        let (request, options) = ready.map_err(|e| reject(e.into()))?;
        let (max_attempts, client_timeout_ms) = self.client.limits();
        let timeout_ms = options.timeout_ms.unwrap_or(client_timeout_ms);
        let (url, user_agent) = self.client.wire();
        let headers = Object::new();
        set(
            &headers,
            "Content-Type",
            &"application/x-amz-json-1.1".into(),
        );
        set(&headers, "X-Amz-Target", &request.target.as_str().into());
        set(&headers, "X-Amz-User-Agent", &user_agent.into());
        let init = Object::new();
        set(&init, "method", &"POST".into());
        set(&init, "headers", &headers);
        set(&init, "body", &request.body.as_str().into());
        // No cookies, and no cache mode: the browser keeps caching the CORS preflight.
        set(&init, "credentials", &"omit".into());
        let fetch = Object::new();
        set(&fetch, "url", &url.into());
        set(&fetch, "init", &init);
        set(&fetch, "timeoutMs", &timeout_ms.into());
        set(&fetch, "maxBodyBytes", &MAX_BODY_BYTES.into());
        if let Some(signal) = &options.abort_signal {
            set(&fetch, "signal", signal);
        }
        Ok(JsCall {
            call: Call::new(request, max_attempts),
            fetch,
            timeout_ms,
        })
    }
}

/// One call, driven by the npm entry's transport (`js/index.js`): it sends, this decides.
#[wasm_bindgen(js_name = Call, skip_typescript)]
pub struct JsCall {
    call: Call,
    fetch: Object,
    timeout_ms: u32,
}

fn next_step(next: Next) -> i32 {
    match next {
        Next::Retry(delay_ms) => delay_ms.min(i32::MAX as u32) as i32,
        Next::Done => -1,
    }
}

#[wasm_bindgen(js_class = Call)]
impl JsCall {
    /// `{url, init, timeoutMs, maxBodyBytes, signal?}`: what every attempt sends (with its own
    /// abort signal added to `init`) and the caller's signal.
    #[wasm_bindgen(getter)]
    pub fn request(&self) -> Object {
        self.fetch.clone()
    }

    /// A reply arrived: its status, `x-amzn-ErrorType` and request id headers, and its body (a
    /// string; `null` for a 2xx body that is not UTF-8; `undefined` when over `maxBodyBytes`).
    /// Returns the milliseconds to wait before the next attempt, or -1 when the call is over.
    pub fn reply(
        &mut self,
        status: u16,
        error_type: Option<String>,
        request_id: Option<String>,
        body: JsValue,
        random: f64,
    ) -> i32 {
        let reply = HttpReply {
            status,
            error_type,
            request_id,
        };
        let body = if body.is_undefined() {
            Body::TooLarge
        } else if body.is_string() {
            Body::Text(body)
        } else {
            Body::NotUtf8
        };
        next_step(self.call.reply(&reply, body, random))
    }

    /// An attempt got no reply: `kind` 0 for a network failure (with its message), 1 for the
    /// timeout, 2 for the caller's abort. Returns as [`JsCall::reply`] does.
    pub fn fail(&mut self, kind: u32, detail: Option<String>, random: f64) -> i32 {
        let err = match kind {
            1 => CognitoError::timeout(self.timeout_ms),
            2 => CognitoError::aborted(),
            _ => CognitoError::network(detail.as_deref().unwrap_or("fetch failed")),
        };
        next_step(self.call.fail(err, random))
    }

    /// The wait before the next attempt ended.
    pub fn waited(&mut self, delay_ms: u32) {
        self.call.waited(delay_ms);
    }

    /// The caller aborted before an attempt or during a wait.
    pub fn abort(&mut self) {
        self.call.abort();
    }

    /// The output with `$metadata`; throws the fields of a `CognitoError`.
    pub fn finish(self) -> Result<JsValue, JsValue> {
        let (output, metadata) = self.call.finish().map_err(reject)?;
        set(
            output.unchecked_ref(),
            "$metadata",
            &metadata_to_js(&metadata),
        );
        Ok(output)
    }
}
