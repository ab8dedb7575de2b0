//! The Rust API: a configured client whose async methods run the operations with retries.

use crate::call::{is_blank, Body, Call, Next, Prepared};
use crate::endpoint::resolve_endpoint;
use crate::error::{CognitoError, HttpReply};
use crate::http::{self, post};
use crate::model::*;
use crate::operation::{Operation, WithMetadata};
use crate::operation_errors::*;
use crate::retry;
use crate::text::Cat;
use crate::validate::ValidationError;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

/// Per-attempt timeout when the caller sets none.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// How to build a [`Client`]. Give `region` or `endpoint`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientConfig {
    /// AWS region, e.g. `eu-west-1`.
    pub region: Option<String>,
    /// A custom endpoint (`https:`, or `http:` on loopback), e.g. a local emulator.
    pub endpoint: Option<String>,
    /// Use the FIPS endpoint of `region`.
    pub use_fips_endpoint: bool,
    /// Attempts per call, 1 to 10 (default 3; 1 means no retry).
    pub max_attempts: Option<u32>,
    /// Per-attempt timeout in milliseconds (default 10000).
    pub timeout_ms: Option<u32>,
    /// Appended to the `X-Amz-User-Agent` header.
    pub user_agent_suffix: Option<String>,
}

/// Per-call options.
#[derive(Clone, Debug, Default)]
pub struct CallOptions {
    /// Aborts the call (including a backoff wait) with `AbortError`.
    pub abort_signal: Option<AbortSignal>,
    /// Overrides the client's per-attempt timeout.
    pub timeout_ms: Option<u32>,
}

/// What every request of a client uses, resolved from its configuration.
#[derive(Debug)]
pub(crate) struct Settings {
    pub(crate) url: String,
    pub(crate) user_agent: String,
    pub(crate) max_attempts: u32,
    pub(crate) timeout_ms: u32,
}

impl Settings {
    /// Checks a configuration (the fields of [`ClientConfig`]) and resolves its endpoint, limits and
    /// `X-Amz-User-Agent`.
    pub(crate) fn resolve(
        region: Option<&str>,
        endpoint: Option<&str>,
        use_fips_endpoint: bool,
        max_attempts: Option<u32>,
        timeout_ms: Option<u32>,
        user_agent_suffix: Option<&str>,
    ) -> Result<Settings, ValidationError> {
        let url = resolve_endpoint(region, endpoint, use_fips_endpoint)?;
        let max_attempts = max_attempts.unwrap_or(retry::DEFAULT_MAX_ATTEMPTS);
        if !(1..=retry::MAX_ALLOWED_ATTEMPTS).contains(&max_attempts) {
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

/// A Cognito user-pools client. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Client {
    settings: Rc<Settings>,
}

/// The rule for `timeoutMs`.
pub(crate) const TIMEOUT_RULE: &str = "must be a whole number of milliseconds from 1 to 2147483647";
/// The rule for `maxAttempts`.
pub(crate) const ATTEMPTS_RULE: &str = "must be a whole number from 1 to 10";

/// Checks a timeout in milliseconds (1 ms to about 24 days, `setTimeout`'s range).
pub fn check_timeout(field: &str, ms: u32) -> Result<u32, ValidationError> {
    if ms == 0 || ms > i32::MAX as u32 {
        Err(ValidationError::new(field, TIMEOUT_RULE))
    } else {
        Ok(ms)
    }
}

fn check_user_agent_suffix(suffix: &str) -> Result<(), ValidationError> {
    if suffix.len() <= 256 && suffix.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Ok(())
    } else {
        Err(ValidationError::new(
            "userAgentSuffix",
            "must be at most 256 printable ASCII characters",
        ))
    }
}

impl Client {
    /// Builds a client, checking the whole configuration.
    pub fn new(config: ClientConfig) -> Result<Client, CognitoError> {
        let settings = Settings::resolve(
            config.region.as_deref(),
            config.endpoint.as_deref(),
            config.use_fips_endpoint,
            config.max_attempts,
            config.timeout_ms,
            config.user_agent_suffix.as_deref(),
        )?;
        Ok(Client {
            settings: Rc::new(settings),
        })
    }

    /// A client for `region` with default settings.
    pub fn for_region(region: &str) -> Result<Client, CognitoError> {
        Self::new(ClientConfig {
            region: Some(region.to_owned()),
            ..ClientConfig::default()
        })
    }

    /// The URL requests go to.
    pub fn endpoint(&self) -> &str {
        &self.settings.url
    }

    /// Sends a verification code for an attribute (email or phone) of the signed-in user.
    pub async fn get_user_attribute_verification_code(
        &self,
        input: &GetUserAttributeVerificationCodeRequest,
        options: &CallOptions,
    ) -> Result<GetUserAttributeVerificationCodeResponse, GetUserAttributeVerificationCodeError>
    {
        self.send(input, options).await.map_err(Into::into)
    }

    /// Verifies an attribute with the code the user received.
    pub async fn verify_user_attribute(
        &self,
        input: &VerifyUserAttributeRequest,
        options: &CallOptions,
    ) -> Result<VerifyUserAttributeResponse, VerifyUserAttributeError> {
        self.send(input, options).await.map_err(Into::into)
    }

