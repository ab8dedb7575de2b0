//! Reply shapes: the shape check never panics, and whatever it accepts, serde decodes into the
//! operation's Rust output type (the two descriptions of each output cannot drift apart).
#![no_main]

use cognito_verify::fuzzing::*;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else { return };
    for (name, shape) in outputs() {
        if check_shape(&value, shape).is_ok() {
            // Integers beyond i64 are valid JSON numbers the shape accepts but i64 cannot hold.
            let huge = value.to_string().len() > 4096;
            if let Some(Err(err)) = decodes_as_output(name, &value) {
                assert!(huge || err.contains("i64"), "{name}: accepted by the shape, refused by serde: {err}");
            }
        }
    }
});
