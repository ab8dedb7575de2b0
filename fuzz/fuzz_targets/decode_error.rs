//! Error replies: any status, header and body decode to an error with a name, never a panic.
#![no_main]

use cognito_verify::{CognitoError, ErrorBody, ErrorKind, HttpReply};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&status, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let (header, body) = text.split_once('\n').unwrap_or(("", &text));
    let reply = HttpReply {
        status: 400 + u16::from(status % 200),
        error_type: (!header.is_empty()).then(|| header.to_owned()),
        request_id: Some("fuzz".into()),
    };
    let parsed: Option<ErrorBody> = serde_json::from_str(body).ok();
    let err = CognitoError::from_reply(&reply, parsed);
    assert!(!err.name().is_empty());
    assert_eq!(err.metadata().http_status_code, Some(reply.status));
    if err.kind() == ErrorKind::Service {
        assert!(!err.name().contains([':', '#', ',']), "unsanitized name {:?}", err.name());
        assert!(!(err.is_retryable() && err.name() == "LimitExceededException"));
    }
});
