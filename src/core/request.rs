//! Turns an operation's input into a request by its declaration: every field checked by its rule,
//! the JSON body written with the declared fields only, the secrets noted. Both faces come here: the
//! npm entry with the JSON text of the caller's object, the Rust API with its request type
//! serialized (`crate::core::json::to_value`).

use crate::core::declaration::{Declaration, Input, KeysBy, MapRule, Repeat, Rule, Text};
use crate::core::input::{Fields, Pairs};
use crate::core::json::{JsonObject, Value};
use crate::core::shape::Shape;
use crate::core::text::{decimal, Cat};
use crate::core::validate::ValidationError;

/// A validated, encoded request with what is needed to read its reply.
pub(crate) struct Prepared {
    /// The `X-Amz-Target` header.
    pub(crate) target: String,
    /// The JSON body.
    pub(crate) body: String,
    /// The output's shape.
    pub(crate) shape: &'static Shape,
    /// Whether it may be sent again after a timeout or a dropped connection.
    pub(crate) repeatable: bool,
    /// The input's secrets, scrubbed from any error message.
    pub(crate) secrets: Vec<String>,
}

/// Checks `input` (`None`: not given) for operation `op` and encodes it, without sending anything.
pub(crate) fn prepare(
    op: &'static Declaration,
    input: Option<&Value>,
) -> Result<Prepared, ValidationError> {
    let fields = Fields::top("input", input)?;
    let mut body = JsonObject::new();
    let mut secrets = Vec::new();
    for field in op.input {
        write_field(field, &fields, &mut body, &mut secrets)?;
    }
    Ok(Prepared {
        target: ["AWSCognitoIdentityProviderService.", op.name].cat(),
        body: body.finish(),
        shape: op.output,
        repeatable: match op.repeat {
            Repeat::Safe => true,
            Repeat::Once => false,
            Repeat::SafeWhen { field, values } => fields
                .opt_string(field)
                .is_ok_and(|value| value.is_some_and(|v| values.contains(&v))),
        },
        secrets,
    })
}

/// Checks one declared field of the input and writes it to `body`, if present.
fn write_field(
    field: &Input,
    fields: &Fields,
    body: &mut JsonObject,
    secrets: &mut Vec<String>,
) -> Result<(), ValidationError> {
    let key = field.name;
    let present = match &field.rule {
        Rule::Text(check) => fields.opt_string(key)?.map(|text| {
            check.check(key, text)?;
            body.string(key, text);
            if field.secret {
                secrets.push(text.to_owned());
            }
            Ok(())
        }),
        Rule::OneOf(values) => fields.opt_string(key)?.map(|text| {
            if !values.contains(&text) {
                return Err(ValidationError::new(key, &one_of(values)));
            }
            body.string(key, text);
            Ok(())
        }),
        Rule::Map(rule) => fields.opt_string_map(key)?.map(|pairs| {
            check_map(key, rule, &pairs, fields, secrets)?;
            body.string_map(key, Some(pairs.iter().copied()));
            Ok(())
        }),
        Rule::Bool => fields.opt_bool(key)?.map(|value| {
            body.raw(key, if value { "true" } else { "false" });
            Ok(())
        }),
        Rule::Attributes { non_empty } => fields
            .opt_list(key)?
            .map(|(name, items)| write_attributes(key, &name, items, *non_empty, body)),
    };
    match present {
        Some(written) => written,
        None if field.required => Err(fields.missing(key)),
        None => Ok(()),
    }
}

/// A list of `{Name, Value?}` user attributes, at `name`.
fn write_attributes(
    key: &str,
    name: &str,
    items: &[Value],
    non_empty: bool,
    body: &mut JsonObject,
) -> Result<(), ValidationError> {
    if non_empty && items.is_empty() {
        return Err(ValidationError::new(
            name,
            "must list at least one attribute",
        ));
    }
    let mut attributes = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = [name, "[", &decimal(i as u64), "]"].cat();
        let attribute = Fields::of(&path, item)?;
        let name = attribute.string("Name")?;
        Text::AttributeName.check(&attribute.name("Name"), name)?;
        let value = attribute.opt_string("Value")?;
        if let Some(value) = value {
            Text::AttributeValue.check(&attribute.name("Value"), value)?;
        }
        attributes.push((name, value));
    }
    body.list(key, &attributes, |object, (name, value)| {
        object.string("Name", name);
        if let Some(value) = value {
            object.string("Value", value);
        }
    });
    Ok(())
}

/// `must be one of A, B, C`.
fn one_of(values: &[&str]) -> String {
    let mut text = String::from("must be one of");
    for (i, value) in values.iter().enumerate() {
        text.push_str(if i == 0 { " " } else { ", " });
        text.push_str(value);
    }
    text
}

