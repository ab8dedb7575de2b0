//! Where requests go: the regional Cognito user-pools endpoint, or a checked custom one.

use crate::core::text::Cat;
use crate::core::text::{all_bytes, find_byte, parse_digits};
use crate::core::validate::ValidationError;

/// Resolves the URL every request is POSTed to.
///
/// Either `region` (strict AWS region syntax) or `endpoint` must be given. A custom endpoint must be
/// `https:`, except on loopback hosts, and can't be combined with FIPS.
pub fn resolve_endpoint(
    region: Option<&str>,
    endpoint: Option<&str>,
    use_fips: bool,
) -> Result<String, ValidationError> {
    match (endpoint, region) {
        (Some(url), _) => {
            if use_fips {
                return Err(ValidationError::new(
                    "useFipsEndpoint",
                    "cannot be combined with a custom endpoint",
                ));
            }
            check_custom_endpoint(url)?;
            Ok(url.to_owned())
        }
        (None, Some(region)) => {
            check_region(region)?;
            let host = if use_fips {
                "cognito-idp-fips"
            } else {
                "cognito-idp"
            };
            let domain = if region.starts_with("cn-") {
                "amazonaws.com.cn"
            } else {
                "amazonaws.com"
            };
            Ok(["https://", host, ".", region, ".", domain, "/"].cat())
        }
        (None, None) => Err(ValidationError::new(
            "region",
            "is required (or give an endpoint)",
        )),
    }
}

/// Accepts `us-east-1`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-3`...: lowercase words joined by
/// `-`, the first of two letters, ending in a number. Nothing else can reach the host name.
pub fn check_region(region: &str) -> Result<(), ValidationError> {
    let bad = || {
        Err(ValidationError::new(
            "region",
            "must be an AWS region such as us-east-1",
        ))
    };
    let mut ok = region.len() <= 32;
    let mut parts = 0;
    let mut last: &[u8] = &[];
    for (i, part) in region.as_bytes().split(|&b| b == b'-').enumerate() {
        // Every part before the last is a word.
        ok &= i == 0 || (!last.is_empty() && all_bytes(last, |b| b.is_ascii_lowercase()));
        ok &= i != 0 || part.len() == 2;
        last = part;
        parts += 1;
    }
    ok &= parts >= 3 && (1..=2).contains(&last.len()) && all_bytes(last, |b| b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        bad()
    }
}

/// A custom endpoint: `https://host[:port][/path]`, or `http:` to a loopback host. Printable ASCII
/// without user-info, query, fragment, backslashes or dot segments, so the URL that receives the
/// token is exactly the one written.
pub fn check_custom_endpoint(url: &str) -> Result<(), ValidationError> {
    let fail = |reason: &'static str| Err(ValidationError::new("endpoint", reason));
    let (secure, rest) = match (url.strip_prefix("https://"), url.strip_prefix("http://")) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        _ => return fail("must start with https:// (or http:// for a loopback host)"),
    };
    let bytes = rest.as_bytes();
    let plain = |b| (0x21..0x7f).contains(&b) && !matches!(b, b'@' | b'#' | b'?' | b'\\' | b'%');
    if !all_bytes(bytes, plain) {
        return fail(
            "must be printable ASCII without user-info, a query, a fragment, backslashes or percent-encoding",
        );
    }
    let slash = find_byte(bytes, |b| b == b'/');
    let (authority, path) = bytes.split_at(slash);
    if path
        .split(|&b| b == b'/')
        .any(|segment| segment == b"." || segment == b"..")
    {
        return fail("must not contain dot segments");
    }
    // `[v6]` or a name, then an optional `:port`.
    let host_end = match authority.first() {
        Some(b'[') => match find_byte(authority, |b| b == b']') {
            end if end < authority.len() => end + 1,
            _ => 0,
        },
        _ => find_byte(authority, |b| b == b':'),
    };
    let (host, port) = authority.split_at(host_end);
    let host_ok = match host {
        [b'[', inner @ .., b']'] => {
            !inner.is_empty()
                && all_bytes(inner, |b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        }
        _ => {
            !host.is_empty()
                && host.len() <= 253
                && all_bytes(host, |b| {
                    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
                })
        }
    };
    let port_ok = match port {
        [] | [b':'] => true,
        [b':', digits @ ..] => parse_digits(digits, 5).is_some_and(|p| p <= 65535),
        _ => false,
    };
    if !host_ok || !port_ok {
        return fail("has an invalid host or port");
    }
    // A URL parser reads a host that ends in a number as an IPv4 address and rewrites it (`127.1`,
    // `0x7f.0.0.1` and `127.0.0.010` all become another address): only the canonical form is taken.
    if ends_in_a_number(host) && !is_canonical_ipv4(host) {
        return fail("has an IPv4 address that is not written as four decimal numbers (0 to 255)");
    }
    if !secure && !is_loopback(host) {
        return fail("must use https:// unless the host is a loopback address or localhost");
    }
    Ok(())
}

