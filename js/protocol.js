// The protocol between this entry and the WebAssembly module, under the names src/abi/protocol.rs
// gives them (its table says what each means; a test there fails when the two files disagree).
export const NEXT_DONE = -1;
export const NEXT_SUCCEEDED = -2;
export const NEXT_SUCCEEDED_EMPTY = -3;
export const CHUNK_MORE = 0;
export const CHUNK_WHOLE = 1;
export const CHUNK_TOO_LARGE = 2;
export const PIECE_BYTES = 65536;
export const FAILED_NETWORK = 0;
export const FAILED_TIMEOUT = 1;
export const FAILED_ABORT = 2;
export const ABORTED_BEFORE_ATTEMPT = 3;
export const MARKER_KEY = '\0';
export const UNREADABLE = 'unreadable';
