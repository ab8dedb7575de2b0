//! One call's way through its attempts: after each reply or failed attempt, retry (after a backoff
//! delay) or finish. Both transports drive it (the Rust one in `http`, the npm package's JS one in
//! `js/index.js`), so retries, metadata and redaction follow one set of rules.

use crate::error::{CognitoError, HttpReply};
use crate::json::{self, Value};
use crate::model::ResponseMetadata;
use crate::operation::Operation;
use crate::retry::{backoff_delay_ms, should_retry};
use crate::shape::{check as check_shape, JsonView, Shape};
use crate::text::Cat;

/// A reply body as the transport read it.
pub(crate) enum Body {
    /// The text: UTF-8 checked for 2xx replies, leniently decoded otherwise.
    Text(String),
    /// Longer than [`MAX_BODY_BYTES`]: not read.
    TooLarge,
    /// A 2xx body that is not valid UTF-8.
    NotUtf8,
}

/// Why a call that never finished an attempt, or is not open, ended (a transport's mistake).
pub(crate) const NOT_OPEN: &str = "the call ended before any attempt finished, or is not open";

/// Cognito replies are a few kilobytes; anything past this is not one.
pub(crate) const MAX_BODY_BYTES: u32 = 1 << 20;

/// A validated, encoded request with what is needed to read its reply.
pub(crate) struct Prepared {
    pub(crate) target: String,
    pub(crate) body: String,
    shape: &'static Shape,
    repeatable: bool,
    secrets: Vec<String>,
}

impl Prepared {
    /// A request for operation `name` with a checked, encoded `body`.
    pub(crate) fn new(
        name: &str,
        body: String,
        shape: &'static Shape,
        repeatable: bool,
        secrets: Vec<String>,
    ) -> Prepared {
        Prepared {
            target: ["AWSCognitoIdentityProviderService.", name].cat(),
            body,
            shape,
            repeatable,
            secrets,
        }
    }

    /// Validates and encodes `input`.
    pub(crate) fn of<Op: Operation>(input: &Op) -> Result<Prepared, CognitoError> {
        input.validate()?;
        let secrets = input.secrets().into_iter().map(str::to_owned).collect();
        Ok(Prepared::new(
            Op::NAME,
            input.encode(),
            Op::OUTPUT_SHAPE,
            Op::REPEATABLE,
            secrets,
        ))
    }
}

/// What the transport does after an attempt.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Wait this many milliseconds, then call [`Call::waited`] and attempt again.
    Retry(u32),
    /// Take the result with [`Call::finish`].
    Done,
}

/// One call in progress.
pub(crate) struct Call {
    request: Prepared,
    max_attempts: u32,
    attempts: u32,
    total_delay: u32,
    result: Option<Result<ResponseMetadata, CognitoError>>,
}

impl Call {
    pub(crate) fn new(request: Prepared, max_attempts: u32) -> Call {
        Call {
            request,
            max_attempts,
            attempts: 0,
            total_delay: 0,
            result: None,
        }
    }

    pub(crate) fn request(&self) -> &Prepared {
        &self.request
    }

    /// An attempt got a reply. `random` (0 to 1) jitters the backoff.
    pub(crate) fn reply(&mut self, reply: &HttpReply, body: Body, random: f64) -> Next {
        let outcome = decode(reply, body, self.request.shape);
        self.settle(outcome, random)
    }

    /// An attempt failed without a reply (network, timeout, abort).
    pub(crate) fn fail(&mut self, err: CognitoError, random: f64) -> Next {
        self.settle(Err(err), random)
    }

    fn settle(&mut self, outcome: Result<ResponseMetadata, CognitoError>, random: f64) -> Next {
        self.attempts += 1;
        match outcome {
            Ok(mut metadata) => {
                metadata.attempts = self.attempts;
                metadata.total_retry_delay = self.total_delay;
                self.result = Some(Ok(metadata));
                Next::Done
            }
            Err(err)
                if should_retry(
                    &err,
                    self.attempts,
                    self.max_attempts,
                    self.request.repeatable,
                ) =>
            {
                Next::Retry(backoff_delay_ms(self.attempts, err.is_throttling(), random))
            }
            Err(mut err) => {
                if !self.request.repeatable {
                    err.not_repeated();
                }
                self.end(err);
                Next::Done
            }
        }
    }

    /// Whether the call ended with the last reply as its output.
    pub(crate) fn succeeded(&self) -> bool {
        matches!(self.result, Some(Ok(_)))
    }

    /// The backoff wait of `delay_ms` ended.
    pub(crate) fn waited(&mut self, delay_ms: u32) {
        self.total_delay = self.total_delay.saturating_add(delay_ms);
    }

    /// The caller aborted, before an attempt or during a wait.
    pub(crate) fn abort(&mut self) {
        self.end(CognitoError::aborted());
    }

    fn end(&mut self, mut err: CognitoError) {
        err.set_attempts(self.attempts, self.total_delay);
        self.result = Some(Err(err));
    }

    /// The result, with the input's secrets scrubbed from any error message. On success the output
    /// is the last reply's body, which has the operation's shape: the transport parses it.
    pub(crate) fn finish(self) -> Result<ResponseMetadata, CognitoError> {
        let mut result = self
            .result
            .unwrap_or_else(|| Err(CognitoError::network(NOT_OPEN)));
        if let Err(err) = &mut result {
            for secret in &self.request.secrets {
                err.redact(secret);
            }
        }
        result
    }
}

