//! One error shape for everything that can go wrong, on both faces.

use crate::core::reply::HttpReply;
use crate::core::text::{decimal, Cat};
use crate::core::validate::ValidationError;
use crate::model::ResponseMetadata;
use serde::Serialize;
use std::fmt;

/// What kind of failure an error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Cognito answered with an exception (`name` is its AWS name).
    Service,
    /// Bad input, caught before sending (`ValidationError`).
    Validation,
    /// fetch failed: offline, DNS, TLS, CORS (`NetworkError`).
    Network,
    /// No complete response within the timeout (`TimeoutError`).
    Timeout,
    /// The caller's abort signal fired (`AbortError`).
    Abort,
    /// A response arrived that is not what the operation returns (`InvalidResponseError`).
    InvalidResponse,
    /// This target cannot make the call (`UnsupportedRuntimeError`): the client sends with the
    /// browser's fetch, so a native build (a server-side render, say) compiles but calls nothing.
    UnsupportedRuntime,
}

/// Whose side an error is on, as in the AWS SDKs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fault {
    /// The request, the caller or the network.
    Client,
    /// The service.
    Server,
}

impl Fault {
    /// `client` or `server`, as the npm package's `$fault` says it.
    pub fn as_str(self) -> &'static str {
        match self {
            Fault::Client => "client",
            Fault::Server => "server",
        }
    }
}

/// An error from any operation: the AWS exception name (or a client-side name), its message, whether
/// the retry policy treats it as transient, and the request facts. Its message never holds the
/// call's secrets (tokens, passwords): they are scrubbed before it is returned.
///
/// ```
/// # fn show(err: &cognito_verify::CognitoError) {
/// if err.name() == "LimitExceededException" {
///     println!("wait before trying again (request id {:?})", err.request_id());
/// }
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CognitoError {
    #[serde(skip)]
    kind: ErrorKind,
    name: String,
    message: String,
    #[serde(rename = "$fault")]
    fault: Fault,
    retryable: bool,
    #[serde(skip)]
    throttling: bool,
    #[serde(rename = "$metadata")]
    metadata: ResponseMetadata,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
}

impl CognitoError {
    fn new(kind: ErrorKind, name: &str, message: String, fault: Fault, retryable: bool) -> Self {
        CognitoError {
            kind,
            name: name.to_owned(),
            message,
            fault,
            retryable,
            throttling: false,
            metadata: ResponseMetadata::default(),
            field: None,
        }
    }

    /// Bad input (`ValidationError`), naming the field.
    pub(crate) fn validation(err: ValidationError) -> Self {
        let mut e = Self::new(
            ErrorKind::Validation,
            "ValidationError",
            err.message(),
            Fault::Client,
            false,
        );
        e.field = Some(err.field().to_owned());
        e
    }

    /// The call cannot be made on this target (`UnsupportedRuntimeError`). Not retried.
    #[cfg(feature = "rust")]
    pub(crate) fn unsupported_runtime(detail: &str) -> Self {
        Self::new(
            ErrorKind::UnsupportedRuntime,
            "UnsupportedRuntimeError",
            detail.to_owned(),
            Fault::Client,
            false,
        )
    }

    /// fetch rejected (`NetworkError`): offline, DNS, TLS or a CORS refusal. Retried.
    pub(crate) fn network(detail: &str) -> Self {
        let message = [
            "Network request failed: ",
            detail,
            " (offline, blocked by CORS, or the endpoint is unreachable)",
        ]
        .cat();
        Self::new(
            ErrorKind::Network,
            "NetworkError",
            message,
            Fault::Client,
            true,
        )
    }

    /// No complete response within `timeout_ms` (`TimeoutError`). Retried.
    pub(crate) fn timeout(timeout_ms: u32) -> Self {
        let message = ["No response within ", &decimal(timeout_ms.into()), " ms"].cat();
        Self::new(
            ErrorKind::Timeout,
            "TimeoutError",
            message,
            Fault::Client,
            true,
        )
    }

