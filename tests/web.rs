//! The Rust API in a real browser (headless Chromium or Firefox via wasm-bindgen-test-runner),
//! against the wire-format stub server (`STUB_URL`, set by `npm test` when compiling).
#![cfg(target_arch = "wasm32")]

use cognito_verify::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn stub() -> Client {
    let Some(url) = option_env!("STUB_URL") else {
        panic!("STUB_URL must be set when compiling: run the tests with `npm test`");
    };
    Client::new(ClientConfig {
        endpoint: Some(url.to_owned()),
        timeout_ms: Some(2_000),
        ..ClientConfig::default()
    })
    .expect("valid config")
}

fn send_code(token: &str) -> GetUserAttributeVerificationCodeRequest {
    GetUserAttributeVerificationCodeRequest {
        access_token: token.to_owned(),
        attribute_name: "email".to_owned(),
        client_metadata: None,
    }
}

#[wasm_bindgen_test]
async fn sends_a_code_and_reports_where_it_went() {
    let out = stub()
        .get_user_attribute_verification_code(&send_code("ok.rust1"), &CallOptions::default())
        .await
        .expect("success");
    let details = out.code_delivery_details.expect("details");
    assert_eq!(details.destination.as_deref(), Some("d***@e***"));
    assert_eq!(details.delivery_medium, Some(DeliveryMediumType::EMAIL));
    assert_eq!(out.metadata.http_status_code, Some(200));
    assert_eq!(out.metadata.attempts, 1);
    assert!(out
        .metadata
        .request_id
        .is_some_and(|id| id.starts_with("stub-")));
}

#[wasm_bindgen_test]
async fn limit_exceeded_is_a_typed_arm_and_not_retried() {
    let err = stub()
        .get_user_attribute_verification_code(
            &send_code("err.LimitExceededException.rust"),
            &CallOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            GetUserAttributeVerificationCodeError::LimitExceededException(_)
        ),
        "{err}"
    );
    assert_eq!(err.inner().metadata().attempts, 1);
    assert!(err.request_id().is_some());
    assert!(!err.inner().is_retryable());
}

#[wasm_bindgen_test]
async fn wrong_code_is_code_mismatch() {
    let verify = VerifyUserAttributeRequest {
        access_token: "err.CodeMismatchException.rust".into(),
        attribute_name: "email".into(),
        code: "000000".into(),
    };
    let err = stub()
        .verify_user_attribute(&verify, &CallOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        VerifyUserAttributeError::CodeMismatchException(_)
    ));
    assert_eq!(err.code(), "CodeMismatchException");
}

#[wasm_bindgen_test]
async fn throttling_is_retried_then_succeeds() {
    // Unique per run: the stub counts throttles per token.
    let stamp = (js_sys::Date::now() as u64).to_string();
    let get_user = GetUserRequest {
        access_token: ["throttle.1.rust", &stamp].concat(),
    };
    let out = stub()
        .get_user(&get_user, &CallOptions::default())
        .await
        .expect("success after a retry");
    assert_eq!(out.metadata.attempts, 2);
    assert_eq!(out.attribute("email_verified"), Some("false"));
}

#[wasm_bindgen_test]
async fn times_out_then_gives_up() {
    let client = Client::new(ClientConfig {
        endpoint: option_env!("STUB_URL").map(str::to_owned),
        max_attempts: Some(1),
        timeout_ms: Some(150),
        ..ClientConfig::default()
    })
    .unwrap();
    let err = client
        .get_user(
            &GetUserRequest {
                access_token: "hang.rust".into(),
            },
            &CallOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, GetUserError::TimeoutError(_)), "{err}");
}

#[wasm_bindgen_test]
async fn abort_signal_ends_the_call() {
    let controller = web_sys::AbortController::new().unwrap();
    let options = CallOptions {
        abort_signal: Some(controller.signal()),
        timeout_ms: None,
    };
    controller.abort();
    let err = stub()
        .get_user(
            &GetUserRequest {
                access_token: "ok.abort".into(),
            },
            &options,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, GetUserError::AbortError(_)));
    assert_eq!(err.inner().metadata().attempts, 0);
}

#[wasm_bindgen_test]
async fn bad_input_fails_before_sending() {
    let err = stub()
        .get_user_attribute_verification_code(&send_code("has space"), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        GetUserAttributeVerificationCodeError::ValidationError(_)
    ));
    assert_eq!(err.inner().field(), Some("AccessToken"));
    assert!(
        !err.message().contains("has space"),
        "the token is never echoed"
    );
}

#[wasm_bindgen_test]
async fn a_redirect_is_not_followed() {
    // The stub answers 307 to another path that would succeed: the token must not go there.
    let err = stub()
        .get_user_attribute_verification_code(&send_code("redirect.rust"), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err, GetUserAttributeVerificationCodeError::NetworkError(_)),
        "{err}"
    );
    assert_eq!(err.inner().metadata().attempts, 1);
}

#[wasm_bindgen_test]
async fn a_whole_reply_is_taken_without_waiting_for_the_end_of_its_stream() {
    // The stub sends the whole reply and keeps the response open: waiting for the end times out.
    let out = stub()
        .get_user_attribute_verification_code(&send_code("noend.rust"), &CallOptions::default())
        .await
        .expect("taken once whole");
    let details = out.code_delivery_details.expect("details");
    assert_eq!(details.destination.as_deref(), Some("d***@e***"));
    assert!(out.metadata.request_id.is_some());
}

#[wasm_bindgen_test]
async fn a_whole_reply_stands_before_junk_and_after_a_byte_order_mark() {
    for token in ["trailing.rust", "bom.rust"] {
        let out = stub()
            .get_user_attribute_verification_code(&send_code(token), &CallOptions::default())
            .await
            .unwrap_or_else(|err| panic!("{token}: {err}"));
        let details = out.code_delivery_details.expect("details");
        assert_eq!(details.destination.as_deref(), Some("d***@e***"), "{token}");
    }
}

#[wasm_bindgen_test]
async fn a_reply_cut_after_an_inner_brace_waits_for_the_rest() {
    let out = stub()
        .get_user(
            &GetUserRequest {
                access_token: "splitjson.100.rust".into(),
            },
            &CallOptions::default(),
        )
        .await
        .expect("the whole reply");
    let names: Vec<_> = out
        .user_attributes
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, ["sub", "email", "email_verified"]);
}

#[wasm_bindgen_test]
async fn oversized_and_non_utf8_replies_are_invalid_responses() {
    for token in ["bigchunked.rust", "badutf8.rust"] {
        let err = stub()
            .get_user(
                &GetUserRequest {
                    access_token: token.into(),
                },
                &CallOptions::default(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err, GetUserError::InvalidResponseError(_)),
            "{token}: {err}"
        );
    }
}