/// A 2xx body of the right shape is a success; anything else an error.
fn decode(reply: &HttpReply, body: Body, shape: &Shape) -> Result<ResponseMetadata, CognitoError> {
    let text = match body {
        Body::Text(text) => text,
        Body::TooLarge => {
            return Err(CognitoError::invalid_response(
                reply,
                "body larger than 1 MiB",
            ))
        }
        Body::NotUtf8 => {
            return Err(CognitoError::invalid_response(
                reply,
                "body is not valid UTF-8",
            ))
        }
    };
    let parsed = parse_body(&text);
    if !reply.is_success() {
        let text = |name| parsed.as_ref()?.field(name)?.text();
        let names = [text("__type"), text("code")];
        let message = text("message").or_else(|| text("Message"));
        return Err(CognitoError::from_reply_parts(reply, names, message));
    }
    let Some(value) = parsed else {
        return Err(CognitoError::invalid_response(
            reply,
            "the body is not JSON",
        ));
    };
    if let Err(problem) = check_shape(&value, shape) {
        return Err(CognitoError::invalid_response(reply, &problem));
    }
    Ok(reply.metadata())
}

/// True for a body that holds only JSON whitespace, which the AWS SDKs read as `{}`.
pub(crate) fn is_blank(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
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
    use crate::retry::MAX_DELAY_MS;

    fn request(repeatable: bool) -> Prepared {
        static SHAPE: Shape = Shape::Object(&[]);
        let secrets = vec!["s3cr3t-token".to_owned()];
        Prepared::new("GetUser", "{}".into(), &SHAPE, repeatable, secrets)
    }

    fn service(name: &str, status: u16) -> CognitoError {
        let reply = HttpReply {
            status,
            error_type: Some(name.into()),
            request_id: Some("r-1".into()),
        };
        CognitoError::from_reply(&reply, None)
    }

    #[test]
    fn throttling_is_retried_until_max_attempts_with_the_waits_counted() {
        let mut call = Call::new(request(true), 3);
        let Next::Retry(first) = call.fail(service("TooManyRequestsException", 400), 0.5) else {
            panic!("throttling must be retried");
        };
        call.waited(first);
        let Next::Retry(second) = call.fail(service("TooManyRequestsException", 400), 0.5) else {
            panic!("a second retry");
        };
        assert!(first <= MAX_DELAY_MS && second <= MAX_DELAY_MS);
        call.waited(second);
        assert_eq!(
            call.fail(service("TooManyRequestsException", 400), 0.5),
            Next::Done
        );
        let err = call.finish().unwrap_err();
        assert_eq!(err.name(), "TooManyRequestsException");
        assert_eq!(err.metadata().attempts, 3);
        assert_eq!(err.metadata().total_retry_delay, first + second);
        assert_eq!(err.metadata().request_id.as_deref(), Some("r-1"));
    }

    #[test]
    fn limit_exceeded_ends_the_call_at_once() {
        let mut call = Call::new(request(false), 3);
        assert_eq!(
            call.fail(service("LimitExceededException", 400), 0.0),
            Next::Done
        );
        let err = call.finish().unwrap_err();
        assert_eq!(err.metadata().attempts, 1);
        assert!(!err.is_retryable());
    }

    #[test]
    fn a_timeout_repeats_only_what_may_be_repeated() {
        let mut repeatable = Call::new(request(true), 3);
        assert!(matches!(
            repeatable.fail(CognitoError::timeout(50), 0.0),
            Next::Retry(_)
        ));
        let mut once = Call::new(request(false), 3);
        assert_eq!(once.fail(CognitoError::timeout(50), 0.0), Next::Done);
        let err = once.finish().unwrap_err();
        assert_eq!(err.name(), "TimeoutError");
        assert!(!err.is_retryable());
    }

    #[test]
    fn abort_keeps_the_attempts_and_secrets_are_scrubbed() {
        let mut call = Call::new(request(true), 3);
        let Next::Retry(delay) = call.fail(CognitoError::network("reset s3cr3t-token"), 0.0) else {
            panic!("a network failure of a repeatable call is retried");
        };
        call.waited(delay);
        call.abort();
        let err = call.finish().unwrap_err();
        assert_eq!(err.name(), "AbortError");
        assert_eq!(err.metadata().attempts, 1);
        assert_eq!(err.metadata().total_retry_delay, delay);

        let mut leaky = Call::new(request(false), 1);
        leaky.fail(CognitoError::network("echo s3cr3t-token"), 0.0);
        assert!(!leaky.finish().unwrap_err().message().contains("s3cr3t"));
    }

    #[test]
    fn success_carries_the_attempts() {
        let mut call = Call::new(request(true), 3);
        let Next::Retry(delay) = call.fail(service("InternalErrorException", 500), 0.0) else {
            panic!("5xx is retried");
        };
        call.waited(delay);
        let metadata = ResponseMetadata {
            http_status_code: Some(200),
            ..ResponseMetadata::default()
        };
        assert_eq!(call.settle(Ok(metadata), 0.0), Next::Done);
        let metadata = call.finish().ok().unwrap();
        assert_eq!((metadata.attempts, metadata.total_retry_delay), (2, delay));
    }
}
