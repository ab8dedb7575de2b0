//! The calls in progress, by the number `start` handed out: each call's state machine, its
//! per-attempt timeout and the body of the attempt being read. Freed slots are reused.

use crate::core::body::BodyReader;
use crate::core::call::Call;
use std::cell::RefCell;

/// A call in progress.
pub(crate) struct Open {
    /// Its attempts so far.
    pub(crate) call: Call,
    /// Its per-attempt timeout (for the `TimeoutError` message).
    pub(crate) timeout_ms: u32,
    /// The body of the current attempt's reply, chunk by chunk.
    pub(crate) body: BodyReader,
}

thread_local! {
    static CALLS: RefCell<Vec<Option<Box<Open>>>> = const { RefCell::new(Vec::new()) };
}

/// Opens a call; returns its number.
pub(crate) fn open(call: Open) -> u32 {
    put(None, Box::new(call))
}

/// Takes call `id` out of the table (to close it, or to [`put`] it back after a step).
pub(crate) fn take(id: u32) -> Option<Box<Open>> {
    CALLS.with(|calls| calls.borrow_mut().get_mut(id as usize)?.take())
}

/// Puts a call into slot `id`, or into a free one (`None`); returns its number.
pub(crate) fn put(id: Option<u32>, call: Box<Open>) -> u32 {
    CALLS.with(|calls| {
        let mut calls = calls.borrow_mut();
        let free = match id {
            Some(id) => id as usize,
            None => {
                let mut free = 0;
                while free < calls.len() && calls[free].is_some() {
                    free += 1;
                }
                free
            }
        };
        if free == calls.len() {
            calls.push(None);
        }
        calls[free] = Some(call);
        free as u32
    })
}

/// Runs `f` on call `id` and keeps it open; `None` if no such call is open.
pub(crate) fn with<T>(id: u32, f: impl FnOnce(&mut Open) -> T) -> Option<T> {
    let mut open = take(id)?;
    let answer = f(&mut open);
    put(Some(id), open);
    Some(answer)
}
