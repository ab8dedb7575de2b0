//! Each operation's wire name, output type, error type, input rules and request encoding.

use crate::error::CognitoError;
use crate::json::JsonObject;
use crate::model::*;
use crate::operation_errors::*;
use crate::shape::{self, Shape};
use crate::validate::{self, ValidationError};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A Cognito user-pools operation, implemented by its request type.
pub trait Operation {
    /// The wire name, after `AWSCognitoIdentityProviderService.`.
    const NAME: &'static str;
    /// What a success returns.
    type Output: DeserializeOwned + Serialize + WithMetadata;
    /// The typed error.
    type Error: From<CognitoError>;
    /// The output's JSON shape, checked before decoding.
    const OUTPUT_SHAPE: &'static Shape;
    /// Whether sending it twice is harmless. Operations that send a code or change state are not:
    /// after a timeout or a dropped connection the first request may have arrived, so they are not
    /// repeated (a second code would also count toward `LimitExceededException`).
    const REPEATABLE: bool;
    /// Checks the input against the API reference's rules.
    fn validate(&self) -> Result<(), ValidationError>;
    /// The JSON request body.
    fn encode(&self) -> String;
    /// Secrets in this input, scrubbed from any error message.
    fn secrets(&self) -> Vec<&str>;
}

/// Outputs carry `$metadata`.
pub trait WithMetadata {
    /// Mutable access to it.
    fn metadata_mut(&mut self) -> &mut ResponseMetadata;
}

macro_rules! with_metadata {
    ($($t:ty),*) => {$(
        impl WithMetadata for $t {
            fn metadata_mut(&mut self) -> &mut ResponseMetadata {
                &mut self.metadata
            }
        }
    )*};
}

with_metadata!(
    GetUserAttributeVerificationCodeResponse,
    VerifyUserAttributeResponse,
    GetUserResponse,
    UpdateUserAttributesResponse,
    InitiateAuthResponse
);

fn metadata_map(field: &str, map: &Option<StringMap>) -> Result<(), ValidationError> {
    map.as_ref()
        .map_or(Ok(()), |m| validate::string_map(field, m))
}

impl Operation for GetUserAttributeVerificationCodeRequest {
    const NAME: &'static str = "GetUserAttributeVerificationCode";
    type Output = GetUserAttributeVerificationCodeResponse;
    type Error = GetUserAttributeVerificationCodeError;
    const OUTPUT_SHAPE: &'static Shape = &shape::GET_USER_ATTRIBUTE_VERIFICATION_CODE;
    const REPEATABLE: bool = false;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::access_token("AccessToken", &self.access_token)?;
        validate::attribute_name("AttributeName", &self.attribute_name)?;
        metadata_map("ClientMetadata", &self.client_metadata)
    }

    fn encode(&self) -> String {
        let mut body = JsonObject::new();
        body.string("AccessToken", &self.access_token)
            .string("AttributeName", &self.attribute_name)
            .string_map("ClientMetadata", self.client_metadata.as_ref());
        body.finish()
    }

    fn secrets(&self) -> Vec<&str> {
        vec![&self.access_token]
    }
}

impl Operation for VerifyUserAttributeRequest {
    const NAME: &'static str = "VerifyUserAttribute";
    type Output = VerifyUserAttributeResponse;
    type Error = VerifyUserAttributeError;
    const OUTPUT_SHAPE: &'static Shape = &shape::VERIFY_USER_ATTRIBUTE;
    const REPEATABLE: bool = false;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::access_token("AccessToken", &self.access_token)?;
        validate::attribute_name("AttributeName", &self.attribute_name)?;
        validate::code("Code", &self.code)
    }

    fn encode(&self) -> String {
        let mut body = JsonObject::new();
        body.string("AccessToken", &self.access_token)
            .string("AttributeName", &self.attribute_name)
            .string("Code", &self.code);
        body.finish()
    }

    fn secrets(&self) -> Vec<&str> {
        vec![&self.access_token]
    }
}

