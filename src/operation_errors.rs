//! A typed error per operation, in the spirit of aws-sdk-rust: one arm per documented exception,
//! one per client-side failure, and `Unhandled` for any other service error (its name kept).

use crate::error::{CognitoError, ErrorKind};
use std::fmt;

macro_rules! operation_error {
    ($(#[$doc:meta])* $name:ident { $($exception:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = concat!("The service's `", stringify!($exception), "`.")]
                $exception(CognitoError),
            )*
            /// Bad input, caught before sending.
            ValidationError(CognitoError),
            /// fetch failed: offline, DNS, TLS or CORS.
            NetworkError(CognitoError),
            /// No response within the timeout.
            TimeoutError(CognitoError),
            /// The caller's abort signal fired.
            AbortError(CognitoError),
            /// A reply that is not what the operation returns.
            InvalidResponseError(CognitoError),
            /// Any other service exception; `code()` gives its name.
            Unhandled(CognitoError),
        }

        impl From<CognitoError> for $name {
            fn from(err: CognitoError) -> Self {
                if err.kind() == ErrorKind::Service {
                    match err.name() {
                        $(stringify!($exception) => return $name::$exception(err),)*
                        _ => return $name::Unhandled(err),
                    }
                }
                match err.kind() {
                    ErrorKind::Validation => $name::ValidationError(err),
                    ErrorKind::Network => $name::NetworkError(err),
                    ErrorKind::Timeout => $name::TimeoutError(err),
                    ErrorKind::Abort => $name::AbortError(err),
                    _ => $name::InvalidResponseError(err),
                }
            }
        }

        impl $name {
            /// The error with all its details.
            pub fn inner(&self) -> &CognitoError {
                match self {
                    $($name::$exception(e))|* => e,
                    $name::ValidationError(e)
                    | $name::NetworkError(e)
                    | $name::TimeoutError(e)
                    | $name::AbortError(e)
                    | $name::InvalidResponseError(e)
                    | $name::Unhandled(e) => e,
                }
            }

            /// Unwraps the error.
            pub fn into_inner(self) -> CognitoError {
                match self {
                    $($name::$exception(e))|* => e,
                    $name::ValidationError(e)
                    | $name::NetworkError(e)
                    | $name::TimeoutError(e)
                    | $name::AbortError(e)
                    | $name::InvalidResponseError(e)
                    | $name::Unhandled(e) => e,
                }
            }

            /// The AWS exception name or client-side name.
            pub fn code(&self) -> &str {
                self.inner().name()
            }

            /// The message.
            pub fn message(&self) -> &str {
                self.inner().message()
            }

            /// The request id, if a response arrived.
            pub fn request_id(&self) -> Option<&str> {
                self.inner().request_id()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self.inner(), f)
            }
        }

        impl std::error::Error for $name {}
    };
}

operation_error!(
    /// Errors of `GetUserAttributeVerificationCode`: its 17 documented exceptions.
    GetUserAttributeVerificationCodeError {
        CodeDeliveryFailureException,
        ForbiddenException,
        InternalErrorException,
        InvalidEmailRoleAccessPolicyException,
        InvalidLambdaResponseException,
        InvalidParameterException,
        InvalidSmsRoleAccessPolicyException,
        InvalidSmsRoleTrustRelationshipException,
        LimitExceededException,
        NotAuthorizedException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UnexpectedLambdaException,
        UserLambdaValidationException,
        UserNotConfirmedException,
        UserNotFoundException,
    }
);

operation_error!(
    /// Errors of `VerifyUserAttribute`.
    VerifyUserAttributeError {
        AliasExistsException,
        CodeMismatchException,
        ExpiredCodeException,
        ForbiddenException,
        InternalErrorException,
        InvalidParameterException,
        LimitExceededException,
        NotAuthorizedException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UserNotConfirmedException,
        UserNotFoundException,
    }
);

operation_error!(
    /// Errors of `GetUser`.
    GetUserError {
        ForbiddenException,
        InternalErrorException,
        InvalidParameterException,
        NotAuthorizedException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UserNotConfirmedException,
        UserNotFoundException,
    }
);

