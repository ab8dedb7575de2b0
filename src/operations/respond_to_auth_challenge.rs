//! `RespondToAuthChallenge`: answers the challenge a sign-in returned (a new password, a code sent
//! by SMS or email, an authenticator app's code, the choice of MFA method); the reply is tokens or
//! the next challenge.

use crate::core::declaration::{
    optional, required, Declaration, KeysBy, MapRule, Repeat, Rule, Text, STRING_MAP,
};
use crate::model::{StringMap, SIGN_IN_STEP};
use serde::Serialize;
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "RespondToAuthChallenge",
    input: &[
        required("ClientId", Rule::Text(Text::ClientId)),
        required(
            "ChallengeName",
            Rule::OneOf(&[
                "NEW_PASSWORD_REQUIRED",
                "SMS_MFA",
                "EMAIL_OTP",
                "SOFTWARE_TOKEN_MFA",
                "SELECT_MFA_TYPE",
            ]),
        ),
        required("Session", Rule::Text(Text::Session)).secret(),
        required(
            "ChallengeResponses",
            Rule::Map(&MapRule {
                secret_keys: &[
                    "NEW_PASSWORD",
                    "SMS_MFA_CODE",
                    "EMAIL_OTP_CODE",
                    "SOFTWARE_TOKEN_MFA_CODE",
                    "SECRET_HASH",
                ],
                required_keys: Some(KeysBy {
                    field: "ChallengeName",
                    cases: &[
                        ("NEW_PASSWORD_REQUIRED", &["USERNAME", "NEW_PASSWORD"]),
                        ("SMS_MFA", &["USERNAME", "SMS_MFA_CODE"]),
                        ("EMAIL_OTP", &["USERNAME", "EMAIL_OTP_CODE"]),
                        ("SOFTWARE_TOKEN_MFA", &["USERNAME", "SOFTWARE_TOKEN_MFA_CODE"]),
                        ("SELECT_MFA_TYPE", &["USERNAME", "ANSWER"]),
                    ],
                }),
            }),
        ),
        optional("ClientMetadata", STRING_MAP),
    ],
    output: &SIGN_IN_STEP,
    // It checks a code or sets a password, and uses up the session: a second request after one
    // that worked fails (`NotAuthorizedException`: invalid session) and hides the tokens.
    repeat: Repeat::Once,
};

/// The challenges this client answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[allow(non_camel_case_types)]
pub enum ChallengeNameType {
    /// A new password, after an administrator created the user (`ChallengeResponses`:
    /// `USERNAME`, `NEW_PASSWORD`, and any required attributes as `userAttributes.<name>`).
    #[default]
    NEW_PASSWORD_REQUIRED,
    /// The code sent by SMS (`USERNAME`, `SMS_MFA_CODE`).
    SMS_MFA,
    /// The code sent by email (`USERNAME`, `EMAIL_OTP_CODE`).
    EMAIL_OTP,
    /// The code of an authenticator app (`USERNAME`, `SOFTWARE_TOKEN_MFA_CODE`).
    SOFTWARE_TOKEN_MFA,
    /// The MFA method to use (`USERNAME`, `ANSWER`: `SMS_MFA`, `EMAIL_OTP` or
    /// `SOFTWARE_TOKEN_MFA`).
    SELECT_MFA_TYPE,
}

/// `RespondToAuthChallenge` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct RespondToAuthChallengeRequest {
    /// The app client id.
    pub client_id: String,
    /// The `ChallengeName` of the previous step's reply.
    pub challenge_name: ChallengeNameType,
    /// The `Session` of the previous step's reply.
    pub session: String,
    /// The answer: `USERNAME` and the challenge's own keys (see [`ChallengeNameType`]), plus
    /// `SECRET_HASH` for an app client with a secret.
    #[cfg_attr(feature = "npm", tsify(type = "Record<string, string>"))]
    pub challenge_responses: StringMap,
    /// Passed to the Lambda triggers; not stored, not encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "npm", tsify(type = "Record<string, string>"))]
    pub client_metadata: Option<StringMap>,
}

sign_in_step!(
    /// `RespondToAuthChallenge` output: tokens, or the next challenge.
    RespondToAuthChallengeResponse
);

operation_error!(
    /// Errors of `RespondToAuthChallenge`.
    RespondToAuthChallengeError {
        AliasExistsException,
        CodeMismatchException,
        ExpiredCodeException,
        ForbiddenException,
        InternalErrorException,
        InvalidEmailRoleAccessPolicyException,
        InvalidLambdaResponseException,
        InvalidParameterException,
        InvalidPasswordException,
        InvalidSmsRoleAccessPolicyException,
        InvalidSmsRoleTrustRelationshipException,
        InvalidUserPoolConfigurationException,
        MFAMethodNotFoundException,
        NotAuthorizedException,
        OperationNotEnabledException,
        PasswordHistoryPolicyViolationException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        SoftwareTokenMFANotFoundException,
        TooManyRequestsException,
        UnexpectedLambdaException,
        UserLambdaValidationException,
        UserNotConfirmedException,
        UserNotFoundException,
    }
);

