//! The retry policy: which failures are transient, whether to try again, and how long to wait
//! (exponential backoff with full jitter).

use crate::core::error::CognitoError;

/// Attempts when the caller sets none.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
/// The most attempts a caller may ask for.
pub const MAX_ALLOWED_ATTEMPTS: u32 = 10;
/// Base delay after a transient error.
pub(crate) const BASE_DELAY_MS: u32 = 100;
/// Base delay after a throttling error.
pub(crate) const THROTTLE_BASE_DELAY_MS: u32 = 500;
/// No single wait is longer than this.
pub(crate) const MAX_DELAY_MS: u32 = 20_000;

/// Exceptions that must never be retried, whatever their status: Cognito's attempt limit and a
/// wrong code (retrying either burns the user's attempts).
const NEVER_RETRIED: [&str; 2] = ["LimitExceededException", "CodeMismatchException"];

/// Exception names that mean the request was throttled.
const THROTTLING: [&str; 3] = [
    "TooManyRequestsException",
    "ThrottlingException",
    "RequestLimitExceeded",
];

/// HTTP statuses of replies worth another attempt.
pub(crate) fn transient_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// How the policy treats a service exception: `(retryable, throttling)`.
pub(crate) fn classify(name: &str, status: u16) -> (bool, bool) {
    let throttling = THROTTLING.contains(&name) || status == 429;
    let retryable = !NEVER_RETRIED.contains(&name)
        && (throttling || name == "InternalErrorException" || transient_status(status));
    (retryable, throttling)
}

/// Whether to try again after `err`, having made `attempts` of `max_attempts`.
/// Only errors the policy marks retryable qualify: never `LimitExceededException`, a wrong code,
/// other 4xx, bad input or an abort. An operation that is not `repeatable` (it sends a code, checks
/// one or a password, or changes state) is tried again only after a reply that proves nothing
/// happened (throttling, 503): after 500, 502, 504, a timeout or a dropped connection the service
/// may have acted.
pub(crate) fn should_retry(
    err: &CognitoError,
    attempts: u32,
    max_attempts: u32,
    repeatable: bool,
) -> bool {
    err.is_retryable() && attempts < max_attempts && (repeatable || err.proves_nothing_happened())
}

/// The wait before the next attempt after `attempts` failed ones: a uniform draw (`unit_random` in
/// `[0, 1)`) below `min(MAX_DELAY_MS, base * 2^(attempts-1))`.
pub(crate) fn backoff_delay_ms(attempts: u32, throttled: bool, unit_random: f64) -> u32 {
    let base = if throttled {
        THROTTLE_BASE_DELAY_MS
    } else {
        BASE_DELAY_MS
    };
    let doublings = attempts.saturating_sub(1).min(16);
    let ceiling = base.saturating_mul(1 << doublings).min(MAX_DELAY_MS);
    // A NaN draw casts to 0.
    ((ceiling as f64) * unit_random.clamp(0.0, 1.0)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::reply::{service_error, HttpReply};

    fn service(name: &str, status: u16) -> CognitoError {
        let reply = HttpReply {
            status,
            error_type: Some(name.into()),
            ..HttpReply::default()
        };
        service_error(&reply, [None, None], None)
    }

    #[test]
    fn classes() {
        assert_eq!(classify("TooManyRequestsException", 400), (true, true));
        assert_eq!(classify("SlowDown", 429), (true, true));
        assert_eq!(classify("InternalErrorException", 500), (true, false));
        assert_eq!(classify("ServiceUnavailable", 503), (true, false));
        // Never retried, even when a proxy says 503.
        for name in NEVER_RETRIED {
            assert_eq!(classify(name, 503), (false, false), "{name}");
        }
        assert_eq!(classify("NotAuthorizedException", 400), (false, false));
        assert_eq!(classify("BrandNewException", 400), (false, false));
    }

    #[test]
    fn retries_only_transient_errors_within_the_budget() {
        let throttle = service("TooManyRequestsException", 400);
        for repeatable in [true, false] {
            assert!(should_retry(&throttle, 1, 3, repeatable));
            assert!(should_retry(&throttle, 2, 3, repeatable));
            assert!(!should_retry(&throttle, 3, 3, repeatable));
            assert!(!should_retry(&throttle, 1, 1, repeatable));
            for never in [
                "LimitExceededException",
                "CodeMismatchException",
                "NotAuthorizedException",
            ] {
                assert!(!should_retry(&service(never, 400), 1, 3, repeatable));
            }
            assert!(should_retry(
                &service("TooManyRequestsException", 429),
                1,
                3,
                repeatable
            ));
            assert!(should_retry(
                &service("ServiceUnavailable", 503),
                1,
                3,
                repeatable
            ));
            assert!(!should_retry(&CognitoError::aborted(), 1, 3, repeatable));
        }
        // After a reply that leaves open whether the service acted, only repeatable ones retry.
        for may_have_acted in [
            service("InternalErrorException", 500),
            service("BadGateway", 502),
            service("GatewayTimeout", 504),
            service("InternalErrorException", 400),
            CognitoError::timeout(10),
            CognitoError::network("reset"),
        ] {
            assert!(
                should_retry(&may_have_acted, 1, 3, true),
                "{may_have_acted}"
            );
            assert!(
                !should_retry(&may_have_acted, 1, 3, false),
                "{may_have_acted}"
            );
        }
    }

    #[test]
    fn backoff_bounds() {
        assert_eq!(backoff_delay_ms(1, false, 0.0), 0);
        assert_eq!(backoff_delay_ms(1, false, 0.999_999), 99);
        assert_eq!(backoff_delay_ms(2, false, 0.999_999), 199);
        assert_eq!(backoff_delay_ms(1, true, 0.5), 250);
        assert_eq!(backoff_delay_ms(3, true, 0.999_999), 1999);
        assert_eq!(backoff_delay_ms(40, true, 0.999_999), MAX_DELAY_MS - 1);
        assert_eq!(backoff_delay_ms(2, false, f64::NAN), 0);
        assert_eq!(backoff_delay_ms(2, false, 7.0), 200);
        for attempts in 1..12 {
            for step in 0..10 {
                let d = backoff_delay_ms(attempts, step % 2 == 0, step as f64 / 10.0);
                assert!(d <= MAX_DELAY_MS);
            }
        }
    }
}