operation_error!(
    /// Errors of `UpdateUserAttributes`.
    UpdateUserAttributesError {
        AliasExistsException,
        CodeDeliveryFailureException,
        CodeMismatchException,
        ExpiredCodeException,
        ForbiddenException,
        InternalErrorException,
        InvalidEmailRoleAccessPolicyException,
        InvalidLambdaResponseException,
        InvalidParameterException,
        InvalidSmsRoleAccessPolicyException,
        InvalidSmsRoleTrustRelationshipException,
        NotAuthorizedException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UnexpectedLambdaException,
        UserLambdaValidationException,
        UserNotConfirmedException,
        UserNotFoundException,
    }
);

operation_error!(
    /// Errors of `InitiateAuth`.
    InitiateAuthError {
        ForbiddenException,
        InternalErrorException,
        InvalidEmailRoleAccessPolicyException,
        InvalidLambdaResponseException,
        InvalidParameterException,
        InvalidSmsRoleAccessPolicyException,
        InvalidSmsRoleTrustRelationshipException,
        InvalidUserPoolConfigurationException,
        MFAMethodNotFoundException,
        NotAuthorizedException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UnexpectedLambdaException,
        UnsupportedOperationException,
        UserLambdaValidationException,
        UserNotConfirmedException,
        UserNotFoundException,
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::HttpReply;
    use crate::validate::ValidationError;

    fn service(name: &str) -> CognitoError {
        let reply = HttpReply {
            status: 400,
            error_type: Some(name.into()),
            request_id: Some("r".into()),
        };
        CognitoError::from_reply(&reply, None)
    }

    #[test]
    fn all_17_documented_exceptions_have_an_arm() {
        let names = [
            "ResourceNotFoundException",
            "InvalidParameterException",
            "TooManyRequestsException",
            "NotAuthorizedException",
            "UnexpectedLambdaException",
            "UserLambdaValidationException",
            "InvalidLambdaResponseException",
            "InvalidSmsRoleAccessPolicyException",
            "InvalidSmsRoleTrustRelationshipException",
            "InvalidEmailRoleAccessPolicyException",
            "CodeDeliveryFailureException",
            "LimitExceededException",
            "PasswordResetRequiredException",
            "UserNotFoundException",
            "UserNotConfirmedException",
            "InternalErrorException",
            "ForbiddenException",
        ];
        assert_eq!(names.len(), 17);
        for name in names {
            let err = GetUserAttributeVerificationCodeError::from(service(name));
            assert!(
                !matches!(err, GetUserAttributeVerificationCodeError::Unhandled(_)),
                "{name}"
            );
            assert_eq!(err.code(), name);
            assert_eq!(err.request_id(), Some("r"));
        }
    }

    #[test]
    fn maps_arms() {
        assert!(matches!(
            VerifyUserAttributeError::from(service("CodeMismatchException")),
            VerifyUserAttributeError::CodeMismatchException(_)
        ));
        assert!(matches!(
            VerifyUserAttributeError::from(service("ExpiredCodeException")),
            VerifyUserAttributeError::ExpiredCodeException(_)
        ));
        assert!(matches!(
            UpdateUserAttributesError::from(service("AliasExistsException")),
            UpdateUserAttributesError::AliasExistsException(_)
        ));
        let unknown = GetUserError::from(service("ShinyNewException"));
        assert!(matches!(unknown, GetUserError::Unhandled(_)));
        assert_eq!(unknown.code(), "ShinyNewException");
        assert!(matches!(
            GetUserError::from(CognitoError::timeout(1)),
            GetUserError::TimeoutError(_)
        ));
        assert!(matches!(
            GetUserError::from(CognitoError::aborted()),
            GetUserError::AbortError(_)
        ));
        assert!(matches!(
            GetUserError::from(CognitoError::network("x")),
            GetUserError::NetworkError(_)
        ));
        let v = InitiateAuthError::from(CognitoError::validation(ValidationError::new(
            "ClientId", "bad",
        )));
        assert!(matches!(v, InitiateAuthError::ValidationError(_)));
        assert_eq!(v.to_string(), "ValidationError: ClientId bad");
    }
}