    /// The caller aborted (`AbortError`). Never retried.
    pub(crate) fn aborted() -> Self {
        Self::new(
            ErrorKind::Abort,
            "AbortError",
            "The request was aborted".to_owned(),
            Fault::Client,
            false,
        )
    }

    /// A reply that is not what the operation returns (`InvalidResponseError`), keeping its status.
    /// `retryable` for the transient 5xx statuses.
    pub(crate) fn invalid_response(reply: &HttpReply, detail: &str, retryable: bool) -> Self {
        let message = [
            "Unexpected response (HTTP ",
            &decimal(reply.status.into()),
            "): ",
            detail,
        ]
        .cat();
        let fault = if reply.status >= 500 || reply.is_success() {
            Fault::Server
        } else {
            Fault::Client
        };
        let mut e = Self::new(
            ErrorKind::InvalidResponse,
            "InvalidResponseError",
            message,
            fault,
            retryable,
        );
        // Any 429 is throttling, named or not (a WAF or a gateway may answer it).
        e.throttling = reply.status == 429;
        e.metadata = reply.metadata();
        e
    }

    /// The service's exception `name` with its `message`, as the retry policy classed it.
    pub(crate) fn service(
        reply: &HttpReply,
        name: &str,
        message: String,
        fault: Fault,
        retryable: bool,
        throttling: bool,
    ) -> Self {
        let mut e = Self::new(ErrorKind::Service, name, message, fault, retryable);
        e.throttling = throttling;
        e.metadata = reply.metadata();
        e
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The AWS exception name (`CodeMismatchException`...) or client-side name (`TimeoutError`...).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The message, from the service or in words.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whose fault it is.
    pub fn fault(&self) -> Fault {
        self.fault
    }

    /// Whether the retry policy treats this error as transient.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// A timeout or network failure: the request may have reached the service.
    pub fn may_have_arrived(&self) -> bool {
        matches!(self.kind, ErrorKind::Timeout | ErrorKind::Network)
    }

    /// A reply that proves the service did nothing: throttling (or HTTP 429) and HTTP 503. After any
    /// other failure (500, 502, 504, `InternalErrorException`, a timeout, a dropped connection) it
    /// may have acted.
    pub fn proves_nothing_happened(&self) -> bool {
        self.throttling || self.metadata.http_status_code == Some(503)
    }

    /// For an operation that must not act twice: retryable only if the reply proves nothing
    /// happened; otherwise not, and the message says why.
    pub(crate) fn not_repeated(&mut self) {
        if self.retryable && !self.proves_nothing_happened() {
            self.retryable = false;
            self.message
                .push_str(". The request may have reached Cognito, so it was not repeated");
        }
    }

    /// A throttling error: retries back off from a longer base delay.
    pub fn is_throttling(&self) -> bool {
        self.throttling
    }

    /// The request id, if a response arrived.
    pub fn request_id(&self) -> Option<&str> {
        self.metadata.request_id.as_deref()
    }

    /// Request facts: status, request id, attempts, retry delay.
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }

    /// For `ValidationError`: the offending input field.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    pub(crate) fn set_attempts(&mut self, attempts: u32, total_retry_delay: u32) {
        self.metadata.attempts = attempts;
        self.metadata.total_retry_delay = total_retry_delay;
    }

    /// Scrubs `secret` from every string of the error (its name, message and request id show `***`
    /// in its place). The parts of a JWT (three: header, claims, signature) and of an encrypted
    /// token (five, as refresh tokens are) are scrubbed one by one too.
    pub(crate) fn redact(&mut self, secret: &str) {
        self.redact_part(secret, 4);
        let bytes = secret.as_bytes();
        let dots = bytes.iter().filter(|&&b| b == b'.').count();
        if bytes.starts_with(b"eyJ") && (dots == 2 || dots == 4) {
            let mut start = 0;
            for at in 0..=bytes.len() {
                if at == bytes.len() || bytes[at] == b'.' {
                    self.redact_part(crate::core::text::part(secret, start, at), 8);
                    start = at + 1;
                }
            }
        }
    }

    /// Scrubs `part`, if it has at least `shortest` bytes (shorter ones are not telling, and would
    /// scrub ordinary words).
    fn redact_part(&mut self, part: &str, shortest: usize) {
        if part.len() < shortest {
            return;
        }
        scrub(&mut self.name, part);
        scrub(&mut self.message, part);
        if let Some(id) = &mut self.metadata.request_id {
            scrub(id, part);
        }
    }
}

