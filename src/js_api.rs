//! The JavaScript API: `CognitoClient`, whose `call` runs any operation and returns a promise.
//!
//! Rejections are plain objects `{name, message, $fault, retryable, $metadata, field?}`; the npm
//! entry (`js/index.js`) turns them into `CognitoError` instances.

use crate::client::{CallOptions, Client, ClientConfig};
use crate::error::{CognitoError, Fault};
use crate::js_input::Fields;
use crate::js_request::{prepare, OPERATIONS};
use crate::model::ResponseMetadata;
use crate::validate::ValidationError;
use js_sys::{Object, Promise, Reflect};
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
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

    /// Runs operation number `op` (0 GetUserAttributeVerificationCode, 1 VerifyUserAttribute,
    /// 2 GetUser, 3 UpdateUserAttributes, 4 InitiateAuth): resolves to its output with
    /// `$metadata`, or rejects with the fields of a `CognitoError`.
    pub fn call(
        &self,
        op: u32,
        input: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CognitoCallOptions | undefined")] options: JsValue,
    ) -> Promise {
        let prepared = OPERATIONS
            .get(op as usize)
            .ok_or_else(|| ValidationError::new("operation", "is not known"))
            .and_then(|operation| prepare(operation, &input))
            .and_then(|request| Ok((request, read_options(&options)?)));
        let (request, options) = match prepared {
            Ok(ready) => ready,
            Err(err) => return Promise::reject(&reject(err.into())),
        };
        let client = self.client.clone();
        future_to_promise(async move {
            match client.send_prepared(request, &options).await {
                Ok((output, metadata)) => {
                    set(
                        &output.clone().unchecked_into(),
                        "$metadata",
                        &metadata_to_js(&metadata),
                    );
                    Ok(output)
                }
                Err(err) => Err(reject(err)),
            }
        })
    }
}
