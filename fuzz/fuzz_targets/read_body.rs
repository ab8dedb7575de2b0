//! Reply bodies by the body policy: whatever the bytes and however the stream cuts them, reading
//! never panics; a body taken early is one JSON object, or no text that starts with it is JSON; a
//! body is too large only past the limit; a 2xx body is text exactly when it is UTF-8 (after a
//! byte-order mark that starts it).
#![no_main]

use cognito_verify::fuzzing::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|parts: (Vec<Vec<u8>>, bool, u8)| {
    let (mut chunks, success, grow) = parts;
    // Now and then a chunk past the limit.
    if grow == 255 && !chunks.is_empty() {
        chunks[0].resize(MAX_BODY_BYTES + 1, b' ');
    }
    let slices: Vec<&[u8]> = chunks.iter().map(Vec::as_slice).collect();
    let (taken, whole, body) = read_body(&slices, success);
    let read: Vec<u8> = slices[..taken].concat();
    let bytes = read.strip_prefix(b"\xEF\xBB\xBF").filter(|_| slices.first().is_some_and(|c| c.starts_with(b"\xEF\xBB\xBF"))).unwrap_or(&read);
    if whole {
        assert_eq!(taken, 1, "only a first chunk is taken early");
        if let Some(text) = as_text(bytes) {
            match parse(text) {
                Some(value) => assert!(matches!(value, Value::Object(_)), "{text:?}"),
                // Not JSON: then nothing that starts with it is.
                None => {
                    for more in ["}", "]", "\"}", "]}", "1}", "\"", "0", "}}", " "] {
                        let longer = [text, more].concat();
                        assert!(parse(&longer).is_none(), "{longer:?} is JSON, so {text:?} was taken too early");
                    }
                }
            }
        }
    }
    match body {
        Err("too large") => assert!(read.len() > MAX_BODY_BYTES),
        Err(_) => assert!(success && std::str::from_utf8(bytes).is_err()),
        Ok(text) => {
            assert!(bytes.len() <= MAX_BODY_BYTES);
            match std::str::from_utf8(bytes) {
                Ok(expected) => assert_eq!(text, expected),
                Err(_) => assert!(!success && text.is_empty()),
            }
        }
    }
});
