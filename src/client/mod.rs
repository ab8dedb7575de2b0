//! The Rust API (feature `rust`): a configured client whose async methods run the operations with
//! retries, over the `web-sys` fetch transport in [`fetch`].

mod abort;
mod fetch;
pub(crate) mod flow;

use crate::core::body::Body;
use crate::core::call::{Call, Next};
use crate::core::error::CognitoError;
use crate::core::reply::{is_blank, HttpReply};
use crate::core::request::Prepared;
use crate::core::settings::{check_timeout, Settings};
use crate::operations::sealed::Output as _;
use crate::operations::*;
use std::rc::Rc;
use web_sys::AbortSignal;

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

/// A Cognito user-pools client. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Client {
    settings: Rc<Settings>,
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
        self.send(input, options).await
    }

    /// Verifies an attribute with the code the user received.
    pub async fn verify_user_attribute(
        &self,
        input: &VerifyUserAttributeRequest,
        options: &CallOptions,
    ) -> Result<VerifyUserAttributeResponse, VerifyUserAttributeError> {
        self.send(input, options).await
    }

    /// Reads the signed-in user's attributes.
    pub async fn get_user(
        &self,
        input: &GetUserRequest,
        options: &CallOptions,
    ) -> Result<GetUserResponse, GetUserError> {
        self.send(input, options).await
    }

    /// Changes attributes; changing a verified email or phone sends a code to the new value.
    pub async fn update_user_attributes(
        &self,
        input: &UpdateUserAttributesRequest,
        options: &CallOptions,
    ) -> Result<UpdateUserAttributesResponse, UpdateUserAttributesError> {
        self.send(input, options).await
    }

    /// Signs in with a password or a refresh token.
    pub async fn initiate_auth(
        &self,
        input: &InitiateAuthRequest,
        options: &CallOptions,
    ) -> Result<InitiateAuthResponse, InitiateAuthError> {
        self.send(input, options).await
    }

    /// Registers a new user; the pool sends a code to confirm the account.
    pub async fn sign_up(
        &self,
        input: &SignUpRequest,
        options: &CallOptions,
    ) -> Result<SignUpResponse, SignUpError> {
        self.send(input, options).await
    }

    /// Confirms a new account with the code sent at sign-up.
    pub async fn confirm_sign_up(
        &self,
        input: &ConfirmSignUpRequest,
        options: &CallOptions,
    ) -> Result<ConfirmSignUpResponse, ConfirmSignUpError> {
        self.send(input, options).await
    }

    /// Sends a new sign-up confirmation code.
    pub async fn resend_confirmation_code(
        &self,
        input: &ResendConfirmationCodeRequest,
        options: &CallOptions,
    ) -> Result<ResendConfirmationCodeResponse, ResendConfirmationCodeError> {
        self.send(input, options).await
    }

    /// Answers a sign-in challenge: a new password, a code sent by SMS or email, an
    /// authenticator code, or the choice of MFA method.
    pub async fn respond_to_auth_challenge(
        &self,
        input: &RespondToAuthChallengeRequest,
        options: &CallOptions,
    ) -> Result<RespondToAuthChallengeResponse, RespondToAuthChallengeError> {
        self.send(input, options).await
    }

    /// New tokens for a refresh token; with rotation on, a new refresh token that replaces it.
    pub async fn get_tokens_from_refresh_token(
        &self,
        input: &GetTokensFromRefreshTokenRequest,
        options: &CallOptions,
    ) -> Result<GetTokensFromRefreshTokenResponse, GetTokensFromRefreshTokenError> {
        self.send(input, options).await
    }

    /// Revokes a refresh token and the access and ID tokens issued with it.
    pub async fn revoke_token(
        &self,
        input: &RevokeTokenRequest,
        options: &CallOptions,
    ) -> Result<RevokeTokenResponse, RevokeTokenError> {
        self.send(input, options).await
    }

    /// Signs the user out everywhere: revokes all their refresh tokens.
    pub async fn global_sign_out(
        &self,
        input: &GlobalSignOutRequest,
        options: &CallOptions,
    ) -> Result<GlobalSignOutResponse, GlobalSignOutError> {
        self.send(input, options).await
    }

    /// Runs any operation: validates, then attempts with backoff until success, a non-retryable
    /// error, or `max_attempts`. The typed methods above call this.
    pub async fn send<Op: Operation>(
        &self,
        input: &Op,
        options: &CallOptions,
    ) -> Result<Op::Output, Op::Error> {
        self.send_untyped(input, options).await.map_err(Into::into)
    }

    async fn send_untyped<Op: Operation>(
        &self,
        input: &Op,
        options: &CallOptions,
    ) -> Result<Op::Output, CognitoError> {
        let request = crate::operations::prepare(input)?;
        let (text, metadata) = self.run(request, options).await?;
        // The reply's facts (status, request id, attempts) stay with the error.
        let invalid = || {
            let reply = HttpReply {
                status: metadata.http_status_code.unwrap_or(200),
                error_type: None,
                request_id: metadata.request_id.clone(),
            };
            let mut err = CognitoError::invalid_response(
                &reply,
                "the body does not decode into the output type",
                false,
            );
            err.set_attempts(metadata.attempts, metadata.total_retry_delay);
            err
        };
        // The call checked this text's shape, so the browser's parser reads it.
        let value = if is_blank(&text) {
            js_sys::Object::new().into()
        } else {
            js_sys::JSON::parse(&text).map_err(|_| invalid())?
        };
        let mut output: Op::Output =
            serde_wasm_bindgen::from_value(value).map_err(|_| invalid())?;
        *output.metadata_mut() = metadata;
        Ok(output)
    }

    /// Sends a validated, encoded request: the one (non-generic) attempt loop all operations share.
    /// Answers the successful reply's text and the call's metadata.
    async fn run(
        &self,
        request: Prepared,
        options: &CallOptions,
    ) -> Result<(String, crate::model::ResponseMetadata), CognitoError> {
        let timeout_ms = match options.timeout_ms {
            Some(ms) => check_timeout("options.timeoutMs", ms)?,
            None => self.settings.timeout_ms,
        };
        if !cfg!(target_arch = "wasm32") {
            return Err(CognitoError::unsupported_runtime(
                "cognito-verify calls Cognito with the browser's fetch: built for this target (a server-side render, say), it makes no call",
            ));
        }
        let caller = options.abort_signal.as_ref();
        let mut call = Call::new(request, self.settings.max_attempts);
        let mut output = String::new();
        loop {
            if caller.is_some_and(AbortSignal::aborted) {
                call.abort();
                break;
            }
            let outcome = fetch::post(fetch::Attempt {
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
                    let next = call.reply(&reply, &body, random);
                    if let Body::Text(text) = body {
                        output = text;
                    }
                    next
                }
                Err(err) => call.fail(err, random),
            };
            match next {
                Next::Done => break,
                Next::Retry(delay) => {
                    if abort::sleep(delay, caller).await.is_err() {
                        call.abort();
                        break;
                    }
                    call.waited(delay);
                }
            }
        }
        Ok((output, call.finish()?))
    }
}
