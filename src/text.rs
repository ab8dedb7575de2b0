//! Number-to-text without `core::fmt`, which would add kilobytes to the module for a few messages.

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

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn formats_like_display() {
        for n in [0, 7, 10, 404, 65_535, 2_147_483_647, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }
}