impl Operation for GetUserRequest {
    const NAME: &'static str = "GetUser";
    type Output = GetUserResponse;
    type Error = GetUserError;
    const OUTPUT_SHAPE: &'static Shape = &shape::GET_USER;
    const REPEATABLE: bool = true;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::access_token("AccessToken", &self.access_token)
    }

    fn encode(&self) -> String {
        let mut body = JsonObject::new();
        body.string("AccessToken", &self.access_token);
        body.finish()
    }

    fn secrets(&self) -> Vec<&str> {
        vec![&self.access_token]
    }
}

impl Operation for UpdateUserAttributesRequest {
    const NAME: &'static str = "UpdateUserAttributes";
    type Output = UpdateUserAttributesResponse;
    type Error = UpdateUserAttributesError;
    const OUTPUT_SHAPE: &'static Shape = &shape::UPDATE_USER_ATTRIBUTES;
    const REPEATABLE: bool = false;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::access_token("AccessToken", &self.access_token)?;
        if self.user_attributes.is_empty() {
            return Err(ValidationError::new(
                "UserAttributes",
                "must list at least one attribute",
            ));
        }
        for (i, attr) in self.user_attributes.iter().enumerate() {
            validate::user_attribute(i, &attr.name, &attr.value)?;
        }
        metadata_map("ClientMetadata", &self.client_metadata)
    }

    fn encode(&self) -> String {
        let mut body = JsonObject::new();
        body.string("AccessToken", &self.access_token)
            .list("UserAttributes", &self.user_attributes, |o, a| {
                o.string("Name", &a.name).string("Value", &a.value);
            })
            .string_map("ClientMetadata", self.client_metadata.as_ref());
        body.finish()
    }

    fn secrets(&self) -> Vec<&str> {
        vec![&self.access_token]
    }
}

impl Operation for InitiateAuthRequest {
    const NAME: &'static str = "InitiateAuth";
    type Output = InitiateAuthResponse;
    type Error = InitiateAuthError;
    const OUTPUT_SHAPE: &'static Shape = &shape::INITIATE_AUTH;
    const REPEATABLE: bool = true;

    fn validate(&self) -> Result<(), ValidationError> {
        validate::client_id("ClientId", &self.client_id)?;
        validate::string_map("AuthParameters", &self.auth_parameters)?;
        validate::auth_parameters(self.auth_flow, |key| {
            self.auth_parameters.get(key).map(String::as_str)
        })?;
        metadata_map("ClientMetadata", &self.client_metadata)
    }

    fn encode(&self) -> String {
        let mut body = JsonObject::new();
        body.string("AuthFlow", self.auth_flow.as_str())
            .string("ClientId", &self.client_id)
            .string_map("AuthParameters", Some(&self.auth_parameters))
            .string_map("ClientMetadata", self.client_metadata.as_ref());
        body.finish()
    }

