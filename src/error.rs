//! One error shape for everything that can go wrong, and the decoding of service errors.

use crate::model::ResponseMetadata;
use crate::text::Cat;
use crate::validate::ValidationError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of failure an error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// An error from any operation: the AWS exception name (or a client-side name), its message, whether
/// the retry policy treats it as transient, and the request facts.
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

/// The JSON body of a Cognito error reply (`{"__type": "...", "message": "..."}`).
#[derive(Debug, Default, Deserialize)]
pub struct ErrorBody {
    #[serde(rename = "__type", default)]
    type_: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(rename = "Message", default)]
    message_upper: Option<String>,
}

impl ErrorBody {
    /// An error body from its parts (`__type`, `code`, `message`, `Message`).
    pub fn new(
        type_: Option<String>,
        code: Option<String>,
        message: Option<String>,
        message_upper: Option<String>,
    ) -> Self {
        ErrorBody {
            type_,
            code,
            message,
            message_upper,
        }
    }
}

/// What the transport saw of a response, besides its body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpReply {
    /// HTTP status.
    pub status: u16,
    /// The `x-amzn-ErrorType` header.
    pub error_type: Option<String>,
    /// The `x-amzn-RequestId` header.
    pub request_id: Option<String>,
}

impl HttpReply {
    /// True for 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The metadata of an exchange that ended with this reply (attempts not yet counted).
    pub(crate) fn metadata(&self) -> ResponseMetadata {
        ResponseMetadata {
            http_status_code: Some(self.status),
            request_id: self.request_id.clone(),
            ..ResponseMetadata::default()
        }
    }
}

/// Reduces `Name:http://...`, `aws.ns#Name` or `Name,extra` to `Name`, as the AWS SDKs do.
pub fn sanitize_error_name(raw: &str) -> &str {
    // Byte positions of ASCII marks, so always on character boundaries.
    let bytes = raw.as_bytes();
    let end = bytes
        .iter()
        .position(|&b| b == b',' || b == b':')
        .unwrap_or(bytes.len());
    let start = bytes[..end]
        .iter()
        .rposition(|&b| b == b'#')
        .map_or(0, |i| i + 1);
    raw.get(start..end).unwrap_or_default().trim_ascii()
}

/// Exceptions that must never be retried, whatever their status: Cognito's attempt limit and a
/// wrong code (retrying either burns the user's attempts).
const NEVER_RETRIED: [&str; 2] = ["LimitExceededException", "CodeMismatchException"];

const THROTTLING: [&str; 3] = [
    "TooManyRequestsException",
    "ThrottlingException",
    "RequestLimitExceeded",
];

