//! The crate built for a native target, as a server-side render of a Leptos or Dioxus app builds it:
//! the Rust API compiles, and a call resolves to `UnsupportedRuntimeError` without touching any
//! browser API (no panic), and so does the verification flow.
#![cfg(not(target_arch = "wasm32"))]

use cognito_verify::*;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

/// Polls `future` to its end on this thread (the calls never wait on anything natively).
fn block_on<F: Future>(future: F) -> F::Output {
    const VTABLE: RawWakerVTable = RawWakerVTable::new(
        |_| RawWaker::new(std::ptr::null(), &VTABLE),
        |_| {},
        |_| {},
        |_| {},
    );
    // SAFETY: the vtable's functions ignore the (null) data pointer.
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut future = pin!(future);
    let mut context = Context::from_waker(&waker);
    for _ in 0..1_000 {
        if let Poll::Ready(out) = future.as_mut().poll(&mut context) {
            return out;
        }
    }
    panic!("the call did not resolve natively");
}

fn client() -> Client {
    Client::new(ClientConfig {
        region: Some("eu-west-1".to_owned()),
        ..ClientConfig::default()
    })
    .expect("valid config")
}

#[test]
fn a_native_call_resolves_to_unsupported_runtime_error() {
    let client = client();
    let err = block_on(client.get_user_attribute_verification_code(
        &GetUserAttributeVerificationCodeRequest {
            access_token: "eyJraWQ.eyJzdWIi.c2ln".to_owned(),
            attribute_name: "email".to_owned(),
            client_metadata: None,
        },
        &CallOptions::default(),
    ))
    .unwrap_err();
    assert!(matches!(
        err,
        GetUserAttributeVerificationCodeError::UnsupportedRuntimeError(_)
    ));
    assert_eq!(err.code(), "UnsupportedRuntimeError");
    assert!(!err.inner().is_retryable());
    assert_eq!(err.inner().metadata().attempts, 0);
    // Error + Display, as any Rust error.
    let as_error: &dyn std::error::Error = err.inner();
    assert!(as_error.to_string().contains("browser's fetch"));
}

#[test]
fn bad_input_is_still_refused_first_natively() {
    let client = client();
    let err = block_on(client.get_user(
        &GetUserRequest {
            access_token: "has space".to_owned(),
        },
        &CallOptions::default(),
    ))
    .unwrap_err();
    assert!(matches!(err, GetUserError::ValidationError(_)));
}

#[test]
fn the_verification_flow_natively_reports_the_error_instead_of_panicking() {
    use cognito_verify::flow::{Attribute, TokenFuture, TokenSource, VerifyFlow};
    struct Token;
    impl TokenSource for Token {
        fn access_token(&self) -> TokenFuture<'_, String> {
            Box::pin(async { Ok("eyJraWQ.eyJzdWIi.c2ln".to_owned()) })
        }
    }
    let flow = VerifyFlow::new(client(), Attribute::Email, Token);
    assert_eq!(block_on(flow.load()), Ok(()));
    let state = flow.state();
    assert_eq!(
        state.problem.as_ref().map(|p| p.name.as_str()),
        Some("UnsupportedRuntimeError")
    );
    assert_eq!(state.busy, None);
}
