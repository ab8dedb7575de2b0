//! What a reply body is, for both transports, which only hand over the chunks of the stream:
//!
//! - at most [`MAX_BODY_BYTES`]: past that the body is not a Cognito reply, and the transport stops
//!   reading (the rest is never downloaded);
//! - a first chunk that starts with `{` and ends in the `}` that closes it (braces counted outside
//!   strings) is the whole body: more bytes could only be blanks or make it invalid (if it is JSON, a
//!   valid body can only add blanks to it; if not, no body that starts with it is valid), so it is taken
//!   without waiting for the end of the stream (which Chromium reports about a quarter of a
//!   millisecond after the last bytes), and the transport lets the stream end in the background,
//!   cancelling it if more bytes come. It is read once, as the reply is decoded;
//! - a UTF-8 byte-order mark that starts the first chunk is dropped (as `TextDecoder` drops one);
//! - a 2xx body must be UTF-8 (a browser's `text()` would quietly replace bad bytes); an error body
//!   that is not is read as blank (only an error body's name and message are read, and the name
//!   then comes from the `x-amzn-ErrorType` header).

use crate::core::text::as_text;

/// Cognito replies are a few kilobytes; anything past this is not one.
pub(crate) const MAX_BODY_BYTES: usize = 1 << 20;

/// The most bytes a transport hands over at once: a larger chunk of the stream goes in pieces, so it
/// is never copied whole (the first piece counts as the first chunk).
#[cfg_attr(not(feature = "rust"), allow(dead_code))]
pub(crate) const PIECE_BYTES: usize = 1 << 16;

/// A leading byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A reply body, read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Body {
    /// The text.
    Text(String),
    /// Longer than [`MAX_BODY_BYTES`]: not read to its end.
    TooLarge,
    /// A 2xx body that is not valid UTF-8.
    NotUtf8,
}

/// What the transport does after handing over a chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// Read the next chunk (or the end of the stream). After `Whole`, the rest of the same chunk
    /// is still handed over: bytes there can only make the reply invalid.
    More,
    /// The body is whole: stop reading, and let the stream end by itself.
    Whole,
    /// The body is too large: cancel the stream.
    TooLarge,
}

/// One attempt's body, gathered chunk by chunk.
#[derive(Debug, Default)]
pub(crate) struct BodyReader {
    bytes: Vec<u8>,
    chunks: u32,
    too_large: bool,
}

impl BodyReader {
    /// Takes the stream's next chunk and says what to do next.
    #[inline(never)]
    pub(crate) fn push(&mut self, chunk: &[u8]) -> Step {
        if self.too_large {
            return Step::TooLarge;
        }
        self.chunks += 1;
        let needed = self.bytes.len() + chunk.len();
        if needed > MAX_BODY_BYTES {
            self.bytes = Vec::new();
            self.too_large = true;
            return Step::TooLarge;
        }
        // Room in powers of two up to the limit, so a body near the limit never takes more, and a
        // small one takes little.
        if needed > self.bytes.capacity() {
            let mut room = 64;
            while room < needed {
                room *= 2;
            }
            let mut bigger = Vec::with_capacity(room.min(MAX_BODY_BYTES));
            bigger.extend_from_slice(&self.bytes);
            self.bytes = bigger;
        }
        // A byte-order mark that starts the body is dropped, as `TextDecoder` drops it.
        let first = self.chunks == 1;
        let skip = if first && chunk.starts_with(BOM) {
            3
        } else {
            0
        };
        self.bytes.extend_from_slice(&chunk[skip..]);
        if first && closes(&self.bytes) {
            Step::Whole
        } else {
            Step::More
        }
    }

    /// The body, once the stream ended or a step said to stop; `success` for a 2xx reply. The reader
    /// is empty again afterwards.
    #[inline(never)]
    pub(crate) fn finish(&mut self, success: bool) -> Body {
        let BodyReader {
            bytes, too_large, ..
        } = std::mem::take(self);
        if too_large {
            return Body::TooLarge;
        }
        match as_text(&bytes) {
            Some(text) => Body::Text(text.to_owned()),
            None if success => Body::NotUtf8,
            // Only an error body's name and message are read: one that is not UTF-8 is blank, and
            // the name comes from the `x-amzn-ErrorType` header.
            None => Body::Text(String::new()),
        }
    }
}