fn transient_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
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
    pub fn validation(err: ValidationError) -> Self {
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

    /// fetch rejected (`NetworkError`): offline, DNS, TLS or a CORS refusal. Retried.
    pub fn network(detail: &str) -> Self {
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
    pub fn timeout(timeout_ms: u32) -> Self {
        let message = [
            "No response within ",
            &crate::text::decimal(timeout_ms.into()),
            " ms",
        ]
        .cat();
        Self::new(
            ErrorKind::Timeout,
            "TimeoutError",
            message,
            Fault::Client,
            true,
        )
    }

    /// The caller aborted (`AbortError`). Never retried.
    pub fn aborted() -> Self {
        Self::new(
            ErrorKind::Abort,
            "AbortError",
            "The request was aborted".to_owned(),
            Fault::Client,
            false,
        )
    }

    /// A reply that is not what the operation returns (`InvalidResponseError`), keeping its status.
    /// Retried only for the transient 5xx statuses.
    pub fn invalid_response(reply: &HttpReply, detail: &str) -> Self {
        let message = [
            "Unexpected response (HTTP ",
            &crate::text::decimal(reply.status.into()),
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
            transient_status(reply.status),
        );
        e.metadata = reply.metadata();
        e
    }

    /// Decodes a non-2xx reply. The name comes from the `x-amzn-ErrorType` header, else the body's
    /// `__type` or `code`; the message from `message` or `Message`. `body` is the parsed JSON body,
    /// if it parsed.
    pub fn from_reply(reply: &HttpReply, body: Option<ErrorBody>) -> Self {
        let body = body.unwrap_or_default();
        let message = body.message.or(body.message_upper);
        Self::from_reply_parts(
            reply,
            [body.type_.as_deref(), body.code.as_deref()],
            message.as_deref(),
        )
    }

    /// [`CognitoError::from_reply`] from the body's `__type` and `code`, and its `message` (or
    /// `Message`).
    pub(crate) fn from_reply_parts(
        reply: &HttpReply,
        body_names: [Option<&str>; 2],
        message: Option<&str>,
    ) -> Self {
        let [type_, code] = body_names;
        let name = [reply.error_type.as_deref(), type_, code]
            .into_iter()
            .flatten()
            .map(sanitize_error_name)
            .find(|n| !n.is_empty());
        let Some(name) = name else {
            let detail = message.unwrap_or("no error type in the reply");
            return Self::invalid_response(reply, detail);
        };
        let message = message.unwrap_or(name).to_owned();
        let throttling = THROTTLING.contains(&name) || reply.status == 429;
        let retryable = !NEVER_RETRIED.contains(&name)
            && (throttling || name == "InternalErrorException" || transient_status(reply.status));
        let fault = if reply.status >= 500 || name == "InternalErrorException" {
            Fault::Server
        } else {
            Fault::Client
        };
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

    /// For an operation that must not be sent twice: not retryable, and the message says why.
    pub(crate) fn not_repeated(&mut self) {
        if self.may_have_arrived() {
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

    /// Replaces every occurrence of `secret` in the message with `***`.
    pub(crate) fn redact(&mut self, secret: &str) {
        if secret.len() >= 4 {
            if let Some(redacted) = crate::text::replace_all(&self.message, secret, "***") {
                self.message = redacted;
            }
        }
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

    fn reply(status: u16, header: Option<&str>) -> HttpReply {
        HttpReply {
            status,
            error_type: header.map(str::to_owned),
            request_id: Some("req-1".into()),
        }
    }

    fn decode(status: u16, header: Option<&str>, body: &str) -> CognitoError {
        let r = reply(status, header);
        let parsed = serde_json::from_str(body).ok();
        CognitoError::from_reply(&r, parsed)
    }

    /// The 17 exceptions of GetUserAttributeVerificationCode and those of the other operations.
    const EXCEPTIONS: [(&str, u16); 24] = [
        ("CodeDeliveryFailureException", 400),
        ("ForbiddenException", 403),
        ("InternalErrorException", 500),
        ("InvalidEmailRoleAccessPolicyException", 400),
        ("InvalidLambdaResponseException", 400),
        ("InvalidParameterException", 400),
        ("InvalidSmsRoleAccessPolicyException", 400),
        ("InvalidSmsRoleTrustRelationshipException", 400),
        ("LimitExceededException", 400),
        ("NotAuthorizedException", 400),
        ("PasswordResetRequiredException", 400),
        ("ResourceNotFoundException", 400),
        ("TooManyRequestsException", 400),
        ("UnexpectedLambdaException", 400),
        ("UserLambdaValidationException", 400),
        ("UserNotConfirmedException", 400),
        ("UserNotFoundException", 400),
        ("AliasExistsException", 400),
        ("CodeMismatchException", 400),
        ("ExpiredCodeException", 400),
        ("InvalidUserPoolConfigurationException", 400),
        ("MFAMethodNotFoundException", 400),
        ("UnsupportedOperationException", 400),
        ("InvalidParameterException", 400),
    ];

    #[test]
    fn every_exception_decodes_with_name_message_and_request_id() {
        for (name, status) in EXCEPTIONS {
            let header = [
                name,
                ":http://internal.amazon.com/coral/com.amazonaws.swbup.service/",
            ]
            .concat();
            let body = [r#"{"__type":""#, name, r#"","message":"m"}"#].concat();
            let e = decode(status, Some(&header), &body);
            assert_eq!(e.name(), name);
            assert_eq!(e.message(), "m");
            assert_eq!(e.kind(), ErrorKind::Service);
            assert_eq!(e.request_id(), Some("req-1"));
            assert_eq!(e.metadata().http_status_code, Some(status));
            let retryable = matches!(name, "TooManyRequestsException" | "InternalErrorException");
            assert_eq!(e.is_retryable(), retryable, "{name}");
            assert_eq!(
                e.fault(),
                if status >= 500 {
                    Fault::Server
                } else {
                    Fault::Client
                },
                "{name}"
            );
        }
    }

    #[test]
    fn header_wins_over_body() {
        let e = decode(
            400,
            Some("NotAuthorizedException:"),
            r#"{"__type":"UserNotFoundException","message":"x"}"#,
        );
        assert_eq!(e.name(), "NotAuthorizedException");
    }

    #[test]
    fn body_type_then_code() {
        let e = decode(
            400,
            None,
            r#"{"__type":"com.amazonaws.cognito.identity.idp.model#CodeMismatchException","message":"Invalid code"}"#,
        );
        assert_eq!(e.name(), "CodeMismatchException");
        assert_eq!(e.message(), "Invalid code");
        let e = decode(
            400,
            None,
            r#"{"code":"ExpiredCodeException","Message":"Expired"}"#,
        );
        assert_eq!((e.name(), e.message()), ("ExpiredCodeException", "Expired"));
        let e = decode(400, Some(""), r#"{"__type":"AliasExistsException"}"#);
        assert_eq!(
            (e.name(), e.message()),
            ("AliasExistsException", "AliasExistsException")
        );
    }

    #[test]
    fn sanitizes_like_the_sdks() {
        assert_eq!(sanitize_error_name("A:b:c"), "A");
        assert_eq!(sanitize_error_name("aws.ns#B"), "B");
        assert_eq!(sanitize_error_name("C,D"), "C");
        assert_eq!(sanitize_error_name("ns#E:http://x#y"), "E");
    }

    #[test]
    fn unknown_names_are_kept_verbatim() {
        let e = decode(400, Some("BrandNewException:"), "{}");
        assert_eq!(e.name(), "BrandNewException");
        assert!(!e.is_retryable());
    }

    #[test]
    fn header_only_error() {
        let e = decode(400, Some("UserNotFoundException"), "");
        assert_eq!(e.name(), "UserNotFoundException");
    }

    #[test]
    fn nameless_replies_are_invalid_responses_keeping_status() {
        let e = decode(400, None, r#"{"message":"what"}"#);
        assert_eq!(e.name(), "InvalidResponseError");
        assert!(e.message().contains("what"));
        assert_eq!(e.metadata().http_status_code, Some(400));
        assert!(!e.is_retryable());
        let e = decode(500, None, "<html>oops</html>");
        assert_eq!(
            (e.name(), e.fault(), e.is_retryable()),
            ("InvalidResponseError", Fault::Server, true)
        );
        for status in [502, 503, 504] {
            assert!(decode(status, None, "").is_retryable());
        }
        assert!(!decode(501, None, "").is_retryable());
    }

    #[test]
    fn retry_classes() {
        let throttle = decode(400, Some("TooManyRequestsException:"), "{}");
        assert!(throttle.is_retryable() && throttle.is_throttling());
        // Never retried, even when a proxy says 503.
        for name in ["LimitExceededException", "CodeMismatchException"] {
            assert!(!decode(503, Some(name), "{}").is_retryable(), "{name}");
        }
        assert!(decode(503, Some("ServiceUnavailable"), "{}").is_retryable());
        // 429 from a proxy or WAF is throttling, named or not.
        let too_many = decode(429, Some("SlowDown"), "{}");
        assert!(too_many.is_retryable() && too_many.is_throttling());
        assert!(decode(429, None, "").is_retryable());
        assert!(CognitoError::network("x").is_retryable());
        assert!(CognitoError::timeout(5).is_retryable());
        assert!(!CognitoError::aborted().is_retryable());
    }

    #[test]
    fn validation_errors_name_the_field() {
        let e = CognitoError::validation(ValidationError::new("AccessToken", "must not be empty"));
        assert_eq!(e.name(), "ValidationError");
        assert_eq!(e.field(), Some("AccessToken"));
        assert_eq!(e.message(), "AccessToken must not be empty");
        assert_eq!(e.metadata().attempts, 0);
    }

    #[test]
    fn serializes_the_js_shape() {
        let mut e = decode(
            400,
            Some("LimitExceededException"),
            r#"{"message":"Attempt limit exceeded"}"#,
        );
        e.set_attempts(1, 0);
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"name":"LimitExceededException","message":"Attempt limit exceeded","$fault":"client","retryable":false,"$metadata":{"httpStatusCode":400,"requestId":"req-1","attempts":1,"totalRetryDelay":0}}"#
        );
    }

    #[test]
    fn redacts_secrets_from_messages() {
        let mut e = decode(
            400,
            Some("NotAuthorizedException"),
            r#"{"message":"bad token abc.def.ghi"}"#,
        );
        e.redact("abc.def.ghi");
        assert_eq!(e.message(), "bad token ***");
    }
}
