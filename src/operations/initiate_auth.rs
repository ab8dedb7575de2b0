//! `InitiateAuth`: signs in with a password (`USER_PASSWORD_AUTH`) or refreshes the tokens
//! (`REFRESH_TOKEN_AUTH`).

use crate::core::declaration::{Text, 
    optional, required, Declaration, KeysBy, MapRule, Repeat, Rule, STRING_MAP,
};
use crate::model::{StringMap, SIGN_IN_STEP};
use serde::Serialize;
#[cfg(feature = "npm")]
use tsify::Tsify;

/// The operation, declared once for both faces.
pub(crate) static DECLARATION: Declaration = Declaration {
    name: "InitiateAuth",
    input: &[
        required(
            "AuthFlow",
            Rule::OneOf(&["USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH"]),
        ),
        required("ClientId", Rule::Text(Text::ClientId)),
        required(
            "AuthParameters",
            Rule::Map(&MapRule {
                secret_keys: &["PASSWORD", "REFRESH_TOKEN", "SECRET_HASH"],
                required_keys: Some(KeysBy {
                    field: "AuthFlow",
                    cases: &[
                        ("USER_PASSWORD_AUTH", &["USERNAME", "PASSWORD"]),
                        ("REFRESH_TOKEN_AUTH", &["REFRESH_TOKEN"]),
                    ],
                }),
            }),
        ),
        optional("ClientMetadata", STRING_MAP),
    ],
    output: &SIGN_IN_STEP,
    // A password sign-in checks the password (a failed count, another MFA code): it is not sent
    // twice. A refresh is harmless to repeat (without rotation; GetTokensFromRefreshToken decides
    // for rotated tokens).
    repeat: Repeat::SafeWhen {
        field: "AuthFlow",
        values: &["REFRESH_TOKEN_AUTH"],
    },
};

/// The sign-in flows this client supports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
pub enum AuthFlow {
    /// Username and password sent over TLS (`AuthParameters`: `USERNAME`, `PASSWORD`).
    #[default]
    #[allow(non_camel_case_types)]
    USER_PASSWORD_AUTH,
    /// A refresh token exchanged for new tokens (`AuthParameters`: `REFRESH_TOKEN`).
    #[allow(non_camel_case_types)]
    REFRESH_TOKEN_AUTH,
}

/// `InitiateAuth` input.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "npm", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthRequest {
    /// `USER_PASSWORD_AUTH` or `REFRESH_TOKEN_AUTH`.
    pub auth_flow: AuthFlow,
    /// The app client id (a public client: no secret).
    pub client_id: String,
    /// `USERNAME` + `PASSWORD`, or `REFRESH_TOKEN` (+ `SECRET_HASH` / `DEVICE_KEY` where used).
    #[cfg_attr(feature = "npm", tsify(type = "Record<string, string>"))]
    pub auth_parameters: StringMap,
    /// Passed to the Lambda triggers.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "npm", tsify(type = "Record<string, string>"))]
    pub client_metadata: Option<StringMap>,
}

