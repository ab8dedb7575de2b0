//! Types that exist only in the npm package's TypeScript declarations: the client's configuration,
//! per-call options and the fields of `CognitoError`. The module reads them as JSON
//! (`abi::configure`, `abi::start`), so no code is generated for them; each operation's method
//! signature is declared in its own file.

#![allow(dead_code)]

use crate::model::ResponseMetadata;
use tsify::Tsify;

/// `new CognitoClient(config)`. Give `region` or `endpoint`.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
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