    /// Reads the signed-in user's attributes.
    pub async fn get_user(
        &self,
        input: &GetUserRequest,
        options: &CallOptions,
    ) -> Result<GetUserResponse, GetUserError> {
        self.send(input, options).await.map_err(Into::into)
    }

    /// Changes attributes; changing a verified email or phone sends a code to the new value.
    pub async fn update_user_attributes(
        &self,
        input: &UpdateUserAttributesRequest,
        options: &CallOptions,
    ) -> Result<UpdateUserAttributesResponse, UpdateUserAttributesError> {
        self.send(input, options).await.map_err(Into::into)
    }

    /// Signs in with a password or a refresh token.
    pub async fn initiate_auth(
        &self,
        input: &InitiateAuthRequest,
        options: &CallOptions,
    ) -> Result<InitiateAuthResponse, InitiateAuthError> {
        self.send(input, options).await.map_err(Into::into)
    }

    /// Runs any operation: validates, then attempts with backoff until success, a non-retryable
    /// error, or `max_attempts`.
    pub async fn send<Op: Operation>(
        &self,
        input: &Op,
        options: &CallOptions,
    ) -> Result<Op::Output, CognitoError> {
        let (value, metadata) = self.send_json(input, options).await?;
        let mut output: Op::Output = serde_wasm_bindgen::from_value(value).map_err(|_| {
            let reply = HttpReply {
                status: metadata.http_status_code.unwrap_or(200),
                ..HttpReply::default()
            };
            CognitoError::invalid_response(&reply, "the body does not decode into the output type")
        })?;
        *output.metadata_mut() = metadata;
        Ok(output)
    }

    /// Like [`Client::send`], but returns the parsed reply (checked against the output's shape)
    /// without decoding it into Rust types, with the metadata beside it.
    pub async fn send_json<Op: Operation>(
        &self,
        input: &Op,
        options: &CallOptions,
    ) -> Result<(JsValue, ResponseMetadata), CognitoError> {
        self.send_prepared(Prepared::of(input)?, options).await
    }

    /// Sends a validated, encoded request: the one (non-generic) attempt loop all operations share.
    pub(crate) async fn send_prepared(
        &self,
        request: Prepared,
        options: &CallOptions,
    ) -> Result<(JsValue, ResponseMetadata), CognitoError> {
        let timeout_ms = match options.timeout_ms {
            Some(ms) => check_timeout("timeoutMs", ms)?,
            None => self.settings.timeout_ms,
        };
        let caller = options.abort_signal.as_ref();
        let mut call = Call::new(request, self.settings.max_attempts);
        let mut output = String::new();
        loop {
            if caller.is_some_and(AbortSignal::aborted) {
                call.abort();
                break;
            }
            let outcome = post(http::Attempt {
                url: &self.settings.url,
                target: &call.request().target,
                user_agent: &self.settings.user_agent,
                body: &call.request().body,
                timeout_ms,
                caller,
            })
            .await;
            let random = js_sys::Math::random();
            let next = match outcome {
                Ok((reply, body)) => {
                    if let Body::Text(text) = &body {
                        output.clone_from(text);
                    }
                    call.reply(&reply, body, random)
                }
                Err(err) => call.fail(err, random),
            };
            match next {
                Next::Done => break,
                Next::Retry(delay) => {
                    if http::sleep(delay, caller).await.is_err() {
                        call.abort();
                        break;
                    }
                    call.waited(delay);
                }
            }
        }
        let metadata = call.finish()?;
        // The call checked this text's shape, so the browser's parser reads it.
        let value = if is_blank(&output) {
            js_sys::Object::new().into()
        } else {
            js_sys::JSON::parse(&output).map_err(|_| {
                CognitoError::invalid_response(&HttpReply::default(), "the body is not JSON")
            })?
        };
        Ok((value, metadata))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_checks() {
        let field =
            |config: ClientConfig| Client::new(config).unwrap_err().field().map(str::to_owned);
        assert_eq!(field(ClientConfig::default()).as_deref(), Some("region"));
        let base = || ClientConfig {
            region: Some("eu-west-1".into()),
            ..ClientConfig::default()
        };
        assert_eq!(
            field(ClientConfig {
                max_attempts: Some(0),
                ..base()
            })
            .as_deref(),
            Some("maxAttempts")
        );
        assert_eq!(
            field(ClientConfig {
                max_attempts: Some(11),
                ..base()
            })
            .as_deref(),
            Some("maxAttempts")
        );
        assert_eq!(
            field(ClientConfig {
                timeout_ms: Some(0),
                ..base()
            })
            .as_deref(),
            Some("timeoutMs")
        );
        assert_eq!(
            field(ClientConfig {
                user_agent_suffix: Some("a\nb".into()),
                ..base()
            })
            .as_deref(),
            Some("userAgentSuffix")
        );
        let client = Client::new(ClientConfig {
            user_agent_suffix: Some("demo/1".into()),
            ..base()
        })
        .unwrap();
        assert_eq!(
            client.endpoint(),
            "https://cognito-idp.eu-west-1.amazonaws.com/"
        );
        assert!(
            client.settings.user_agent.starts_with("cognito-verify/")
                && client.settings.user_agent.ends_with(" demo/1")
        );
        assert_eq!(client.settings.max_attempts, 3);
        assert_eq!(client.settings.timeout_ms, 10_000);
    }
}
