//! A Rust front-end app that uses cognito-verify's Rust API. Its exports are named like the npm
//! build's (`start`, `configure`, `reply`, `fail`, `finish`), as most wasm-bindgen apps name at least
//! `start`: the crate must not export anything of its own into an app.

use cognito_verify::{
    CallOptions, Client, ClientConfig, GetUserAttributeVerificationCodeError,
    GetUserAttributeVerificationCodeRequest, GetUserRequest, InitiateAuthRequest,
};
use wasm_bindgen::prelude::*;

/// The app's own `start`.
#[wasm_bindgen]
pub fn start() -> String {
    "the app started".into()
}

/// The app's own `configure`.
#[wasm_bindgen]
pub fn configure(setting: &str) -> String {
    ["configured ", setting].concat()
}

/// The app's own `reply`.
#[wasm_bindgen]
pub fn reply() -> u32 {
    1
}

/// The app's own `fail`.
#[wasm_bindgen]
pub fn fail() -> u32 {
    2
}

/// The app's own `finish`.
#[wasm_bindgen]
pub fn finish() -> u32 {
    3
}

fn client(endpoint: String) -> Result<Client, JsValue> {
    Client::new(ClientConfig {
        endpoint: Some(endpoint),
        ..ClientConfig::default()
    })
    .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Sends a verification code to the email of the user `access_token` belongs to: where it went,
/// or the typed error's AWS name.
#[wasm_bindgen]
pub async fn send_code(endpoint: String, access_token: String) -> Result<String, JsValue> {
    let request = GetUserAttributeVerificationCodeRequest {
        access_token,
        attribute_name: "email".into(),
        client_metadata: None,
    };
    match client(endpoint)?
        .get_user_attribute_verification_code(&request, &CallOptions::default())
        .await
    {
        Ok(sent) => Ok(sent
            .code_delivery_details
            .and_then(|details| details.destination)
            .unwrap_or_default()),
        Err(GetUserAttributeVerificationCodeError::LimitExceededException(_)) => {
            Err("wait before asking again".into())
        }
        Err(other) => Err(other.code().into()),
    }
}

/// Signs in with a password and reads the user's email: `email verified=<true|false>`.
#[wasm_bindgen]
pub async fn sign_in(
    endpoint: String,
    client_id: String,
    username: String,
    password: String,
) -> Result<String, JsValue> {
    let client = client(endpoint)?;
    let mut parameters = cognito_verify::StringMap::new();
    parameters.insert("USERNAME".into(), username);
    parameters.insert("PASSWORD".into(), password);
    let signed_in = client
        .initiate_auth(
            &InitiateAuthRequest {
                client_id,
                auth_parameters: parameters,
                ..InitiateAuthRequest::default()
            },
            &CallOptions::default(),
        )
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let access_token = signed_in
        .authentication_result
        .and_then(|tokens| tokens.access_token)
        .ok_or("no tokens: a challenge")?;
    let user = client
        .get_user(&GetUserRequest { access_token }, &CallOptions::default())
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok([
        user.attribute("email").unwrap_or_default(),
        " verified=",
        user.attribute("email_verified").unwrap_or("false"),
    ]
    .concat())
}
