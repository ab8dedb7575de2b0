// The package entry: `CognitoClient`, `CognitoError`, and `init` (optional: the first call loads the
// WebAssembly module by itself). The loader comes first: it imports the module's text, and bundlers
// keep that order, which gzip packs best at the start of a file.
export { default } from './load.js';
export { CognitoClient } from './client.js';
export { CognitoError } from './error.js';
