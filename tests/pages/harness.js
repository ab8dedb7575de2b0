// Loaded by the test pages: exposes the package and an error describer to Playwright.
import * as lib from '/js/index.js';

window.lib = lib;
window.describeError = (e) => ({
  threw: true,
  isCognitoError: e instanceof lib.CognitoError,
  isError: e instanceof Error,
  hasStack: typeof e.stack === 'string' && e.stack.length > 0,
  name: e.name,
  message: e.message,
  stack: e.stack,
  fault: e.$fault,
  retryable: e.retryable,
  metadata: e.$metadata,
  field: e.field,
});
window.harnessReady = true;
