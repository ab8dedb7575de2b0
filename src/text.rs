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
    digits[at..].iter().map(|&d| d as char).collect()
}

/// Joins string slices (what `[..].concat()` does, in far less code).
pub trait Cat {
    /// The parts, one after another.
    fn cat(&self) -> String;
}

impl Cat for [&str] {
    fn cat(&self) -> String {
        let mut out = String::with_capacity(self.iter().map(|part| part.len()).sum());
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
            out.push_str(haystack.get(kept..at).unwrap_or_default());
            out.push_str(with);
            at += n.len();
            kept = at;
        } else {
            at += 1;
        }
    }
    (kept > 0).then(|| out + haystack.get(kept..).unwrap_or_default())
}

/// Characters (Unicode scalar values) in `s`.
pub fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| b & 0xC0 != 0x80).count()
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