/// A map's required keys (by another field's value) and secret values.
fn check_map(
    key: &str,
    rule: &MapRule,
    pairs: &Pairs,
    fields: &Fields,
    secrets: &mut Vec<String>,
) -> Result<(), ValidationError> {
    let get = |name: &str| {
        let mut at = 0;
        while at < pairs.len() && pairs[at].0 != name {
            at += 1;
        }
        pairs.get(at).map(|(_, value)| *value)
    };
    if let Some(KeysBy { field, cases }) = &rule.required_keys {
        let by = fields.opt_string(field)?.unwrap_or_default();
        let mut case = 0;
        while case < cases.len() && cases[case].0 != by {
            case += 1;
        }
        for required in cases.get(case).map_or(&[][..], |(_, keys)| keys) {
            if get(required).is_none_or(str::is_empty) {
                return Err(ValidationError::new(
                    &[key, ".", required].cat(),
                    &["is required for ", by].cat(),
                ));
            }
        }
    }
    for name in rule.secret_keys {
        if let Some(secret) = get(name) {
            secrets.push(secret.to_owned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::declaration::{optional, required, STRING_MAP};
    use crate::core::json;

    static SHAPE: Shape = Shape::Object(&[]);

    static OP: Declaration = Declaration {
        name: "Example",
        input: &[
            required("Token", Rule::Text(Text::Token)).secret(),
            required("Flow", Rule::OneOf(&["A", "B", "C"])),
            optional(
                "Params",
                Rule::Map(&MapRule {
                    secret_keys: &["PASS"],
                    required_keys: Some(KeysBy {
                        field: "Flow",
                        cases: &[("A", &["USER", "PASS"])],
                    }),
                }),
            ),
            optional("Meta", STRING_MAP),
            optional("Attributes", Rule::Attributes { non_empty: true }),
        ],
        output: &SHAPE,
        repeat: Repeat::Once,
    };

    fn prepared(json: &str) -> Result<Prepared, ValidationError> {
        prepare(&OP, json::parse(json).as_ref())
    }

    fn field(json: &str) -> String {
        prepared(json).err().expect("an error").field().to_owned()
    }

    #[test]
    fn writes_declared_fields_in_order_and_notes_secrets() {
        let request = prepared(
            r#"{"Extra":1,"Flow":"A","Token":"t.o.k","Params":{"USER":"u","PASS":"p\"w"},"Attributes":[{"Name":"email","Value":"a@b"},{"Name":"x"}]}"#,
        )
        .unwrap();
        assert_eq!(request.target, "AWSCognitoIdentityProviderService.Example");
        assert_eq!(
            request.body,
            r#"{"Token":"t.o.k","Flow":"A","Params":{"USER":"u","PASS":"p\"w"},"Attributes":[{"Name":"email","Value":"a@b"},{"Name":"x"}]}"#
        );
        assert_eq!(request.secrets, ["t.o.k", "p\"w"]);
        assert!(!request.repeatable);
    }

    #[test]
    fn names_the_field_that_breaks_a_rule() {
        assert_eq!(field(r#"{"Flow":"A"}"#), "Token");
        assert_eq!(field(r#"{"Token":"a b","Flow":"A"}"#), "Token");
        assert_eq!(field(r#"{"Token":"t"}"#), "Flow");
        assert_eq!(field(r#"{"Token":"t","Flow":null}"#), "Flow");
        assert_eq!(
            field(r#"{"Token":"t","Flow":"A","Params":{"USER":"u"}}"#),
            "Params.PASS"
        );
        assert_eq!(
            field(r#"{"Token":"t","Flow":"A","Params":{"USER":"u","PASS":""}}"#),
            "Params.PASS"
        );
        assert_eq!(
            field(r#"{"Token":"t","Flow":"B","Meta":{"__proto__":"x"}}"#),
            "Meta.__proto__"
        );
        assert_eq!(
            field(r#"{"Token":"t","Flow":"B","Attributes":[]}"#),
            "Attributes"
        );
        assert_eq!(
            field(r#"{"Token":"t","Flow":"B","Attributes":[{"Name":"email"},{"Value":"v"}]}"#),
            "Attributes[1].Name"
        );
        assert_eq!(
            field(r#"{"Token":"t","Flow":"B","Attributes":[{"Name":"a","Value":5}]}"#),
            "Attributes[0].Value"
        );
        assert_eq!(field("[]"), "input");
        assert_eq!(prepare(&OP, None).err().unwrap().field(), "input");
    }

    #[test]
    fn messages() {
        let err = prepared(r#"{"Token":"t","Flow":"D"}"#).err().unwrap();
        assert_eq!(err.message(), "Flow must be one of A, B, C");
        let err = prepared(r#"{"Token":"t","Flow":"A","Params":{}}"#)
            .err()
            .unwrap();
        assert_eq!(err.message(), "Params.USER is required for A");
        let long = [
            "{\"Token\":\"t\",\"Flow\":\"B\",\"Attributes\":[",
            &vec!["{\"Name\":\"a\"}"; 1001].join(","),
            "]}",
        ]
        .concat();
        assert_eq!(
            prepared(&long).err().unwrap().message(),
            "Attributes must have at most 1000 items"
        );
    }
}
