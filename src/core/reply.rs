//! What a reply means: a 2xx body of the operation's shape is a success; anything else becomes a
//! `CognitoError` named as the AWS SDKs name it.

use crate::core::body::Body;
use crate::core::error::{CognitoError, Fault};
use crate::core::json::{self, Value};
use crate::core::retry::{classify, transient_status};
use crate::core::shape::{check as check_shape, JsonView, Shape};
use crate::core::text::{all_bytes, find_byte};
use crate::model::ResponseMetadata;

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

    /// A reply that is not what the operation returns, retryable for the transient statuses.
    pub(crate) fn invalid(&self, detail: &str) -> CognitoError {
        CognitoError::invalid_response(self, detail, transient_status(self.status))
    }
}

/// Reduces `Name:http://...`, `aws.ns#Name` or `Name,extra` to `Name`, as the AWS SDKs do.
pub fn sanitize_error_name(raw: &str) -> &str {
    // Byte positions of ASCII marks, so always on character boundaries.
    let bytes = raw.as_bytes();
    let end = find_byte(bytes, |b| b == b',' || b == b':');
    let mut start = end;
    while start > 0 && bytes[start - 1] != b'#' {
        start -= 1;
    }
    crate::core::text::part(raw, start, end).trim_ascii()
}

/// The error of a non-2xx reply. The name comes from the `x-amzn-ErrorType` header, else the body's
/// `__type` or `code` (`body_names`); the message from the body's `message` or `Message`.
pub(crate) fn service_error(
    reply: &HttpReply,
    body_names: [Option<&str>; 2],
    message: Option<&str>,
) -> CognitoError {
    let [type_, code] = body_names;
    let name = [reply.error_type.as_deref(), type_, code]
        .into_iter()
        .flatten()
        .map(sanitize_error_name)
        .find(|n| !n.is_empty());
    let Some(name) = name else {
        return reply.invalid(message.unwrap_or("no error type in the reply"));
    };
    if !is_exception_name(name) {
        return reply.invalid("the error type is not an exception name");
    }
    let message = message.unwrap_or(name).to_owned();
    let (retryable, throttling) = classify(name, reply.status);
    let fault = if reply.status >= 500 || name == "InternalErrorException" {
        Fault::Server
    } else {
        Fault::Client
    };
    CognitoError::service(reply, name, message, fault, retryable, throttling)
}