/// `text` with every `part` replaced by `***`.
fn scrub(text: &mut String, part: &str) {
    if let Some(redacted) = crate::core::text::replace_all(text, part, "***") {
        *text = redacted;
    }
}

impl fmt::Display for CognitoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        f.write_str(": ")?;
        f.write_str(&self.message)
    }
}

impl std::error::Error for CognitoError {}

impl From<ValidationError> for CognitoError {
    fn from(err: ValidationError) -> Self {
        CognitoError::validation(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_name_the_field() {
        let e = CognitoError::validation(ValidationError::new("AccessToken", "must not be empty"));
        assert_eq!(e.name(), "ValidationError");
        assert_eq!(e.field(), Some("AccessToken"));
        assert_eq!(e.message(), "AccessToken must not be empty");
        assert_eq!(e.metadata().attempts, 0);
        assert_eq!(
            e.to_string(),
            "ValidationError: AccessToken must not be empty"
        );
    }

    #[test]
    fn client_side_errors() {
        assert!(CognitoError::network("x").is_retryable());
        assert!(CognitoError::timeout(5).is_retryable());
        assert_eq!(
            CognitoError::timeout(5).message(),
            "No response within 5 ms"
        );
        assert!(!CognitoError::aborted().is_retryable());
        let mut e = CognitoError::timeout(5);
        e.not_repeated();
        assert!(!e.is_retryable() && e.message().ends_with("so it was not repeated"));
        let mut refused = CognitoError::aborted();
        refused.not_repeated();
        assert_eq!(
            refused.message(),
            "The request was aborted",
            "not retryable anyway"
        );
    }

    #[test]
    fn serializes_the_js_shape() {
        let reply = HttpReply {
            status: 400,
            error_type: None,
            request_id: Some("req-1".into()),
        };
        let message = "Attempt limit exceeded".to_owned();
        let mut e = CognitoError::service(
            &reply,
            "LimitExceededException",
            message,
            Fault::Client,
            false,
            false,
        );
        e.set_attempts(1, 0);
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"name":"LimitExceededException","message":"Attempt limit exceeded","$fault":"client","retryable":false,"$metadata":{"httpStatusCode":400,"requestId":"req-1","attempts":1,"totalRetryDelay":0}}"#
        );
    }

    #[test]
    fn redacts_secrets_from_messages() {
        let mut e = CognitoError::network("bad token abc.def.ghi");
        e.redact("abc.def.ghi");
        assert!(e.message().contains("bad token ***"), "{}", e.message());
        e.redact("abc");
        assert!(
            e.message().contains("bad token ***"),
            "short secrets are not redacted"
        );
    }

    #[test]
    fn redacts_each_part_of_a_jwt_and_of_an_encrypted_token() {
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl";
        let jwe = "eyJjdHkiOiJKV1QifQ.ZW5jcnlwdGVka2V5.aXZpdml2aXY.Y2lwaGVydGV4dA.dGFndGFndGFn";
        for token in [jwt, jwe] {
            let parts: Vec<&str> = token.split('.').collect();
            let mut e = CognitoError::network(&format!("saw {}", parts.join(" and ")));
            e.redact(token);
            assert!(
                !parts.iter().any(|p| e.message().contains(p)),
                "{}",
                e.message()
            );
        }
        // A dotted secret that is neither keeps its parts: only the whole is scrubbed.
        let mut e = CognitoError::network("saw abcdefghij");
        e.redact("plain.abcdefghij.x");
        assert!(e.message().contains("saw abcdefghij"), "{}", e.message());
    }
}
