// The fixture app in a dedicated module worker: the page posts the stub's URL, the worker answers
// with what the app saw.
import { run } from './app.js';

self.onmessage = async ({ data }) => self.postMessage(await run(data.stub));