sign_in_step!(
    /// `InitiateAuth` output: tokens, or a challenge to answer.
    InitiateAuthResponse
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

operation!(
    InitiateAuthRequest => InitiateAuthResponse, InitiateAuthError,
    npm "initiateAuth", "Signs in (`USER_PASSWORD_AUTH`) or refreshes tokens (`REFRESH_TOKEN_AUTH`)."
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::request::prepare;
    use crate::core::shape::tests::agree;
    use crate::operations::tests::{body, invalid, npm_body};
    use serde_json::json;

    fn password_sign_in() -> InitiateAuthRequest {
        let mut params = StringMap::new();
        params.insert("USERNAME".into(), "u".into());
        params.insert("PASSWORD".into(), "p\"w".into());
        InitiateAuthRequest {
            auth_flow: AuthFlow::USER_PASSWORD_AUTH,
            client_id: "abc".into(),
            auth_parameters: params,
            client_metadata: None,
        }
    }

    #[test]
    fn both_faces_encode_the_same_body() {
        let expected = json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "abc", "AuthParameters": {"PASSWORD": "p\"w", "USERNAME": "u"}});
        assert_eq!(body(&password_sign_in()), expected);
        let text = r#"{"AuthParameters":{"USERNAME":"u","PASSWORD":"p\"w"},"ClientId":"abc","AuthFlow":"USER_PASSWORD_AUTH"}"#;
        assert_eq!(npm_body::<InitiateAuthRequest>(text), Ok(expected));
    }

    #[test]
    fn the_password_and_refresh_token_are_secrets() {
        let request = crate::operations::prepare(&password_sign_in()).ok().unwrap();
        assert_eq!(request.secrets, ["p\"w"]);
        let text = r#"{"AuthFlow":"REFRESH_TOKEN_AUTH","ClientId":"abc","AuthParameters":{"REFRESH_TOKEN":"r.e.f","SECRET_HASH":"h4sh","DEVICE_KEY":"d"}}"#;
        let tree = crate::core::json::parse(text);
        let request = prepare(&DECLARATION, tree.as_ref()).ok().unwrap();
        assert_eq!(request.secrets, ["r.e.f", "h4sh"]);
        let shown = format!("{:?}", password_sign_in());
        assert_eq!(
            shown,
            r#"InitiateAuthRequest { AuthFlow: "USER_PASSWORD_AUTH", ClientId: "abc", AuthParameters: {"PASSWORD": "***", "USERNAME": "u"} }"#
        );
    }

    #[test]
    fn a_password_sign_in_is_not_repeated_a_refresh_is() {
        let request = crate::operations::prepare(&password_sign_in()).ok().unwrap();
        assert!(!request.repeatable);
        let mut params = StringMap::new();
        params.insert("REFRESH_TOKEN".into(), "r.e.f".into());
        let refresh = InitiateAuthRequest {
            auth_flow: AuthFlow::REFRESH_TOKEN_AUTH,
            client_id: "abc".into(),
            auth_parameters: params,
            client_metadata: None,
        };
        assert!(crate::operations::prepare(&refresh).ok().unwrap().repeatable);
    }

    #[test]
    fn every_flow_of_the_type_is_a_declared_value() {
        let Rule::OneOf(values) = &DECLARATION.input[0].rule else {
            panic!("AuthFlow is a list of values");
        };
        for flow in [AuthFlow::USER_PASSWORD_AUTH, AuthFlow::REFRESH_TOKEN_AUTH] {
            let crate::core::json::Value::String(name) = crate::core::json::to_value(&flow).unwrap() else {
                panic!("a flow is a string");
            };
            assert!(values.contains(&name.as_str()), "{name}");
        }
    }

    #[test]
    fn rules() {
        let refresh = InitiateAuthRequest {
            auth_flow: AuthFlow::REFRESH_TOKEN_AUTH,
            client_id: "abc".into(),
            ..Default::default()
        };
        assert_eq!(invalid(&refresh), "AuthParameters.REFRESH_TOKEN");
        let bad_client = InitiateAuthRequest {
            client_id: "a-b".into(),
            ..password_sign_in()
        };
        assert_eq!(invalid(&bad_client), "ClientId");
        for (text, field) in [
            (r#"{"AuthFlow":"CUSTOM_AUTH","ClientId":"abc","AuthParameters":{}}"#, "AuthFlow"),
            (r#"{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"abc","AuthParameters":{"USERNAME":"u"}}"#, "AuthParameters.PASSWORD"),
            (r#"{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"abc"}"#, "AuthParameters"),
            (r#"{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"","AuthParameters":{}}"#, "ClientId"),
        ] {
            assert_eq!(npm_body::<InitiateAuthRequest>(text), Err(field.to_owned()), "{text}");
        }
    }

    #[test]
    fn debug_of_the_output_hides_the_session_and_the_tokens() {
        let out: InitiateAuthResponse = serde_json::from_str(
            r#"{"ChallengeName":"SMS_MFA","Session":"s3ssion-secret","AuthenticationResult":{"AccessToken":"t0ken-secret"}}"#,
        )
        .unwrap();
        let shown = format!("{out:?}");
        assert!(!shown.contains("secret") && shown.contains("SMS_MFA"), "{shown}");
    }

    #[test]
    fn output_shape_and_type_agree() {
        let out: InitiateAuthResponse = agree(
            DECLARATION.output,
            r#"{"AuthenticationResult":{"AccessToken":"a","ExpiresIn":3600,"TokenType":"Bearer","NewDeviceMetadata":{"DeviceKey":"k"}},"ChallengeParameters":{}}"#,
        )
        .unwrap();
        assert_eq!(out.authentication_result.unwrap().expires_in, Some(3600));
        agree::<InitiateAuthResponse>(
            DECLARATION.output,
            r#"{"ChallengeName":"SMS_MFA","Session":"s","ChallengeParameters":{"a":"b"}}"#,
        )
        .unwrap();
        assert!(agree::<InitiateAuthResponse>(DECLARATION.output, r#"{"ChallengeParameters":{"a":1}}"#).is_err());
    }
}