operation!(
    RespondToAuthChallengeRequest => RespondToAuthChallengeResponse, RespondToAuthChallengeError,
    npm "respondToAuthChallenge", "Answers a sign-in challenge (new password, SMS, email or authenticator code, MFA choice)."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shape::tests::agree;
    use crate::operations::tests::{body, invalid, npm_body};
    use serde_json::json;

    const SESSION: &str = "AYABeEXAMPLEs3ssion0123";

    fn answer(challenge: ChallengeNameType, pairs: &[(&str, &str)]) -> RespondToAuthChallengeRequest {
        RespondToAuthChallengeRequest {
            client_id: "abc".into(),
            challenge_name: challenge,
            session: SESSION.into(),
            challenge_responses: pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            client_metadata: None,
        }
    }

    #[test]
    fn both_faces_encode_the_same_body() {
        let input = answer(ChallengeNameType::EMAIL_OTP, &[("USERNAME", "ana"), ("EMAIL_OTP_CODE", "12345678")]);
        let expected = json!({"ClientId": "abc", "ChallengeName": "EMAIL_OTP", "Session": SESSION, "ChallengeResponses": {"EMAIL_OTP_CODE": "12345678", "USERNAME": "ana"}});
        assert_eq!(body(&input), expected);
        let text = format!(r#"{{"ChallengeResponses":{{"USERNAME":"ana","EMAIL_OTP_CODE":"12345678"}},"Session":"{SESSION}","ChallengeName":"EMAIL_OTP","ClientId":"abc"}}"#);
        assert_eq!(npm_body::<RespondToAuthChallengeRequest>(&text), Ok(expected));
    }

    #[test]
    fn each_challenge_needs_its_answer() {
        use ChallengeNameType::*;
        for (challenge, key) in [
            (NEW_PASSWORD_REQUIRED, "NEW_PASSWORD"),
            (SMS_MFA, "SMS_MFA_CODE"),
            (EMAIL_OTP, "EMAIL_OTP_CODE"),
            (SOFTWARE_TOKEN_MFA, "SOFTWARE_TOKEN_MFA_CODE"),
            (SELECT_MFA_TYPE, "ANSWER"),
        ] {
            let whole = answer(challenge, &[("USERNAME", "ana"), (key, "x")]);
            let request = crate::operations::prepare(&whole).ok().unwrap();
            assert!(!request.repeatable);
            let secret = key != "ANSWER";
            assert_eq!(request.secrets, if secret { vec![SESSION, "x"] } else { vec![SESSION] }, "{key}");
            assert_eq!(invalid(&answer(challenge, &[("USERNAME", "ana")])), format!("ChallengeResponses.{key}"));
            assert_eq!(invalid(&answer(challenge, &[(key, "x")])), "ChallengeResponses.USERNAME");
            let shown = format!("{whole:?}");
            assert_eq!(shown.contains(r#""x""#), !secret, "{shown}");
            assert!(!shown.contains(SESSION), "{shown}");
        }
    }

    #[test]
    fn rules() {
        let short = RespondToAuthChallengeRequest {
            session: "s".into(),
            ..answer(ChallengeNameType::SMS_MFA, &[("USERNAME", "ana"), ("SMS_MFA_CODE", "1")])
        };
        assert_eq!(invalid(&short), "Session");
        for (text, field) in [
            (format!(r#"{{"ClientId":"abc","ChallengeName":"PASSWORD_VERIFIER","Session":"{SESSION}","ChallengeResponses":{{}}}}"#), "ChallengeName"),
            (format!(r#"{{"ClientId":"abc","ChallengeName":"SMS_MFA","Session":"{SESSION}"}}"#), "ChallengeResponses"),
            (r#"{"ClientId":"abc","ChallengeName":"SMS_MFA","ChallengeResponses":{"USERNAME":"a","SMS_MFA_CODE":"1"}}"#.to_owned(), "Session"),
        ] {
            assert_eq!(npm_body::<RespondToAuthChallengeRequest>(&text), Err(field.to_owned()), "{text}");
        }
    }

    #[test]
    fn output_shape_and_type_agree_and_debug_hides_tokens_and_session() {
        let out: RespondToAuthChallengeResponse = agree(
            DECLARATION.output,
            r#"{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"n3xt-session-0123456789","ChallengeParameters":{"USER_ID_FOR_SRP":"ana"}}"#,
        )
        .unwrap();
        assert_eq!(out.challenge_name.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
        let done: RespondToAuthChallengeResponse = agree(
            DECLARATION.output,
            r#"{"AuthenticationResult":{"AccessToken":"acc3ss","RefreshToken":"r3fresh","IdToken":"id3ntity","ExpiresIn":3600},"ChallengeParameters":{}}"#,
        )
        .unwrap();
        for shown in [format!("{out:?}"), format!("{done:?}")] {
            for secret in ["n3xt", "acc3ss", "r3fresh", "id3ntity"] {
                assert!(!shown.contains(secret), "{shown}");
            }
        }
        assert!(format!("{done:?}").contains("3600"));
        assert!(agree::<RespondToAuthChallengeResponse>(DECLARATION.output, r#"{"Session":["s"]}"#).is_err());
    }

    #[test]
    fn every_challenge_of_the_type_is_a_declared_value() {
        let Rule::OneOf(values) = &DECLARATION.input[1].rule else {
            panic!("ChallengeName is a list of values");
        };
        use ChallengeNameType::*;
        for challenge in [NEW_PASSWORD_REQUIRED, SMS_MFA, EMAIL_OTP, SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE] {
            let crate::core::json::Value::String(name) = crate::core::json::to_value(&challenge).unwrap() else {
                panic!("a challenge is a string");
            };
            assert!(values.contains(&name.as_str()), "{name}");
        }
    }
}
