//! The typed error of each operation, in the spirit of aws-sdk-rust: one arm per documented
//! exception, one per client-side failure, and `Unhandled` for any other service error (its name
//! kept). Each operation's file invokes [`operation_error!`] with the exceptions its API reference
//! page lists.

/// Declares an operation's error enum with the exceptions it lists.
macro_rules! operation_error {
    ($(#[$doc:meta])* $name:ident { $($exception:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = concat!("The service's `", stringify!($exception), "`.")]
                $exception($crate::CognitoError),
            )*
            /// Bad input, caught before sending.
            ValidationError($crate::CognitoError),
            /// fetch failed: offline, DNS, TLS or CORS.
            NetworkError($crate::CognitoError),
            /// No response within the timeout.
            TimeoutError($crate::CognitoError),
            /// The caller's abort signal fired.
            AbortError($crate::CognitoError),
            /// A reply that is not what the operation returns.
            InvalidResponseError($crate::CognitoError),
            /// This target cannot make calls: the client sends with the browser's fetch.
            UnsupportedRuntimeError($crate::CognitoError),
            /// Any other service exception; `code()` gives its name.
            Unhandled($crate::CognitoError),
        }

        impl From<$crate::CognitoError> for $name {
            fn from(err: $crate::CognitoError) -> Self {
                if err.kind() == $crate::ErrorKind::Service {
                    match err.name() {
                        $(stringify!($exception) => return $name::$exception(err),)*
                        _ => return $name::Unhandled(err),
                    }
                }
                match err.kind() {
                    $crate::ErrorKind::Validation => $name::ValidationError(err),
                    $crate::ErrorKind::Network => $name::NetworkError(err),
                    $crate::ErrorKind::Timeout => $name::TimeoutError(err),
                    $crate::ErrorKind::Abort => $name::AbortError(err),
                    $crate::ErrorKind::UnsupportedRuntime => $name::UnsupportedRuntimeError(err),
                    _ => $name::InvalidResponseError(err),
                }
            }
        }

        impl $name {
            /// The error with all its details.
            pub fn inner(&self) -> &$crate::CognitoError {
                match self {
                    $($name::$exception(e))|* => e,
                    $name::ValidationError(e)
                    | $name::NetworkError(e)
                    | $name::TimeoutError(e)
                    | $name::AbortError(e)
                    | $name::InvalidResponseError(e)
                    | $name::UnsupportedRuntimeError(e)
                    | $name::Unhandled(e) => e,
                }
            }

            /// Unwraps the error.
            pub fn into_inner(self) -> $crate::CognitoError {
                match self {
                    $($name::$exception(e))|* => e,
                    $name::ValidationError(e)
                    | $name::NetworkError(e)
                    | $name::TimeoutError(e)
                    | $name::AbortError(e)
                    | $name::InvalidResponseError(e)
                    | $name::UnsupportedRuntimeError(e)
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

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.inner(), f)
            }
        }

        impl std::error::Error for $name {}
    };
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::core::reply::{service_error, HttpReply};
    use crate::core::validate::ValidationError;
    use crate::operations::*;
    use crate::CognitoError;

    /// A service error as a reply with `x-amzn-ErrorType: name` decodes.
    pub(crate) fn service(name: &str) -> CognitoError {
        let reply = HttpReply {
            status: 400,
            error_type: Some(name.into()),
            request_id: Some("r".into()),
        };
        service_error(&reply, [None, None], None)
    }

    #[test]
    fn maps_arms() {
        assert!(matches!(
            VerifyUserAttributeError::from(service("CodeMismatchException")),
            VerifyUserAttributeError::CodeMismatchException(_)
        ));
        let unknown = GetUserError::from(service("ShinyNewException"));
        assert!(matches!(unknown, GetUserError::Unhandled(_)));
        assert_eq!(unknown.code(), "ShinyNewException");
        assert_eq!(unknown.request_id(), Some("r"));
        for (err, arm) in [
            (CognitoError::timeout(1), "TimeoutError"),
            (CognitoError::aborted(), "AbortError"),
            (CognitoError::network("x"), "NetworkError"),
        ] {
            let typed = GetUserError::from(err.clone());
            assert_eq!(typed.code(), arm);
            assert_eq!(typed.clone().into_inner(), err);
            assert!(format!("{typed:?}").starts_with(arm));
        }
        let v = InitiateAuthError::from(CognitoError::validation(ValidationError::new(
            "ClientId", "bad",
        )));
        assert!(matches!(v, InitiateAuthError::ValidationError(_)));
        assert_eq!(v.to_string(), "ValidationError: ClientId bad");
        assert_eq!(v.message(), "ClientId bad");
    }
}
