//! The operations, one file each. A file declares everything about its operation once: the wire
//! name, the input fields with their rules from the API reference and which are secrets, whether it
//! may be repeated, the output's type and shape, the error enum, and the npm method's TypeScript
//! signature. Both faces validate, encode and redact through that declaration.
//!
//! Adding an operation: a new file here (start from a similar one), its line in [`operations!`]
//! below, one method on the Rust [`Client`](crate::Client) and one on the npm entry's
//! `CognitoClient` (`js/client.js`). The README's "Adding an operation" has the whole recipe.

#[macro_use]
mod errors;
mod redacted;

use crate::core::declaration::Declaration;
use crate::core::error::CognitoError;
use crate::model::ResponseMetadata;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A Cognito user-pools operation, implemented by its request type. Sealed: the operations are
/// this crate's.
pub trait Operation: Serialize + sealed::Sealed {
    /// The wire name, after `AWSCognitoIdentityProviderService.`.
    const NAME: &'static str;
    /// What a success returns.
    type Output: DeserializeOwned + sealed::Output;
    /// The typed error.
    type Error: From<CognitoError> + std::error::Error;
}

pub(crate) mod sealed {
    use super::*;

    /// What the crate knows of each operation.
    pub trait Sealed {
        /// The operation's declaration.
        fn declaration() -> &'static Declaration;
    }

    /// Outputs carry `$metadata`, which the client fills in.
    pub trait Output {
        /// Where it goes.
        fn metadata_mut(&mut self) -> &mut ResponseMetadata;
    }
}

/// Implements [`Operation`] for a request type, `Debug` of it and of its output with their secrets
/// redacted, and metadata access for the output; declares the npm method (`method`, with its one-line `doc`) in the
/// package's TypeScript declarations (`CognitoOperations`).
macro_rules! operation {
    ($request:ident => $output:ident, $error:ident, npm $method:literal, $doc:literal) => {
        impl $crate::operations::Operation for $request {
            const NAME: &'static str = DECLARATION.name;
            type Output = $output;
            type Error = $error;
        }

        impl $crate::operations::sealed::Sealed for $request {
            fn declaration() -> &'static $crate::core::declaration::Declaration {
                &DECLARATION
            }
        }

        impl $crate::operations::sealed::Output for $output {
            fn metadata_mut(&mut self) -> &mut $crate::model::ResponseMetadata {
                &mut self.metadata
            }
        }

        /// Secrets (tokens, passwords) are shown as `***`.
        impl ::std::fmt::Debug for $request {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::operations::redacted::fmt(&DECLARATION, stringify!($request), self, f)
            }
        }

        /// Secrets (tokens, sessions) are shown as `***`.
        impl ::std::fmt::Debug for $output {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::operations::redacted::fmt_output(
                    DECLARATION.output,
                    stringify!($output),
                    self,
                    f,
                )
            }
        }

        /// The npm method's TypeScript declaration (merged into `CognitoOperations`).
        #[cfg(feature = "npm")]
        #[cfg_attr(not(test), allow(dead_code))]
        pub(crate) const NPM_METHOD: &str = concat!(
            "\nexport interface CognitoOperations {\n  /** ",
            $doc,
            " */\n  ",
            $method,
            "(input: ",
            stringify!($request),
            ", options?: CognitoCallOptions): Promise<",
            stringify!($output),
            ">;\n}"
        );

        #[cfg(feature = "npm")]
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const NPM_METHOD_TYPES: &str = NPM_METHOD;
    };
}