/// Whether a URL parser reads `host` as an IPv4 address: its last label (after one trailing dot) is
/// all digits, or `0x` and hex digits.
fn ends_in_a_number(host: &[u8]) -> bool {
    let host = host.strip_suffix(b".").unwrap_or(host);
    let last = host.rsplit(|&b| b == b'.').next().unwrap_or_default();
    let hex = last.len() >= 2 && last[0] == b'0' && last[1] | 0x20 == b'x';
    !last.is_empty()
        && (all_bytes(last, |b| b.is_ascii_digit())
            || (hex && all_bytes(&last[2..], |b| b.is_ascii_hexdigit())))
}

/// Four decimal numbers from 0 to 255 without leading zeros, joined by dots.
fn is_canonical_ipv4(host: &[u8]) -> bool {
    let mut octets = 0;
    let numbers = host.split(|&b| b == b'.').all(|octet| {
        octets += 1;
        let plain = octet.len() == 1 || octet.first() != Some(&b'0');
        plain && parse_digits(octet, 3).is_some_and(|n| n <= 255)
    });
    numbers && octets == 4
}

/// Hosts that can only be this machine, as written: `localhost`, `[::1]`, or an IPv4 address in
/// 127.0.0.0/8 (not a name under `.localhost`, which some runtimes resolve through DNS).
fn is_loopback(host: &[u8]) -> bool {
    (host.len() == 9 && {
        // Letters in either case (the host holds only letters, digits, `-` and `.`).
        let mut same = true;
        for (at, &b) in b"localhost".iter().enumerate() {
            same &= host[at] | 0x20 == b;
        }
        same
    }) || host == b"[::1]"
        || (host.starts_with(b"127.") && is_canonical_ipv4(host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_endpoints() {
        let at = |r, fips| resolve_endpoint(Some(r), None, fips).unwrap();
        assert_eq!(
            at("eu-west-1", false),
            "https://cognito-idp.eu-west-1.amazonaws.com/"
        );
        assert_eq!(
            at("us-gov-west-1", false),
            "https://cognito-idp.us-gov-west-1.amazonaws.com/"
        );
        assert_eq!(
            at("cn-north-1", false),
            "https://cognito-idp.cn-north-1.amazonaws.com.cn/"
        );
        assert_eq!(
            at("us-east-1", true),
            "https://cognito-idp-fips.us-east-1.amazonaws.com/"
        );
    }

    #[test]
    fn rejects_crafted_regions() {
        for r in [
            "",
            "us",
            "us-east",
            "US-EAST-1",
            "us-east-1.evil.example#",
            "../",
            "us-east-1/",
            "us_east_1",
            "us-east-123",
            "u-east-1",
            "us--1",
            "us-east-1 ",
            "us-east-x",
            "us-east-1.evil.example",
        ] {
            let err = resolve_endpoint(Some(r), None, false).unwrap_err();
            assert_eq!(err.field(), "region", "{r}");
        }
    }

    #[test]
    fn requires_region_or_endpoint() {
        assert_eq!(
            resolve_endpoint(None, None, false).unwrap_err().field(),
            "region"
        );
    }

    #[test]
    fn custom_endpoints() {
        for ok in [
            "https://cognito.example.com",
            "https://cognito.example.com:8443/base/",
            "http://127.0.0.1:9229",
            "http://localhost:9229/",
            "http://[::1]:9229/",
            "http://LOCALHOST:1/",
            "https://host:/",
            "https://10.0.0.1/",
            "https://0.0.0.0/",
            "https://a.0x1b.example/",
            "https://host/a/..b/.c./",
        ] {
            assert_eq!(resolve_endpoint(None, Some(ok), false).unwrap(), ok);
        }
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://example.com/",
            "http://10.0.0.1/",
            "https://a@b",
            "https://host/#frag",
            "https://host/?q=1",
            "https://host:99999/",
            "https://host:x/",
            "https:///path",
            "https://ho st/",
            "https://host/../x",
            "https://host/\u{e9}",
            "https://host/a b",
            "https://[::1/",
            "https://host:8443x/",
            "http://localhost.evil.example/",
            "http://xlocalhost/",
            "HTTPS://host/",
            "https://[zz::1]/",
            "http://127.0.0.1.evil.example/",
            "http://anything.localhost/",
            "http://app.localhost:1",
            "http://localhost./",
            "http://127.0.0.010/",
            "http://0x7f.1/",
            "http://127.1/",
            "http://2130706433/",
            "https://127.0.0.1./",
            "https://1.2.3.4.5/",
            "https://example.0x7f/",
            "https://256.0.0.1/",
            "https://host/a/%2e%2e/b",
            "https://host/a%20b/",
            "https://host/a/%2E/b",
            "https://host/.%2e/",
            "https://host/%2e./x",
        ] {
            let err = resolve_endpoint(None, Some(bad), false).unwrap_err();
            assert_eq!(err.field(), "endpoint", "{bad}");
        }
    }

    #[test]
    fn fips_with_custom_endpoint_is_rejected() {
        let err = resolve_endpoint(Some("us-east-1"), Some("https://x.example"), true).unwrap_err();
        assert_eq!(err.field(), "useFipsEndpoint");
    }
}
