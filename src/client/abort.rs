//! Per-attempt abort (timeout or caller) and abortable sleeps, without Rust closures: the browser
//! calls bound JS functions, so nothing leaks when a timer never fires.

use crate::core::error::CognitoError;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

fn listen(signal: &AbortSignal, handler: &Function) {
    // Cannot fail for a real AbortSignal.
    let _ = signal.add_event_listener_with_callback("abort", handler);
}

fn unlisten(signal: &AbortSignal, handler: &Function) {
    let _ = signal.remove_event_listener_with_callback("abort", handler);
}

/// Aborts one attempt when its timeout passes or the caller's signal fires. Dropping it clears the
/// timer and the listener.
pub(crate) struct AttemptAbort {
    controller: AbortController,
    abort: Function,
    timer: JsValue,
    caller: Option<AbortSignal>,
    timeout_ms: u32,
}

impl AttemptAbort {
    pub(crate) fn start(
        timeout_ms: u32,
        caller: Option<&AbortSignal>,
    ) -> Result<Self, CognitoError> {
        let controller = AbortController::new()
            .map_err(|_| CognitoError::network("AbortController unavailable"))?;
        let abort: Function = Reflect::get(&controller, &JsValue::from_str("abort"))
            .map_err(|_| CognitoError::network("AbortController unavailable"))?
            .unchecked_into();
        // Bound with an undefined reason so the listener's Event is not taken as one.
        let abort: Function = abort
            .bind1(&controller, &JsValue::UNDEFINED)
            .unchecked_into();
        let timer = set_timeout(&abort, timeout_ms.min(i32::MAX as u32) as i32);
        if let Some(signal) = caller {
            listen(signal, &abort);
        }
        Ok(AttemptAbort {
            controller,
            abort,
            timer,
            caller: caller.cloned(),
            timeout_ms,
        })
    }

    pub(crate) fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// Aborts the attempt now: its fetch ends and the connection is closed (cancelling the body's
    /// stream alone leaves it open in Firefox).
    pub(crate) fn now(&self) {
        self.controller.abort();
    }

    /// A promise that resolves when the attempt is aborted (its timeout or the caller's signal).
    pub(crate) fn aborted(&self) -> Promise {
        let signal = self.controller.signal();
        Promise::new(&mut |resolve, _| listen(&signal, &resolve))
    }

    /// Explains why fetch or the body read failed (browsers say no more than "Failed to fetch", so
    /// as the npm entry, the error does not quote them).
    pub(crate) fn failure(&self) -> CognitoError {
        if self.caller.as_ref().is_some_and(AbortSignal::aborted) {
            CognitoError::aborted()
        } else if self.controller.signal().aborted() {
            CognitoError::timeout(self.timeout_ms)
        } else {
            CognitoError::network("fetch failed")
        }
    }
}

impl Drop for AttemptAbort {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some(signal) = &self.caller {
            unlisten(signal, &self.abort);
        }
    }
}

/// Waits `ms`, or fails with `AbortError` as soon as `caller` fires.
pub(crate) async fn sleep(ms: u32, caller: Option<&AbortSignal>) -> Result<(), CognitoError> {
    if caller.is_some_and(AbortSignal::aborted) {
        return Err(CognitoError::aborted());
    }
    let mut handlers: Option<(Function, Function)> = None;
    let promise = Promise::new(&mut |resolve, reject| handlers = Some((resolve, reject)));
    let Some((resolve, reject)) = handlers else {
        return Ok(());
    };
    let timer = set_timeout(&resolve, ms.min(i32::MAX as u32) as i32);
    if let Some(signal) = caller {
        listen(signal, &reject);
    }
    let outcome = JsFuture::from(promise).await;
    clear_timeout(&timer);
    if let Some(signal) = caller {
        unlisten(signal, &reject);
    }
    outcome.map(|_| ()).map_err(|_| CognitoError::aborted())
}
