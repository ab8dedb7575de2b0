//! One call's way through its attempts: after each reply or failed attempt, retry (after a backoff
//! delay) or finish. Both transports drive it (the Rust API's in `client`, the npm package's in
//! `js/`, through `abi`), so retries, metadata and redaction follow one set of rules.

use crate::core::body::Body;
use crate::core::error::CognitoError;
use crate::core::reply::{decode, HttpReply};
use crate::core::request::Prepared;
use crate::core::retry::{backoff_delay_ms, should_retry};
use crate::model::ResponseMetadata;

/// Why a call that never finished an attempt, or is not open, ended (a transport's mistake).
pub(crate) const NOT_OPEN: &str = "the call ended before any attempt finished, or is not open";

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

    #[cfg_attr(not(feature = "rust"), allow(dead_code))]
    pub(crate) fn request(&self) -> &Prepared {
        &self.request
    }

    /// An attempt got a reply. `random` (0 to 1) jitters the backoff.
    pub(crate) fn reply(&mut self, reply: &HttpReply, body: &Body, random: f64) -> Next {
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
    #[cfg_attr(not(feature = "npm"), allow(dead_code))]
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
            // Longest first: a secret inside another must not leave the other's rest in view.
            let mut secrets = self.request.secrets;
            while !secrets.is_empty() {
                let mut longest = 0;
                for (at, secret) in secrets.iter().enumerate() {
                    if secret.len() > secrets[longest].len() {
                        longest = at;
                    }
                }
                err.redact(&secrets.swap_remove(longest));
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::retry::MAX_DELAY_MS;

    use crate::core::reply::service_error;
    use crate::core::shape::Shape;

    fn request(repeatable: bool) -> Prepared {
        static SHAPE: Shape = Shape::Object(&[]);
        Prepared {
            target: "AWSCognitoIdentityProviderService.GetUser".into(),
            body: "{}".into(),
            shape: &SHAPE,
            repeatable,
            secrets: vec!["s3cr3t-token".to_owned()],
        }
    }

    fn service(name: &str, status: u16) -> CognitoError {
        let reply = HttpReply {
            status,
            error_type: Some(name.into()),
            request_id: Some("r-1".into()),
        };
        service_error(&reply, [None, None], None)
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
    fn a_call_that_may_have_acted_is_retried_only_after_a_refusal() {
        for (name, status) in [
            ("InternalErrorException", 500),
            ("BadGateway", 502),
            ("GatewayTimeout", 504),
        ] {
            let mut call = Call::new(request(false), 3);
            assert_eq!(call.fail(service(name, status), 0.5), Next::Done, "{name}");
            let err = call.finish().unwrap_err();
            assert_eq!((err.metadata().attempts, err.is_retryable()), (1, false));
            assert!(err.message().ends_with("so it was not repeated"), "{err}");
        }
        for (name, status) in [
            ("TooManyRequestsException", 400),
            ("ServiceUnavailable", 503),
        ] {
            let mut call = Call::new(request(false), 3);
            assert!(
                matches!(call.fail(service(name, status), 0.5), Next::Retry(_)),
                "{name}"
            );
        }
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

        // A secret inside another: the longer one goes first, so none of it shows.
        let mut nested = request(false);
        nested.secrets = vec!["pass".into(), "hash-pass-hash".into()];
        let mut call = Call::new(nested, 1);
        call.fail(CognitoError::network("quoted hash-pass-hash"), 0.0);
        let err = call.finish().unwrap_err();
        assert!(err.message().contains("quoted ***"), "{}", err.message());
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
