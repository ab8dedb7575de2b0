//! What an access token's payload says, read without verifying it: enough to refuse, before the
//! network, the two tokens users pass by mistake, for which the service's answer says little. A
//! token that is not a JWT is left for the service to judge, and so is expiry (clocks differ).

use crate::core::json::{self, Value};
use crate::core::text::{as_text, find_byte, part};

/// The scope an access token needs for the operations that take one.
pub const USER_ADMIN_SCOPE: &str = "aws.cognito.signin.user.admin";

/// Why `token` cannot be the access token these operations need, if its payload says so: an ID
/// token, or an access token without [`USER_ADMIN_SCOPE`].
pub fn access_token_problem(token: &str) -> Option<&'static str> {
    let payload = payload(token.as_bytes());
    let claims = as_text(&payload).and_then(json::parse);
    let claim = |name| match claims.as_ref()?.field(name)? {
        Value::String(text) => Some(text.as_str()),
        _ => None,
    };
    match claim("token_use")? {
        "id" => Some("is an ID token: pass the access token (AuthenticationResult.AccessToken)"),
        "access" if !has_scope(claim("scope").unwrap_or_default()) => Some(
            "lacks the scope aws.cognito.signin.user.admin: use a token from InitiateAuth, or ask \
             for that scope in the managed login or OAuth request",
        ),
        _ => None,
    }
}

/// Whether the space-separated `scopes` include [`USER_ADMIN_SCOPE`].
fn has_scope(mut scopes: &str) -> bool {
    loop {
        let end = find_byte(scopes.as_bytes(), |b| b == b' ');
        if part(scopes, 0, end) == USER_ADMIN_SCOPE {
            return true;
        }
        if end == scopes.len() {
            return false;
        }
        scopes = part(scopes, end + 1, scopes.len());
    }
}

/// The decoded payload of a JWS in compact form (`header.payload.signature`, each part unpadded
/// base64url); empty for anything else.
fn payload(token: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut dots, mut bits, mut held, mut base64) = (0, 0u32, 0, true);
    for &b in token {
        let value = match b {
            b'.' => {
                dots += 1;
                continue;
            }
            _ if dots != 1 => continue,
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => {
                base64 = false;
                continue;
            }
        };
        bits = bits << 6 | u32::from(value);
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
        }
    }
    if dots != 2 || !base64 {
        out.clear();
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A JWT whose payload is `claims` (header and signature are not read).
    pub(crate) fn jwt(claims: &str) -> String {
        const TABLE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut encoded = String::new();
        for chunk in claims.as_bytes().chunks(3) {
            let n =
                chunk.iter().fold(0u32, |n, &b| n << 8 | u32::from(b)) << (8 * (3 - chunk.len()));
            for i in 0..=chunk.len() {
                encoded.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        format!("eyJhbGciOiJSUzI1NiJ9.{encoded}.c2ln")
    }

    #[test]
    fn decodes_the_payload_as_base64url() {
        for text in [
            "",
            "f",
            "fo",
            "foo",
            "foob",
            "fooba",
            "foobar",
            "\u{ff}\u{fe}?>",
        ] {
            assert_eq!(payload(jwt(text).as_bytes()), text.as_bytes(), "{text}");
        }
        for bad in [
            "Zm9v",
            "a.Zm9v",
            "a.Zm9v.b.c",
            "a.Zm+v.b",
            "a.Zm/v.b",
            "a.Zm9vYg==.b",
            "..",
        ] {
            assert_eq!(payload(bad.as_bytes()), b"", "{bad}");
        }
        assert_eq!(payload(b"h.Zm9v.s"), b"foo");
    }

    #[test]
    fn an_id_token_and_a_token_without_the_scope_are_refused() {
        let id = jwt(r#"{"sub":"s","token_use":"id","aud":"abc"}"#);
        assert!(access_token_problem(&id).unwrap().contains("ID token"));
        for scope in [r#""openid email""#, r#""""#, "5"] {
            let token = jwt(&format!(r#"{{"token_use":"access","scope":{scope}}}"#));
            assert!(
                access_token_problem(&token)
                    .unwrap()
                    .contains(USER_ADMIN_SCOPE),
                "{scope}"
            );
        }
        let unscoped = jwt(r#"{"token_use":"access"}"#);
        assert!(access_token_problem(&unscoped).is_some());
    }

    #[test]
    fn access_tokens_and_tokens_that_are_not_jwts_pass() {
        for scope in [
            USER_ADMIN_SCOPE,
            "openid aws.cognito.signin.user.admin",
            "aws.cognito.signin.user.admin email",
        ] {
            let token = jwt(&format!(
                r#"{{"token_use":"access","scope":"{scope}","exp":1}}"#
            ));
            assert_eq!(access_token_problem(&token), None, "{scope}");
        }
        let near_miss = jwt(
            r#"{"token_use":"access","scope":"aws.cognito.signin.user.admin2 xaws.cognito.signin.user.admin"}"#,
        );
        assert!(access_token_problem(&near_miss).is_some());
        // Not JWTs, or JWTs that are not Cognito's: the service decides.
        let opaque = ["opaque", "a.b", "a.b.c", "a..c", "a.b.c.d.e", ".", ""];
        let other = [
            jwt(r#"{"sub":"s"}"#),
            jwt(r#"["token_use","id"]"#),
            jwt("not json"),
            jwt(r#"{"token_use":"refresh"}"#),
        ];
        for token in opaque
            .iter()
            .copied()
            .chain(other.iter().map(String::as_str))
        {
            assert_eq!(access_token_problem(token), None, "{token}");
        }
        let extra_part = jwt(r#"{"token_use":"id"}"#) + ".x";
        assert_eq!(access_token_problem(&extra_part), None);
    }
}
