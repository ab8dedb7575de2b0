//! Request bodies: any strings encode to JSON that parses back to exactly those strings.
#![no_main]

use cognito_verify::*;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|parts: (String, String, Vec<(String, String)>)| {
    let (token, name, pairs) = parts;
    let metadata: StringMap = pairs.into_iter().collect();
    let request = GetUserAttributeVerificationCodeRequest {
        access_token: token.clone(),
        attribute_name: name.clone(),
        client_metadata: Some(metadata.clone()),
    };
    let body: Value = serde_json::from_str(&request.encode()).expect("valid JSON");
    assert_eq!(body["AccessToken"], token.as_str());
    assert_eq!(body["AttributeName"], name.as_str());
    let decoded: StringMap = serde_json::from_value(body["ClientMetadata"].clone()).unwrap();
    assert_eq!(decoded, metadata);
});
