//! Input checks: no panic on any string, and an accepted region or endpoint can only ever send the
//! token to the host it names.
#![no_main]

use cognito_verify::*;
use libfuzzer_sys::fuzz_target;

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
    let inputs: [Box<dyn Fn() -> Result<(), ValidationError>>; 4] = [
        Box::new(|| GetUserRequest { access_token: text.into() }.validate()),
        Box::new(|| VerifyUserAttributeRequest { access_token: "a.b.c".into(), attribute_name: text.into(), code: text.into() }.validate()),
        Box::new(|| InitiateAuthRequest { client_id: text.into(), ..Default::default() }.validate()),
        Box::new(|| {
            UpdateUserAttributesRequest {
                access_token: "a.b.c".into(),
                user_attributes: vec![AttributeType { name: text.into(), value: text.into() }],
                client_metadata: None,
            }
            .validate()
        }),
    ];
    for check in inputs {
        if let Err(err) = check() {
            assert!(!err.field().is_empty());
            assert!(err.message().len() < 200, "messages never echo the input");
        }
    }
});
