//! Input checks: no panic on any string, the same verdict on both faces, and an accepted region or
//! endpoint can only ever send the token to the host it names.
#![no_main]

use cognito_verify::fuzzing::*;
use cognito_verify::*;
use libfuzzer_sys::fuzz_target;
use serde_json::json;

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