/// Declares the operations: their modules, their public types, and the table the npm build looks
/// them up in.
macro_rules! operations {
    ($($module:ident: $request:ident),* $(,)?) => {
        $(
            mod $module;
            pub use $module::*;
        )*

        /// Every operation, as the npm build looks them up by wire name.
        #[cfg_attr(not(any(feature = "npm", test)), allow(dead_code))]
        pub(crate) static ALL: &[&Declaration] = &[$(&$module::DECLARATION),*];

        /// Every request type serializes to fields its declaration lists.
        #[cfg(test)]
        #[test]
        fn every_request_type_matches_its_declaration() {
            $(tests::fields_are_declared::<$request>();)*
        }

        /// Every operation's npm method, as its TypeScript declaration, in the order of [`ALL`].
        #[cfg(all(test, feature = "npm"))]
        pub(crate) static NPM_METHODS: &[&str] = &[$($module::NPM_METHOD),*];

        /// Internals for the fuzz targets.
        #[cfg(feature = "fuzzing")]
        pub mod fuzzing {
            use super::*;

            /// Whether `value` decodes into operation `name`'s Rust output type: `None` for an
            /// unknown name.
            pub fn decodes_as_output(name: &str, value: &serde_json::Value) -> Option<Result<(), String>> {
                $(
                    if name == <$request as Operation>::NAME {
                        let decoded = serde_json::from_value::<<$request as Operation>::Output>(value.clone());
                        return Some(decoded.map(|_| ()).map_err(|e| e.to_string()));
                    }
                )*
                None
            }

            /// Prepares `input` as the Rust API does: the body, or the field and message of the error.
            pub fn prepare_request<Op: Operation>(input: &Op) -> Result<String, (String, String)> {
                super::prepare(input)
                    .map(|request| request.body)
                    .map_err(|err| (err.field().to_owned(), err.message()))
            }

            /// Prepares the JSON text `input` for operation `name` as the npm entry does.
            pub fn prepare_json(name: &str, input: &str) -> Option<Result<String, (String, String)>> {
                let op = find(name)?;
                let tree = crate::core::json::parse(input);
                Some(
                    crate::core::request::prepare(op, tree.as_ref())
                        .map(|request| request.body)
                        .map_err(|err| (err.field().to_owned(), err.message())),
                )
            }

            /// Every operation's wire name and output shape.
            pub fn outputs() -> impl Iterator<Item = (&'static str, &'static crate::core::shape::Shape)> {
                ALL.iter().map(|op| (op.name, op.output))
            }
        }
    };
}

operations! {
    get_user_attribute_verification_code: GetUserAttributeVerificationCodeRequest,
    verify_user_attribute: VerifyUserAttributeRequest,
    get_user: GetUserRequest,
    update_user_attributes: UpdateUserAttributesRequest,
    initiate_auth: InitiateAuthRequest,
    sign_up: SignUpRequest,
    confirm_sign_up: ConfirmSignUpRequest,
    resend_confirmation_code: ResendConfirmationCodeRequest,
    respond_to_auth_challenge: RespondToAuthChallengeRequest,
    get_tokens_from_refresh_token: GetTokensFromRefreshTokenRequest,
    revoke_token: RevokeTokenRequest,
    global_sign_out: GlobalSignOutRequest,
}

/// The declaration of the operation whose wire name is `name`.
#[cfg_attr(not(any(feature = "npm", test)), allow(dead_code))]
pub(crate) fn find(name: &str) -> Option<&'static Declaration> {
    let mut at = 0;
    while at < ALL.len() && ALL[at].name != name {
        at += 1;
    }
    ALL.get(at).copied()
}

