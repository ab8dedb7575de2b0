//! A client's configuration, checked once and resolved into what every request uses. Both faces
//! resolve theirs here.

use crate::core::endpoint::resolve_endpoint;
use crate::core::retry::{DEFAULT_MAX_ATTEMPTS, MAX_ALLOWED_ATTEMPTS};
use crate::core::text::{all_bytes, Cat};
use crate::core::validate::ValidationError;

/// Per-attempt timeout when the caller sets none.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// The rule for `timeoutMs`.
pub(crate) const TIMEOUT_RULE: &str = "must be a whole number of milliseconds from 1 to 2147483647";
/// The rule for `maxAttempts`.
pub(crate) const ATTEMPTS_RULE: &str = "must be a whole number from 1 to 10";

/// What every request of a client uses, resolved from its configuration.
#[derive(Debug)]
pub(crate) struct Settings {
    /// The endpoint URL.
    pub(crate) url: String,
    /// The `X-Amz-User-Agent` header.
    pub(crate) user_agent: String,
    /// Attempts per call.
    pub(crate) max_attempts: u32,
    /// Per-attempt timeout.
    pub(crate) timeout_ms: u32,
}

impl Settings {
    /// Checks a configuration and resolves its endpoint, limits and `X-Amz-User-Agent`.
    pub(crate) fn resolve(
        region: Option<&str>,
        endpoint: Option<&str>,
        use_fips_endpoint: bool,
        max_attempts: Option<u32>,
        timeout_ms: Option<u32>,
        user_agent_suffix: Option<&str>,
    ) -> Result<Settings, ValidationError> {
        let url = resolve_endpoint(region, endpoint, use_fips_endpoint)?;
        let max_attempts = max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS);
        if !(1..=MAX_ALLOWED_ATTEMPTS).contains(&max_attempts) {
            return Err(ValidationError::new("maxAttempts", ATTEMPTS_RULE));
        }
        let timeout_ms = check_timeout("timeoutMs", timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS))?;
        let mut user_agent = ["cognito-verify/", env!("CARGO_PKG_VERSION")].cat();
        if let Some(suffix) = user_agent_suffix.filter(|s| !s.is_empty()) {
            check_user_agent_suffix(suffix)?;
            user_agent.push(' ');
            user_agent.push_str(suffix);
        }
        Ok(Settings {
            url,
            user_agent,
            max_attempts,
            timeout_ms,
        })
    }
}

/// Checks a timeout in milliseconds (1 ms to about 24 days, `setTimeout`'s range).
pub(crate) fn check_timeout(field: &str, ms: u32) -> Result<u32, ValidationError> {
    if ms == 0 || ms > i32::MAX as u32 {
        Err(ValidationError::new(field, TIMEOUT_RULE))
    } else {
        Ok(ms)
    }
}

fn check_user_agent_suffix(suffix: &str) -> Result<(), ValidationError> {
    if suffix.len() <= 256 && all_bytes(suffix.as_bytes(), |b| (0x20..0x7f).contains(&b)) {
        Ok(())
    } else {
        Err(ValidationError::new(
            "userAgentSuffix",
            "must be at most 256 printable ASCII characters",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(
        region: Option<&str>,
        max_attempts: Option<u32>,
        timeout_ms: Option<u32>,
        suffix: Option<&str>,
    ) -> String {
        Settings::resolve(region, None, false, max_attempts, timeout_ms, suffix)
            .unwrap_err()
            .field()
            .to_owned()
    }

    #[test]
    fn checks_every_setting() {
        let eu = Some("eu-west-1");
        assert_eq!(field(None, None, None, None), "region");
        assert_eq!(field(eu, Some(0), None, None), "maxAttempts");
        assert_eq!(field(eu, Some(11), None, None), "maxAttempts");
        assert_eq!(field(eu, None, Some(0), None), "timeoutMs");
        assert_eq!(field(eu, None, Some(1 << 31), None), "timeoutMs");
        assert_eq!(field(eu, None, None, Some("a\nb")), "userAgentSuffix");
        let settings = Settings::resolve(eu, None, false, None, None, Some("demo/1")).unwrap();
        assert_eq!(settings.url, "https://cognito-idp.eu-west-1.amazonaws.com/");
        assert!(settings.user_agent.starts_with("cognito-verify/"));
        assert!(settings.user_agent.ends_with(" demo/1"));
        assert_eq!((settings.max_attempts, settings.timeout_ms), (3, 10_000));
    }
}