    fn secrets(&self) -> Vec<&str> {
        SECRET_AUTH_PARAMETERS
            .iter()
            .filter_map(|k| self.auth_parameters.get(*k).map(String::as_str))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn token() -> String {
        "eyJraWQiOiJrIn0.eyJzdWIiOiJ1In0.c2ln".to_owned()
    }

    fn parsed(op: &impl Operation) -> Value {
        serde_json::from_str(&op.encode()).unwrap()
    }

    #[test]
    fn encodes_get_user_attribute_verification_code() {
        let mut meta = StringMap::new();
        meta.insert("source".into(), "web".into());
        let req = GetUserAttributeVerificationCodeRequest {
            access_token: token(),
            attribute_name: "email".into(),
            client_metadata: Some(meta),
        };
        assert!(req.validate().is_ok());
        assert_eq!(
            parsed(&req),
            json!({"AccessToken": token(), "AttributeName": "email", "ClientMetadata": {"source": "web"}})
        );
        let bare = GetUserAttributeVerificationCodeRequest {
            client_metadata: None,
            ..req
        };
        assert_eq!(
            parsed(&bare),
            json!({"AccessToken": token(), "AttributeName": "email"})
        );
        assert_eq!(
            GetUserAttributeVerificationCodeRequest::NAME,
            "GetUserAttributeVerificationCode"
        );
    }

    #[test]
    fn encodes_the_other_operations() {
        let verify = VerifyUserAttributeRequest {
            access_token: token(),
            attribute_name: "email".into(),
            code: "123456".into(),
        };
        assert_eq!(
            parsed(&verify),
            json!({"AccessToken": token(), "AttributeName": "email", "Code": "123456"})
        );
        assert_eq!(
            parsed(&GetUserRequest {
                access_token: token()
            }),
            json!({"AccessToken": token()})
        );
        let update = UpdateUserAttributesRequest {
            access_token: token(),
            user_attributes: vec![AttributeType {
                name: "email".into(),
                value: "n@e.w".into(),
            }],
            client_metadata: None,
        };
        assert_eq!(
            parsed(&update),
            json!({"AccessToken": token(), "UserAttributes": [{"Name": "email", "Value": "n@e.w"}]})
        );
        let mut params = StringMap::new();
        params.insert("USERNAME".into(), "u".into());
        params.insert("PASSWORD".into(), "p\"w".into());
        let auth = InitiateAuthRequest {
            auth_flow: AuthFlow::USER_PASSWORD_AUTH,
            client_id: "abc".into(),
            auth_parameters: params,
            client_metadata: None,
        };
        assert!(auth.validate().is_ok());
        assert_eq!(
            parsed(&auth),
            json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "abc", "AuthParameters": {"PASSWORD": "p\"w", "USERNAME": "u"}})
        );
        assert_eq!(auth.secrets(), vec!["p\"w"]);
    }

    #[test]
    fn validation_names_the_field() {
        let field =
            |op: &dyn Fn() -> Result<(), ValidationError>| op().unwrap_err().field().to_owned();
        let bad_token = GetUserRequest {
            access_token: "a b".into(),
        };
        assert_eq!(field(&|| bad_token.validate()), "AccessToken");
        let verify = VerifyUserAttributeRequest {
            access_token: token(),
            attribute_name: "email".into(),
            code: "".into(),
        };
        assert_eq!(field(&|| verify.validate()), "Code");
        let empty = UpdateUserAttributesRequest {
            access_token: token(),
            user_attributes: vec![],
            client_metadata: None,
        };
        assert_eq!(field(&|| empty.validate()), "UserAttributes");
        let bad_attr = UpdateUserAttributesRequest {
            access_token: token(),
            user_attributes: vec![
                AttributeType {
                    name: "email".into(),
                    value: "x".into(),
                },
                AttributeType {
                    name: "".into(),
                    value: "x".into(),
                },
            ],
            client_metadata: None,
        };
        assert_eq!(field(&|| bad_attr.validate()), "UserAttributes[1].Name");
        let refresh = InitiateAuthRequest {
            auth_flow: AuthFlow::REFRESH_TOKEN_AUTH,
            client_id: "abc".into(),
            ..Default::default()
        };
        assert_eq!(
            field(&|| refresh.validate()),
            "AuthParameters.REFRESH_TOKEN"
        );
        let bad_client = InitiateAuthRequest {
            client_id: "a-b".into(),
            ..Default::default()
        };
        assert_eq!(field(&|| bad_client.validate()), "ClientId");
        let mut meta = StringMap::new();
        meta.insert("__proto__".into(), "x".into());
        let proto = GetUserAttributeVerificationCodeRequest {
            access_token: token(),
            attribute_name: "email".into(),
            client_metadata: Some(meta),
        };
        assert_eq!(field(&|| proto.validate()), "ClientMetadata.__proto__");
    }
}
