//! Reply shapes: the shape check never panics, and whatever it accepts, serde decodes into the
//! operation's Rust output type (the two descriptions of the outputs cannot drift apart).
#![no_main]

use cognito_verify::*;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn agrees<Op: Operation>(value: &Value)
where
    Op::Output: DeserializeOwned,
{
    if check_shape(value, Op::OUTPUT_SHAPE).is_ok() {
        // Integers beyond i64 are valid JSON numbers the shape accepts but i64 cannot hold.
        let huge = value.to_string().len() > 4096;
        if let Err(err) = serde_json::from_value::<Op::Output>(value.clone()) {
            assert!(huge || err.to_string().contains("i64"), "{} accepted by the shape, refused by serde: {err}", Op::NAME);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else { return };
    agrees::<GetUserAttributeVerificationCodeRequest>(&value);
    agrees::<VerifyUserAttributeRequest>(&value);
    agrees::<GetUserRequest>(&value);
    agrees::<UpdateUserAttributesRequest>(&value);
    agrees::<InitiateAuthRequest>(&value);
});