/// Prepares a request type as the Rust API sends it: serialized into the input tree that the npm
/// entry's JSON also becomes, then checked and encoded by the declaration.
#[cfg_attr(not(any(feature = "rust", test)), allow(dead_code))]
pub(crate) fn prepare<Op: Operation>(
    input: &Op,
) -> Result<crate::core::request::Prepared, crate::core::validate::ValidationError> {
    use crate::core::validate::ValidationError;
    let tree = crate::core::json::to_value(input)
        .map_err(|_| ValidationError::new("input", "could not be read"))?;
    crate::core::request::prepare(Op::declaration(), Some(&tree))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::core::declaration::Rule;
    use crate::core::json::Value;

    /// The body the Rust face writes for `input`, parsed.
    pub(crate) fn body<Op: Operation>(input: &Op) -> serde_json::Value {
        match prepare(input) {
            Ok(request) => serde_json::from_str(&request.body).unwrap(),
            Err(err) => panic!("{} refused: {err}", Op::NAME),
        }
    }

    /// The field the Rust face's error names for `input`.
    pub(crate) fn invalid<Op: Operation>(input: &Op) -> String {
        match prepare(input) {
            Ok(request) => panic!("{} accepted: {}", Op::NAME, request.body),
            Err(err) => err.field().to_owned(),
        }
    }

    /// The body the npm face writes for the JSON text `input` of operation `Op`, parsed; or the
    /// field its error names.
    pub(crate) fn npm_body<Op: Operation>(input: &str) -> Result<serde_json::Value, String> {
        let tree = crate::core::json::parse(input);
        crate::core::request::prepare(Op::declaration(), tree.as_ref())
            .map(|request| serde_json::from_str(&request.body).unwrap())
            .map_err(|err| err.field().to_owned())
    }

    #[test]
    fn every_operation_is_found_by_its_wire_name() {
        let names: Vec<_> = ALL.iter().map(|op| op.name).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(!names[..i].contains(name), "{name} twice");
            assert!(std::ptr::eq(find(name).unwrap(), ALL[i]));
        }
        assert!(find("AdminDeleteUser").is_none());
    }

    /// Each request type serializes to fields its declaration lists (none left unchecked, also
    /// among the optional ones serde leaves out), with every required one present.
    pub(crate) fn fields_are_declared<Op: Operation + Default>() {
        let op = Op::declaration();
        crate::core::json::take_skipped();
        let Ok(Value::Object(fields)) = crate::core::json::to_value(&Op::default()) else {
            panic!("{} must serialize to an object", Op::NAME);
        };
        let skipped = crate::core::json::take_skipped();
        let keys = fields
            .iter()
            .map(|(key, _)| key.as_str())
            .chain(skipped.iter().copied());
        for key in keys {
            assert!(
                op.input.iter().any(|input| input.name == key),
                "{}.{key} is not declared",
                Op::NAME
            );
        }
        for input in op.input.iter().filter(|input| input.required) {
            assert!(
                fields.iter().any(|(key, _)| key == input.name),
                "{}.{} is required but the type can leave it out",
                Op::NAME,
                input.name
            );
        }
        // Every token, password, code, secret and session is a secret.
        for input in op.input {
            let secret_names = [
                "Token",
                "Password",
                "Code",
                "Secret",
                "SecretHash",
                "Session",
            ];
            if secret_names.iter().any(|end| input.name.ends_with(end)) {
                assert!(input.secret, "{}.{} must be a secret", Op::NAME, input.name);
            }
        }
    }

    /// The values a field of `op` may take, if it is one of a list.
    fn one_of(op: &Declaration, field: &str) -> &'static [&'static str] {
        match op
            .input
            .iter()
            .find(|input| input.name == field)
            .map(|input| &input.rule)
        {
            Some(Rule::OneOf(values)) => values,
            _ => panic!("{}.{field} is not a field with a list of values", op.name),
        }
    }

    #[test]
    fn fields_that_decide_are_declared_lists_and_their_values_are_listed() {
        use crate::core::declaration::{KeysBy, Repeat};
        for op in ALL {
            if let Repeat::SafeWhen { field, values } = op.repeat {
                let allowed = one_of(op, field);
                assert!(values.iter().all(|v| allowed.contains(v)), "{}", op.name);
            }
            for input in op.input {
                if let Rule::Map(map) = &input.rule {
                    if let Some(KeysBy { field, cases }) = &map.required_keys {
                        let allowed = one_of(op, field);
                        assert!(
                            cases.iter().all(|(v, _)| allowed.contains(v)),
                            "{}",
                            op.name
                        );
                    }
                }
            }
        }
    }
}
