//! Input checks: no panic on any string (also as the claims of a JWT access token), the same verdict
//! on both faces, and an accepted region or endpoint can only ever send the token to the host it
//! names.
#![no_main]

use cognito_verify::fuzzing::*;
use cognito_verify::*;
use libfuzzer_sys::fuzz_target;
use serde_json::json;

/// A JWT whose payload is `claims`, base64url-encoded.
fn jwt(claims: &str) -> String {
    const TABLE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut encoded = String::new();
    for chunk in claims.as_bytes().chunks(3) {
        let n = chunk.iter().fold(0u32, |n, &b| n << 8 | u32::from(b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            encoded.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    format!("eyJhbGciOiJub25lIn0.{encoded}.c2ln")
}

fuzz_target!(|text: &str| {
    if let Ok(url) = resolve_endpoint(Some(text), None, false) {
        assert_eq!(url, format!("https://cognito-idp.{text}.amazonaws{}/", if text.starts_with("cn-") { ".com.cn" } else { ".com" }));
        assert!(text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
    }
    if check_custom_endpoint(text).is_ok() {
        assert!(!text.contains(['@', '#', '?', '\\', ' ']), "{text:?}");
        assert!(text.starts_with("https://") || text.starts_with("http://"));
    }
    let _ = sanitize_error_name(text);
    let cases = [
        (prepare_request(&GetUserRequest { access_token: text.into() }), "GetUser", json!({"AccessToken": text})),
        (
            prepare_request(&VerifyUserAttributeRequest { access_token: "a.b.c".into(), attribute_name: text.into(), code: text.into() }),
            "VerifyUserAttribute",
            json!({"AccessToken": "a.b.c", "AttributeName": text, "Code": text}),
        ),
        (
            prepare_request(&InitiateAuthRequest { client_id: text.into(), ..Default::default() }),
            "InitiateAuth",
            json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": text, "AuthParameters": {}}),
        ),
        (
            prepare_request(&GetUserRequest { access_token: jwt(text) }),
            "GetUser",
            json!({"AccessToken": jwt(text)}),
        ),
        (
            prepare_request(&SignUpRequest {
                client_id: "abc".into(),
                username: text.into(),
                password: Some(text.into()),
                secret_hash: Some(text.into()),
                ..Default::default()
            }),
            "SignUp",
            json!({"ClientId": "abc", "Username": text, "Password": text, "SecretHash": text}),
        ),
        (
            prepare_request(&RespondToAuthChallengeRequest {
                client_id: "abc".into(),
                challenge_name: ChallengeNameType::SMS_MFA,
                session: text.into(),
                challenge_responses: [("USERNAME".to_owned(), text.to_owned()), ("SMS_MFA_CODE".to_owned(), text.to_owned())].into(),
                client_metadata: None,
            }),
            "RespondToAuthChallenge",
            json!({"ClientId": "abc", "ChallengeName": "SMS_MFA", "Session": text, "ChallengeResponses": {"SMS_MFA_CODE": text, "USERNAME": text}}),
        ),
        (
            prepare_request(&GetTokensFromRefreshTokenRequest {
                refresh_token: text.into(),
                client_id: "abc".into(),
                client_secret: Some(text.into()),
                device_key: Some(text.into()),
                client_metadata: None,
            }),
            "GetTokensFromRefreshToken",
            json!({"RefreshToken": text, "ClientId": "abc", "ClientSecret": text, "DeviceKey": text}),
        ),
        (
            prepare_request(&UpdateUserAttributesRequest {
                access_token: "a.b.c".into(),
                user_attributes: vec![AttributeType { name: text.into(), value: text.into() }],
                client_metadata: None,
            }),
            "UpdateUserAttributes",
            json!({"AccessToken": "a.b.c", "UserAttributes": [{"Name": text, "Value": text}]}),
        ),
    ];
    for (rust, name, input) in cases {
        assert_eq!(Some(&rust), prepare_json(name, &input.to_string()).as_ref(), "{name}: both faces agree");
        if let Err((field, message)) = rust {
            assert!(!field.is_empty());
            assert!(message.len() < 200, "messages never echo the input");
        }
    }
});
