//! The JavaScript API: `CognitoClient` with one promise-returning method per operation.
//!
//! Rejections are plain objects `{name, message, $fault, retryable, $metadata, field?}`; the npm
//! entry (`js/index.js`) turns them into `CognitoError` instances.

use crate::client::{CallOptions, Client, ClientConfig, Prepared};
use crate::error::{CognitoError, Fault};
use crate::js_input::Fields;
use crate::model::*;
use crate::operation::Operation;
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
    if value.is_undefined() {
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

fn attribute(field: &str, value: &JsValue) -> Result<AttributeType, ValidationError> {
    let attr = Fields::of(field, value)?;
    Ok(AttributeType {
        name: attr.string("Name")?,
        value: attr.string("Value")?,
    })
}

/// Reads each operation's input from JS.
trait FromJs: Sized {
    fn from_js(input: &Fields) -> Result<Self, ValidationError>;
}

impl FromJs for GetUserAttributeVerificationCodeRequest {
    fn from_js(input: &Fields) -> Result<Self, ValidationError> {
        Ok(Self {
            access_token: input.string("AccessToken")?,
            attribute_name: input.string("AttributeName")?,
            client_metadata: input.opt_string_map("ClientMetadata")?,
        })
    }
}

impl FromJs for VerifyUserAttributeRequest {
    fn from_js(input: &Fields) -> Result<Self, ValidationError> {
        Ok(Self {
            access_token: input.string("AccessToken")?,
            attribute_name: input.string("AttributeName")?,
            code: input.string("Code")?,
        })
    }
}

impl FromJs for GetUserRequest {
    fn from_js(input: &Fields) -> Result<Self, ValidationError> {
        Ok(Self {
            access_token: input.string("AccessToken")?,
        })
    }
}

impl FromJs for UpdateUserAttributesRequest {
    fn from_js(input: &Fields) -> Result<Self, ValidationError> {
        Ok(Self {
            access_token: input.string("AccessToken")?,
            user_attributes: input.list("UserAttributes", attribute)?,
            client_metadata: input.opt_string_map("ClientMetadata")?,
        })
    }
}

impl FromJs for InitiateAuthRequest {
    fn from_js(input: &Fields) -> Result<Self, ValidationError> {
        let flow = input.string("AuthFlow")?;
        let auth_flow = AuthFlow::parse(&flow).ok_or_else(|| {
            ValidationError::new(
                "AuthFlow",
                "must be USER_PASSWORD_AUTH or REFRESH_TOKEN_AUTH",
            )
        })?;
        Ok(Self {
            auth_flow,
            client_id: input.string("ClientId")?,
            auth_parameters: input.string_map("AuthParameters")?,
            client_metadata: input.opt_string_map("ClientMetadata")?,
        })
    }
}

#[wasm_bindgen]
extern "C" {
    /// The optional second argument of every method.
    #[wasm_bindgen(typescript_type = "CognitoCallOptions")]
    pub type CallOptionsArg;
}

/// A Cognito user-pools client for the browser.
#[wasm_bindgen(js_name = CognitoClient)]
pub struct JsCognitoClient {
    client: Client,
}

impl JsCognitoClient {
    fn call<Op: Operation + FromJs>(
        &self,
        input: JsValue,
        options: Option<CallOptionsArg>,
    ) -> Promise {
        let options = options.map_or(JsValue::UNDEFINED, JsValue::from);
        let prepared = Fields::top("input", &input)
            .and_then(|fields| Op::from_js(&fields))
            .map_err(CognitoError::from)
            .and_then(|op| Prepared::of(&op))
            .and_then(|request| Ok((request, read_options(&options)?)));
        match prepared {
            Ok((request, options)) => self.run(request, options),
            Err(err) => Promise::reject(&reject(err)),
        }
    }

    /// The one promise all methods share.
    fn run(&self, request: Prepared, options: CallOptions) -> Promise {
        let client = self.client.clone();
        future_to_promise(async move {
            match client.send_prepared(request, &options).await {
                Ok((output, metadata)) => {
                    let _ = Reflect::set(
                        &output,
                        &JsValue::from_str("$metadata"),
                        &metadata_to_js(&metadata),
                    );
                    Ok(output)
                }
                Err(err) => Err(reject(err)),
            }
        })
    }
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

    /// Sends a verification code for an attribute (`email`, `phone_number`) of the signed-in user.
    #[wasm_bindgen(js_name = getUserAttributeVerificationCode, unchecked_return_type = "Promise<GetUserAttributeVerificationCodeResponse>")]
    pub fn get_user_attribute_verification_code(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetUserAttributeVerificationCodeRequest")]
        input: JsValue,
        options: Option<CallOptionsArg>,
    ) -> Promise {
        self.call::<GetUserAttributeVerificationCodeRequest>(input, options)
    }

    /// Verifies an attribute with the code the user received.
    #[wasm_bindgen(js_name = verifyUserAttribute, unchecked_return_type = "Promise<VerifyUserAttributeResponse>")]
    pub fn verify_user_attribute(
        &self,
        #[wasm_bindgen(unchecked_param_type = "VerifyUserAttributeRequest")] input: JsValue,
        options: Option<CallOptionsArg>,
    ) -> Promise {
        self.call::<VerifyUserAttributeRequest>(input, options)
    }

    /// Reads the signed-in user's attributes (`email`, `email_verified`...).
    #[wasm_bindgen(js_name = getUser, unchecked_return_type = "Promise<GetUserResponse>")]
    pub fn get_user(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetUserRequest")] input: JsValue,
        options: Option<CallOptionsArg>,
    ) -> Promise {
        self.call::<GetUserRequest>(input, options)
    }

    /// Changes attributes; a changed email or phone gets a code to verify it.
    #[wasm_bindgen(js_name = updateUserAttributes, unchecked_return_type = "Promise<UpdateUserAttributesResponse>")]
    pub fn update_user_attributes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UpdateUserAttributesRequest")] input: JsValue,
        options: Option<CallOptionsArg>,
    ) -> Promise {
        self.call::<UpdateUserAttributesRequest>(input, options)
    }

    /// Signs in (`USER_PASSWORD_AUTH`) or refreshes tokens (`REFRESH_TOKEN_AUTH`).
    #[wasm_bindgen(js_name = initiateAuth, unchecked_return_type = "Promise<InitiateAuthResponse>")]
    pub fn initiate_auth(
        &self,
        #[wasm_bindgen(unchecked_param_type = "InitiateAuthRequest")] input: JsValue,
        options: Option<CallOptionsArg>,
    ) -> Promise {
        self.call::<InitiateAuthRequest>(input, options)
    }
}
