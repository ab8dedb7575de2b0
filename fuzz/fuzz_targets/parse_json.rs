//! The module's JSON parser reads what `JSON.parse` reads: it agrees with serde_json (strict RFC 8259)
//! on every text, value for value, and the reply shape checks give the same verdict on both trees.
#![no_main]

use cognito_verify::fuzzing::{check_shape, outputs, parse, Value, MAX_DEPTH};
use libfuzzer_sys::fuzz_target;

/// Whether `ours` holds the same value as `theirs`.
fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (ours, theirs) {
        (Value::Null, J::Null) => true,
        (Value::Bool(a), J::Bool(b)) => a == b,
        // Plain digits that fit a u32 keep their value; any other number is only a number.
        (Value::Number(Some(n)), J::Number(m)) => m.as_u64() == Some(u64::from(*n)),
        (Value::Number(None), J::Number(m)) => m.as_u64().is_none_or(|m| m > u64::from(u32::MAX) || m == 0),
        (Value::String(a), J::String(b)) => a == b,
        (Value::Array(a), J::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        (Value::Object(fields), J::Object(map)) => {
            // Repeated keys: the last one counts, as in JSON.parse and serde_json.
            map.iter().all(|(k, v)| fields.iter().rev().find(|(f, _)| f == k).is_some_and(|(_, x)| same(x, v)))
                && fields.iter().all(|(k, _)| map.contains_key(k))
        }
        _ => false,
    }
}

fn has_lone_surrogate(value: &Value) -> bool {
    match value {
        Value::Unpaired => true,
        Value::Array(items) => items.iter().any(has_lone_surrogate),
        Value::Object(fields) => fields.iter().any(|(_, v)| has_lone_surrogate(v)),
        _ => false,
    }
}

fn depth(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        serde_json::Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

fuzz_target!(|text: &str| {
    let ours = parse(text);
    match (&ours, serde_json::from_str::<serde_json::Value>(text)) {
        (Some(ours), Ok(theirs)) => {
            assert!(same(ours, &theirs), "{text:?}: {ours:?} vs {theirs:?}");
            for (name, shape) in outputs() {
                assert_eq!(check_shape(ours, shape), check_shape(&theirs, shape), "{name}");
            }
        }
        // serde_json refuses lone surrogates and numbers past f64's range; JSON.parse reads both.
        (Some(ours), Err(err)) => assert!(
            has_lone_surrogate(ours) || err.to_string().starts_with("number out of range"),
            "{text:?} accepted, serde: {err}"
        ),
        (None, Ok(theirs)) => assert!(depth(&theirs) > MAX_DEPTH, "{text:?} refused"),
        (None, Err(_)) => {}
    }
});
