// Vite, webpack and plain pages: the .wasm is found from the module's own URL.
import { run } from './app.js';

run();