/// An AWS exception name: 1 to 128 letters, digits and `_`.
fn is_exception_name(name: &str) -> bool {
    name.len() <= 128 && all_bytes(name.as_bytes(), |b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Reads a reply: a 2xx body of `shape` is a success (its metadata); anything else the error.
pub(crate) fn decode(
    reply: &HttpReply,
    body: &Body,
    shape: &Shape,
) -> Result<ResponseMetadata, CognitoError> {
    let text = match body {
        Body::Text(text) => text,
        Body::TooLarge => return Err(reply.invalid("body larger than 1 MiB")),
        Body::NotUtf8 => return Err(reply.invalid("body is not valid UTF-8")),
    };
    let parsed = parse_body(text);
    if !reply.is_success() {
        let text = |name| parsed.as_ref()?.field(name)?.text();
        let names = [text("__type"), text("code")];
        let message = text("message").or_else(|| text("Message"));
        return Err(service_error(reply, names, message));
    }
    let Some(value) = parsed else {
        return Err(reply.invalid("the body is not JSON"));
    };
    if let Err(problem) = check_shape(&value, shape) {
        return Err(reply.invalid(&problem));
    }
    Ok(reply.metadata())
}

/// True for a body that holds only JSON whitespace, which the AWS SDKs read as `{}`.
pub(crate) fn is_blank(text: &str) -> bool {
    all_bytes(text.as_bytes(), |b| {
        matches!(b, b' ' | b'\t' | b'\n' | b'\r')
    })
}

/// Parses a reply body; a blank one is `{}`.
fn parse_body(text: &str) -> Option<Value> {
    if is_blank(text) {
        Some(Value::Object(Vec::new()))
    } else {
        json::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::ErrorKind;

    fn reply(status: u16, header: Option<&str>) -> HttpReply {
        HttpReply {
            status,
            error_type: header.map(str::to_owned),
            request_id: Some("req-1".into()),
        }
    }

    static ANY: Shape = Shape::Object(&[]);

    fn error(status: u16, header: Option<&str>, body: &str) -> CognitoError {
        decode(&reply(status, header), &Body::Text(body.into()), &ANY).unwrap_err()
    }

    /// The 17 exceptions of GetUserAttributeVerificationCode and those of the other operations.
    const EXCEPTIONS: [(&str, u16); 23] = [
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
            let e = error(status, Some(&header), &body);
            assert_eq!(e.name(), name);
            assert_eq!(e.message(), "m");
            assert_eq!(e.kind(), ErrorKind::Service);
            assert_eq!(e.request_id(), Some("req-1"));
            assert_eq!(e.metadata().http_status_code, Some(status));
            let retryable = matches!(name, "TooManyRequestsException" | "InternalErrorException");
            assert_eq!(e.is_retryable(), retryable, "{name}");
            let fault = if status >= 500 {
                Fault::Server
            } else {
                Fault::Client
            };
            assert_eq!(e.fault(), fault, "{name}");
        }
    }

    #[test]
    fn header_wins_over_body() {
        let e = error(
            400,
            Some("NotAuthorizedException:"),
            r#"{"__type":"UserNotFoundException","message":"x"}"#,
        );
        assert_eq!(e.name(), "NotAuthorizedException");
    }

    #[test]
    fn body_type_then_code() {
        let e = error(
            400,
            None,
            r#"{"__type":"com.amazonaws.cognito.identity.idp.model#CodeMismatchException","message":"Invalid code"}"#,
        );
        assert_eq!(e.name(), "CodeMismatchException");
        assert_eq!(e.message(), "Invalid code");
        let e = error(
            400,
            None,
            r#"{"code":"ExpiredCodeException","Message":"Expired"}"#,
        );
        assert_eq!((e.name(), e.message()), ("ExpiredCodeException", "Expired"));
        let e = error(400, Some(""), r#"{"__type":"AliasExistsException"}"#);
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
        let e = error(400, Some("BrandNewException:"), "{}");
        assert_eq!(e.name(), "BrandNewException");
        assert!(!e.is_retryable());
    }

    #[test]
    fn only_exception_names_are_names() {
        for bad in [
            "a b",
            "eyJ.x",
            "Name-With-Dashes",
            "<b>x</b>",
            &"A".repeat(129),
            "é",
        ] {
            let e = error(400, Some(bad), "{}");
            assert_eq!(e.name(), "InvalidResponseError", "{bad}");
            assert!(e
                .message()
                .ends_with("the error type is not an exception name"));
        }
        assert_eq!(
            error(400, Some(&"A".repeat(128)), "{}").name(),
            "A".repeat(128)
        );
        assert_eq!(
            error(400, None, r#"{"__type":"Bad Name"}"#).name(),
            "InvalidResponseError"
        );
    }

    #[test]
    fn header_only_error() {
        let e = error(400, Some("UserNotFoundException"), "");
        assert_eq!(e.name(), "UserNotFoundException");
    }

    #[test]
    fn nameless_replies_are_invalid_responses_keeping_status() {
        let e = error(400, None, r#"{"message":"what"}"#);
        assert_eq!(e.name(), "InvalidResponseError");
        assert!(e.message().contains("what"));
        assert_eq!(e.metadata().http_status_code, Some(400));
        assert!(!e.is_retryable());
        let e = error(500, None, "<html>oops</html>");
        assert_eq!(
            (e.name(), e.fault(), e.is_retryable()),
            ("InvalidResponseError", Fault::Server, true)
        );
        for status in [502, 503, 504] {
            assert!(error(status, None, "").is_retryable());
        }
        assert!(!error(501, None, "").is_retryable());
    }

    #[test]
    fn retry_classes_of_service_errors() {
        let throttle = error(400, Some("TooManyRequestsException:"), "{}");
        assert!(throttle.is_retryable() && throttle.is_throttling());
        for name in ["LimitExceededException", "CodeMismatchException"] {
            assert!(!error(503, Some(name), "{}").is_retryable(), "{name}");
        }
        assert!(error(503, Some("ServiceUnavailable"), "{}").is_retryable());
        let too_many = error(429, Some("SlowDown"), "{}");
        assert!(too_many.is_retryable() && too_many.is_throttling());
        let bare = error(429, None, "");
        assert!(bare.is_retryable() && bare.is_throttling() && bare.proves_nothing_happened());
    }

    #[test]
    fn successes_and_broken_2xx_replies() {
        static SHAPE: Shape = Shape::Object(&[crate::core::shape::req("Username", Shape::String)]);
        let ok = reply(200, None);
        let text = |t: &str| Body::Text(t.into());
        let metadata = decode(&ok, &text(r#"{"Username":"u"}"#), &SHAPE).unwrap();
        assert_eq!(metadata.http_status_code, Some(200));
        assert_eq!(metadata.request_id.as_deref(), Some("req-1"));
        for (body, message) in [
            (text("<html>"), "the body is not JSON"),
            (text(r#"{"Username":5}"#), "Username must be a string"),
            (text("  "), "Username must be a string"),
            (Body::TooLarge, "larger than 1 MiB"),
            (Body::NotUtf8, "not valid UTF-8"),
        ] {
            let err = decode(&ok, &body, &SHAPE).unwrap_err();
            assert_eq!(err.name(), "InvalidResponseError");
            assert!(err.message().contains(message), "{}", err.message());
            assert!(!err.is_retryable());
        }
    }
}
