//! Request bodies: any strings the rules accept encode to JSON that parses back to exactly those
//! strings, on both faces (the Rust request type and the npm entry's JSON of it).
#![no_main]

use cognito_verify::fuzzing::{prepare_json, prepare_request};
use cognito_verify::*;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

fuzz_target!(|parts: (String, Vec<(String, String)>)| {
    let (value, pairs) = parts;
    let metadata: StringMap = pairs.into_iter().collect();
    let request = UpdateUserAttributesRequest {
        access_token: "a.b.c".into(),
        user_attributes: vec![AttributeType { name: "nickname".into(), value: value.clone() }],
        client_metadata: Some(metadata.clone()),
    };
    let rust = prepare_request(&request);
    let input = json!({"AccessToken": "a.b.c", "UserAttributes": [{"Name": "nickname", "Value": value}], "ClientMetadata": metadata});
    let npm = prepare_json("UpdateUserAttributes", &input.to_string()).expect("a known operation");
    assert_eq!(rust, npm, "both faces agree");
    let Ok(body) = rust else { return };
    let body: Value = serde_json::from_str(&body).expect("valid JSON");
    assert_eq!(body["UserAttributes"][0]["Value"], value.as_str());
    let decoded: StringMap = serde_json::from_value(body["ClientMetadata"].clone()).unwrap();
    assert_eq!(decoded, metadata);
});