/// Whether `bytes` are an object's braces: a `{` first, and a last `}` that closes it and every
/// other `{` outside strings. (If the text is JSON, it is one object; if not, no text that starts
/// with it is.)
fn closes(bytes: &[u8]) -> bool {
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        if escaped {
            escaped = false;
        } else if in_string {
            match b {
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'{' => depth += 1,
                b'}' => depth -= 1,
                _ => {}
            }
        }
    }
    depth == 0 && !in_string && bytes.first() == Some(&b'{') && bytes.last() == Some(&b'}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The steps of reading `chunks` as a transport does (up to the first that is not `More`), and
    /// the body.
    fn read(chunks: &[&[u8]], success: bool) -> (Vec<Step>, Body) {
        let mut reader = BodyReader::default();
        let mut steps = Vec::new();
        for chunk in chunks {
            steps.push(reader.push(chunk));
            if steps.last() != Some(&Step::More) {
                break;
            }
        }
        (steps, reader.finish(success))
    }

    fn text(t: &str) -> Body {
        Body::Text(t.into())
    }

    #[test]
    fn a_whole_first_chunk_is_taken() {
        let reply = br#"{"CodeDeliveryDetails":{"Destination":"d***"}}"#;
        assert_eq!(
            read(&[reply], true),
            (vec![Step::Whole], text(std::str::from_utf8(reply).unwrap()))
        );
        // After a byte-order mark too, which is dropped.
        let with_bom = [BOM, b"{}"].concat();
        assert_eq!(read(&[&with_bom], true), (vec![Step::Whole], text("{}")));
    }

    #[test]
    fn a_chunk_that_only_looks_closed_is_read_on() {
        // Cut after an inner `}`: not JSON yet.
        let (steps, body) = read(&[br#"{"a":{"b":1}"#, br#","c":2}"#], true);
        assert_eq!(steps, [Step::More, Step::More]);
        assert_eq!(body, text(r#"{"a":{"b":1},"c":2}"#));
        // Trailing blanks: not taken early, whole at the end.
        assert_eq!(read(&[b"{} \n"], true), (vec![Step::More], text("{} \n")));
        // Only a first chunk is taken early: a later one is read on to the end.
        assert_eq!(read(&[b"", b"{}"], true).0, [Step::More, Step::More]);
        // Closed but not UTF-8: taken, and a 2xx is then refused.
        assert_eq!(
            read(&[b"{\"\xff\":1}"], true),
            (vec![Step::Whole], Body::NotUtf8)
        );
        // Closed but not JSON: taken (no body that starts so is JSON), and refused as it is decoded.
        assert_eq!(
            read(&[b"{,}", b" "], true),
            (vec![Step::Whole], text("{,}"))
        );
    }

    #[test]
    fn closing_braces_outside_strings_only() {
        for whole in [
            &b"{}"[..],
            br#"{"a":{"b":[1,{}]}}"#,
            br#"{"a":"}\"}"}"#,
            b"{]}",
            b"{}{}",
        ] {
            assert!(closes(whole), "{:?}", String::from_utf8_lossy(whole));
        }
        for open in [
            &b""[..],
            b"}",
            br#"{"a":{"b":1}"#,
            br#"{"a":"}"#,
            br#"{"a":"\"}"#,
            b"[{}]",
            b"[{}",
            b" {}",
            b"{}}",
            b"{} ",
            b"{\"}",
            b"\xEF\xBB\xBF{}",
        ] {
            assert!(!closes(open), "{:?}", String::from_utf8_lossy(open));
        }
    }

    #[test]
    fn error_bodies_that_are_not_utf8_are_blank() {
        assert_eq!(read(&[b"{\"m\":\"\xff\"}"], false).1, text(""));
        assert_eq!(
            read(&["{\"m\":\"é\"}".as_bytes()], false).1,
            text("{\"m\":\"é\"}")
        );
        assert_eq!(read(&[], false).1, text(""));
    }

    #[test]
    fn past_the_limit_the_body_is_too_large() {
        let half = vec![b'a'; MAX_BODY_BYTES / 2];
        let mut reader = BodyReader::default();
        assert_eq!(reader.push(&half), Step::More);
        assert_eq!(reader.push(&half), Step::More, "exactly the limit");
        assert_eq!(reader.push(b"a"), Step::TooLarge);
        assert_eq!(reader.push(b"}"), Step::TooLarge);
        assert_eq!(reader.finish(true), Body::TooLarge);
        // The reader is empty again.
        assert_eq!(reader.push(b"{}"), Step::Whole);
        assert_eq!(reader.finish(true), text("{}"));
        let mut one = BodyReader::default();
        assert_eq!(one.push(&vec![b' '; MAX_BODY_BYTES + 1]), Step::TooLarge);
    }
}
