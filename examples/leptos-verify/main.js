// Loads the app's module (wasm-bindgen --target web, into pkg/); its start function mounts the app.
import init from './pkg/leptos_verify.js';

await init();
