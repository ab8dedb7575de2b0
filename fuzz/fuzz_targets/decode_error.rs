//! Error replies: any status, header and body decode to an error with a name, never a panic, and
//! a name is always cleaned as the AWS SDKs clean it.
#![no_main]

use cognito_verify::fuzzing::decode_error;
use cognito_verify::ErrorKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&status, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let (header, body) = text.split_once('\n').unwrap_or(("", &text));
    let status = 300 + u16::from(status) * 2;
    let err = decode_error(status, (!header.is_empty()).then(|| header.to_owned()), body);
    assert!(!err.name().is_empty());
    assert_eq!(err.metadata().http_status_code, Some(status));
    if err.kind() == ErrorKind::Service {
        assert!(!err.name().contains([':', '#', ',']), "unsanitized name {:?}", err.name());
        assert!(!(err.is_retryable() && err.name() == "LimitExceededException"));
    }
});
