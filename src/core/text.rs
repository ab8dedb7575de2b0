//! Small text helpers written for size: the standard library's general versions (`core::fmt`,
//! `concat`, pattern searchers) add kilobytes to the module for a few messages.

/// `n` in decimal.
pub fn decimal(mut n: u64) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // SAFETY: ASCII digits.
    unsafe { String::from_utf8_unchecked(digits[at..].to_vec()) }
}

/// `text[start..end]` (empty if those are not character boundaries): one shared copy of the
/// boundary checks, which `str::get` writes out at every call.
#[inline(never)]
pub fn part(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or_default()
}

/// Whether every byte passes `ok`. (Simple loops: the iterator versions come out several times
/// larger in the module.)
pub fn all_bytes(bytes: &[u8], ok: impl Fn(u8) -> bool) -> bool {
    let mut at = 0;
    while at < bytes.len() {
        if !ok(bytes[at]) {
            return false;
        }
        at += 1;
    }
    true
}

/// The position of the first byte that passes `wanted`, or `bytes.len()`.
pub fn find_byte(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> usize {
    let mut at = 0;
    while at < bytes.len() && !wanted(bytes[at]) {
        at += 1;
    }
    at
}

/// Joins string slices (what `[..].concat()` does, in far less code).
pub trait Cat {
    /// The parts, one after another.
    fn cat(&self) -> String;
}

impl Cat for [&str] {
    fn cat(&self) -> String {
        let mut out = String::new();
        for part in self {
            out.push_str(part);
        }
        out
    }
}

/// `haystack` with every `needle` (not empty) replaced by `with`, or `None` if there is none.
pub fn replace_all(haystack: &str, needle: &str, with: &str) -> Option<String> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let mut out = String::new();
    let (mut kept, mut at) = (0, 0);
    while at + n.len() <= h.len() {
        if h[at..].starts_with(n) {
            // Matches of a UTF-8 needle start and end on character boundaries.
            out.push_str(part(haystack, kept, at));
            out.push_str(with);
            at += n.len();
            kept = at;
        } else {
            at += 1;
        }
    }
    (kept > 0).then(|| out + part(haystack, kept, haystack.len()))
}

/// Characters (Unicode scalar values) in `s`.
pub fn char_count(s: &str) -> usize {
    let bytes = s.as_bytes();
    let (mut count, mut at) = (0, 0);
    while at < bytes.len() {
        count += usize::from(bytes[at] & 0xC0 != 0x80);
        at += 1;
    }
    count
}

/// `s` as a whole number of at most `max_digits` ASCII digits.
pub fn parse_digits(s: &[u8], max_digits: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_digits {
        return None;
    }
    s.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// The first part of `bytes` at or after `at` that is not UTF-8: its start and end.
fn invalid_part(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    while let Some(&lead) = bytes.get(at) {
        let mut end = at + 1;
        if lead >= 0x80 {
            // The bytes after the lead; the first of them has a narrower range after some leads.
            let more = match lead {
                0xC2..=0xDF => 1,
                0xE0..=0xEF => 2,
                0xF0..=0xF4 => 3,
                _ => return Some((at, end)),
            };
            let low = match lead {
                0xE0 => 0xA0,
                0xF0 => 0x90,
                _ => 0x80,
            };
            let high = match lead {
                0xED => 0x9F,
                0xF4 => 0x8F,
                _ => 0xBF,
            };
            for i in 0..more {
                let b = bytes.get(end).copied().unwrap_or(0);
                let (lo, hi) = if i == 0 { (low, high) } else { (0x80, 0xBF) };
                if b < lo || b > hi {
                    return Some((at, end));
                }
                end += 1;
            }
        }
        at = end;
    }
    None
}

/// `bytes` as text, if they are UTF-8. Written for size: the standard library's `from_utf8` adds
/// half a kilobyte to the module.
pub fn as_text(bytes: &[u8]) -> Option<&str> {
    match invalid_part(bytes, 0) {
        // SAFETY: every byte was checked.
        None => Some(unsafe { std::str::from_utf8_unchecked(bytes) }),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_display() {
        for n in [0, 7, 10, 404, 65_535, 2_147_483_647, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn joins_and_replaces_like_std() {
        assert_eq!(["a", "", "bc", "é"].cat(), "abcé");
        assert_eq!([].cat(), "");
        for (h, n) in [
            ("abcabc", "bc"),
            ("aaa", "aa"),
            ("x", "xy"),
            ("ééa", "éa"),
            ("", "a"),
            ("tok", "tok"),
            ("a tok b tok", "tok"),
        ] {
            let expected = h.contains(n).then(|| h.replace(n, "*"));
            assert_eq!(replace_all(h, n, "*"), expected, "{h} {n}");
        }
    }

    #[test]
    fn utf8_as_std_reads_it() {
        let samples: [&[u8]; 14] = [
            b"",
            b"plain",
            "é名✓😀".as_bytes(),
            b"\xff",
            b"a\xc3",
            b"\xc3\x28",
            b"\xe0\x80\x80",
            b"\xed\xa0\x80x",
            b"\xf0\x90\x80",
            b"\xf4\x90\x80\x80",
            b"\xf8\x88\x80\x80\x80",
            b"\xc0\xaf",
            b"ok\xe2\x82\xacok\xe2\x82",
            b"\x80\xbf\xfe\xfe",
        ];
        for bytes in samples {
            assert_eq!(as_text(bytes), std::str::from_utf8(bytes).ok(), "{bytes:?}");
        }
        // Every pair of leading bytes, with continuation bytes after them.
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                for tail in [&[][..], &[0x80], &[0xBF, 0x80], &[0x7F]] {
                    let bytes = [&[a, b][..], tail].concat();
                    assert_eq!(
                        as_text(&bytes).is_some(),
                        std::str::from_utf8(&bytes).is_ok(),
                        "{bytes:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn counts_and_parses() {
        for s in ["", "abc", "é名✓", "😀x"] {
            assert_eq!(char_count(s), s.chars().count());
        }
        assert_eq!(parse_digits(b"65535", 5), Some(65535));
        assert_eq!(parse_digits(b"007", 3), Some(7));
        for bad in ["", "1a", "-1", "123456", " 1"] {
            assert_eq!(parse_digits(bad.as_bytes(), 5), None, "{bad}");
        }
    }
}
