//! Where requests go: the regional Cognito user-pools endpoint, or a checked custom one.

use crate::core::text::parse_digits;
use crate::core::text::Cat;
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
        ok &= i == 0 || (!last.is_empty() && last.iter().all(u8::is_ascii_lowercase));
        ok &= i != 0 || part.len() == 2;
        last = part;
        parts += 1;
    }
    ok &= parts >= 3 && (1..=2).contains(&last.len()) && last.iter().all(u8::is_ascii_digit);
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
    if bytes
        .iter()
        .any(|&b| !(0x21..0x7f).contains(&b) || matches!(b, b'@' | b'#' | b'?' | b'\\'))
    {
        return fail(
            "must be printable ASCII without user-info, a query, a fragment or backslashes",
        );
    }
    let slash = bytes.iter().position(|&b| b == b'/').unwrap_or(bytes.len());
    let (authority, path) = bytes.split_at(slash);
    if path
        .split(|&b| b == b'/')
        .any(|seg| seg == b".." || seg == b".")
    {
        return fail("must not contain dot segments");
    }
    // `[v6]` or a name, then an optional `:port`.
    let host_end = match authority.first() {
        Some(b'[') => authority
            .iter()
            .position(|&b| b == b']')
            .map_or(0, |i| i + 1),
        _ => authority
            .iter()
            .position(|&b| b == b':')
            .unwrap_or(authority.len()),
    };
    let (host, port) = authority.split_at(host_end);
    let host_ok = match host {
        [b'[', inner @ .., b']'] => {
            !inner.is_empty()
                && inner
                    .iter()
                    .all(|&b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        }
        _ => {
            !host.is_empty()
                && host.len() <= 253
                && host
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
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
    if !secure && !is_loopback(host) {
        return fail("must use https:// unless the host is loopback");
    }
    Ok(())
}

/// `localhost`, a name under `.localhost`, `[::1]`, or an IPv4 address in 127.0.0.0/8.
fn is_loopback(host: &[u8]) -> bool {
    let name = host.len().checked_sub(9).map(|start| host.split_at(start));
    let localhost = name.is_some_and(|(head, tail)| {
        tail.eq_ignore_ascii_case(b"localhost") && (head.is_empty() || head.ends_with(b"."))
    });
    let mut octets = 0;
    let ipv4 = host.split(|&b| b == b'.').all(|octet| {
        octets += 1;
        parse_digits(octet, 3).is_some_and(|n| n <= 255)
    });
    localhost || host == b"[::1]" || (host.starts_with(b"127.") && ipv4 && octets == 4)
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
            "http://app.localhost:1",
            "http://LOCALHOST:1/",
            "https://host:/",
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
