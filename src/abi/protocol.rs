//! The protocol between the npm entry (`js/`) and this module, written down once. `js/protocol.js`
//! holds the same constants under the same names; a test here fails when the two disagree.
//!
//! Only JSON text, bytes and numbers cross. A call goes:
//!
//! | step | JS calls | the module answers |
//! |---|---|---|
//! | once per client | `configure(JSON of the config)` | `{url, userAgent, maxAttempts, timeoutMs}`, or error fields |
//! | per call | `start(wire name + LF + JSON of the input + LF + JSON of the options, has an AbortSignal, maxAttempts, timeoutMs)` (an empty JSON text stands for `undefined`) | `{call, target, timeoutMs}`, a line break and the request body; or error fields (one line) |
//! | per piece of a reply body (at most `PIECE_BYTES`, from [`crate::core::body`]) | `chunk(call, bytes)` | [`CHUNK_MORE`], [`CHUNK_WHOLE`] (stop reading; the stream ends by itself) or [`CHUNK_TOO_LARGE`] (cancel the stream) |
//! | per reply | `reply(call, waited ms, status, x-amzn-ErrorType, x-amzn-RequestId, random)` | a delay in ms before the next attempt (≥ 0), [`NEXT_DONE`], [`NEXT_SUCCEEDED`] or [`NEXT_SUCCEEDED_EMPTY`] |
//! | per attempt without a reply | `fail(call, waited ms, kind, random)`, `kind` one of the `FAILED_*` | as `reply` |
//! | after [`NEXT_DONE`] | `finish(call)` | the error fields, and the call is closed |
//!
//! Error fields are `{name, message, $fault, retryable, $metadata, field?}` (a `CognitoError`).
//! On [`NEXT_SUCCEEDED`] the output is the reply body's JSON; on [`NEXT_SUCCEEDED_EMPTY`] it is
//! `{}`; either way the call is closed and the entry adds `$metadata` from what it holds.
//!
//! Inputs are read as `JSON.stringify` reads them; a value JSON has no form for is written as
//! `{MARKER_KEY: "a function" | "a symbol" | "a bigint" | UNREADABLE}` (`MARKER_KEY` and
//! `UNREADABLE` are defined where the input is read, in `core::input`).

/// `reply`/`fail`: the call is over; `finish` tells the error.
pub(crate) const NEXT_DONE: i32 = -1;
/// `reply`: success, the output is the body's JSON; the call is closed.
pub(crate) const NEXT_SUCCEEDED: i32 = -2;
/// `reply`: success, the output is `{}` (a blank body); the call is closed.
pub(crate) const NEXT_SUCCEEDED_EMPTY: i32 = -3;

/// `chunk`: read on.
pub(crate) const CHUNK_MORE: u32 = 0;
/// `chunk`: the body is whole; stop reading and let the stream end by itself.
pub(crate) const CHUNK_WHOLE: u32 = 1;
/// `chunk`: the body is too large; cancel the stream.
pub(crate) const CHUNK_TOO_LARGE: u32 = 2;

/// `fail`: fetch or the body's stream failed (the module reads a kind it does not know as this).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const FAILED_NETWORK: u32 = 0;
/// `fail`: the attempt's timeout fired.
pub(crate) const FAILED_TIMEOUT: u32 = 1;
/// `fail`: the caller's abort signal fired during the attempt.
pub(crate) const FAILED_ABORT: u32 = 2;
/// `fail`: the caller's abort signal fired before the attempt (during a wait, `waited` 0).
pub(crate) const ABORTED_BEFORE_ATTEMPT: u32 = 3;

/// Every constant by name, as `js/protocol.js` must export it.
#[cfg(test)]
const ALL: [(&str, &str); 13] = [
    ("NEXT_DONE", "-1"),
    ("NEXT_SUCCEEDED", "-2"),
    ("NEXT_SUCCEEDED_EMPTY", "-3"),
    ("CHUNK_MORE", "0"),
    ("CHUNK_WHOLE", "1"),
    ("CHUNK_TOO_LARGE", "2"),
    ("PIECE_BYTES", "65536"),
    ("FAILED_NETWORK", "0"),
    ("FAILED_TIMEOUT", "1"),
    ("FAILED_ABORT", "2"),
    ("ABORTED_BEFORE_ATTEMPT", "3"),
    ("MARKER_KEY", "'\\0'"),
    ("UNREADABLE", "'unreadable'"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::body::PIECE_BYTES;
    use crate::core::input::{MARKER_KEY, UNREADABLE};

    /// `export const NAME = value;` lines of `js/protocol.js`.
    fn js_constants() -> Vec<(String, String)> {
        include_str!("../../js/protocol.js")
            .lines()
            .filter_map(|line| line.strip_prefix("export const "))
            .map(|rest| {
                let (name, value) = rest.split_once(" = ").expect("NAME = value");
                let value = value.strip_suffix(';').expect("a semicolon");
                (name.to_owned(), value.to_owned())
            })
            .collect()
    }

    #[test]
    fn the_table_lists_the_constants() {
        let numbers = [
            ("NEXT_DONE", NEXT_DONE.to_string()),
            ("NEXT_SUCCEEDED", NEXT_SUCCEEDED.to_string()),
            ("NEXT_SUCCEEDED_EMPTY", NEXT_SUCCEEDED_EMPTY.to_string()),
            ("CHUNK_MORE", CHUNK_MORE.to_string()),
            ("CHUNK_WHOLE", CHUNK_WHOLE.to_string()),
            ("CHUNK_TOO_LARGE", CHUNK_TOO_LARGE.to_string()),
            ("PIECE_BYTES", PIECE_BYTES.to_string()),
            ("FAILED_NETWORK", FAILED_NETWORK.to_string()),
            ("FAILED_TIMEOUT", FAILED_TIMEOUT.to_string()),
            ("FAILED_ABORT", FAILED_ABORT.to_string()),
            ("ABORTED_BEFORE_ATTEMPT", ABORTED_BEFORE_ATTEMPT.to_string()),
        ];
        for (name, value) in numbers {
            assert!(ALL.contains(&(name, value.as_str())), "{name}");
        }
        assert!(ALL.contains(&("MARKER_KEY", "'\\0'")) && MARKER_KEY == "\0");
        assert!(ALL.contains(&("UNREADABLE", "'unreadable'")) && UNREADABLE == "unreadable");
        // The answers of `reply` never collide with a delay (≥ 0).
        const { assert!(NEXT_DONE < 0 && NEXT_SUCCEEDED < 0 && NEXT_SUCCEEDED_EMPTY < 0) };
    }

    #[test]
    fn js_protocol_agrees() {
        let js = js_constants();
        let expected: Vec<(String, String)> = ALL
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        assert_eq!(
            js, expected,
            "js/protocol.js must export exactly these, in this order"
        );
    }
}
