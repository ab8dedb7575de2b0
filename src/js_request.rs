//! Reads an operation's input (the npm entry's JSON text of it), checks it field by field and writes
//! the JSON body: one table-driven reader for every operation of the JS API (far less code than one
//! per operation).

use crate::call::Prepared;
use crate::js_input::Fields;
use crate::json::{JsonObject, Value};
use crate::model::*;
use crate::operation::Operation;
use crate::shape::Shape;
use crate::text::decimal;
use crate::text::Cat;
use crate::validate::{self, ValidationError};

/// An input field, read and checked by the rules of its kind.
#[derive(Clone, Copy)]
enum Input {
    AccessToken,
    AttributeName,
    Code,
    UserAttributes,
    ClientMetadata,
    AuthFlow,
    ClientId,
    AuthParameters,
}

impl Input {
    fn key(self) -> &'static str {
        match self {
            Input::AccessToken => "AccessToken",
            Input::AttributeName => "AttributeName",
            Input::Code => "Code",
            Input::UserAttributes => "UserAttributes",
            Input::ClientMetadata => "ClientMetadata",
            Input::AuthFlow => "AuthFlow",
            Input::ClientId => "ClientId",
            Input::AuthParameters => "AuthParameters",
        }
    }
}

/// What the JS API needs to run an operation.
pub(crate) struct JsOperation {
    name: &'static str,
    inputs: &'static [Input],
    shape: &'static Shape,
    repeatable: bool,
}

const fn operation<Op: Operation>(inputs: &'static [Input]) -> JsOperation {
    JsOperation {
        name: Op::NAME,
        inputs,
        shape: Op::OUTPUT_SHAPE,
        repeatable: Op::REPEATABLE,
    }
}

/// The operations, by the number the npm entry's methods pass (see `js/index.js`).
pub(crate) const OPERATIONS: [JsOperation; 5] = [
    operation::<GetUserAttributeVerificationCodeRequest>(&[
        Input::AccessToken,
        Input::AttributeName,
        Input::ClientMetadata,
    ]),
    operation::<VerifyUserAttributeRequest>(&[
        Input::AccessToken,
        Input::AttributeName,
        Input::Code,
    ]),
    operation::<GetUserRequest>(&[Input::AccessToken]),
    operation::<UpdateUserAttributesRequest>(&[
        Input::AccessToken,
        Input::UserAttributes,
        Input::ClientMetadata,
    ]),
    operation::<InitiateAuthRequest>(&[
        Input::AuthFlow,
        Input::ClientId,
        Input::AuthParameters,
        Input::ClientMetadata,
    ]),
];

/// Checks `input` (`None`: not given) for `op` and encodes it, without sending anything.
pub(crate) fn prepare(
    op: &JsOperation,
    input: Option<&Value>,
) -> Result<Prepared, ValidationError> {
    let input = Fields::top("input", input)?;
    let mut body = JsonObject::new();
    let mut secrets = Vec::new();
    let mut flow = AuthFlow::USER_PASSWORD_AUTH;
    for &field in op.inputs {
        let key = field.key();
        match field {
            Input::AccessToken => {
                let token = input.string(key)?;
                validate::access_token(key, token)?;
                body.string(key, token);
                secrets.push(token.to_owned());
            }
            Input::AttributeName | Input::Code | Input::ClientId => {
                let text = input.string(key)?;
                match field {
                    Input::AttributeName => validate::attribute_name(key, text)?,
                    Input::Code => validate::code(key, text)?,
                    _ => validate::client_id(key, text)?,
                }
                body.string(key, text);
            }
            Input::AuthFlow => {
                flow = AuthFlow::parse(input.string(key)?).ok_or_else(|| {
                    ValidationError::new(key, "must be USER_PASSWORD_AUTH or REFRESH_TOKEN_AUTH")
                })?;
                body.string(key, flow.as_str());
            }
            Input::UserAttributes => {
                let (field, items) = input.list(key)?;
                if items.is_empty() {
                    return Err(ValidationError::new(
                        &field,
                        "must list at least one attribute",
                    ));
                }
                let mut attributes = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let path = [field.as_str(), "[", &decimal(i as u64), "]"].cat();
                    let attribute = Fields::of(&path, item)?;
                    let (name, value) = (attribute.string("Name")?, attribute.string("Value")?);
                    validate::attribute_name(&attribute.name("Name"), name)?;
                    validate::attribute_value(&attribute.name("Value"), value)?;
                    attributes.push((name, value));
                }
                body.list(key, &attributes, |object, (name, value)| {
                    object.string("Name", name).string("Value", value);
                });
            }
            Input::ClientMetadata => {
                if let Some(pairs) = input.opt_string_map(key)? {
                    body.string_map(key, Some(pairs.iter().copied()));
                }
            }
            Input::AuthParameters => {
                let pairs = input.string_map(key)?;
                let get = |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
                validate::auth_parameters(flow, get)?;
                for secret in SECRET_AUTH_PARAMETERS.iter().filter_map(|k| get(k)) {
                    secrets.push(secret.to_owned());
                }
                body.string_map(key, Some(pairs.iter().copied()));
            }
        }
    }
    Ok(Prepared::new(
        op.name,
        body.finish(),
        op.shape,
        op.repeatable,
        secrets,
    ))
}
