// Imports the package as a server-side render does, with every browser global (and what would start
// work: fetch, WebAssembly, streams, timers) watched; prints the names touched at import time.
const WATCHED = [
  'window', 'document', 'self', 'location', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB',
  'XMLHttpRequest', 'fetch', 'WebAssembly', 'DecompressionStream', 'ReadableStream', 'Response',
  'crypto', 'setTimeout', 'setInterval', 'queueMicrotask',
];
const touched = [];
for (const name of WATCHED) {
  const had = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      touched.push(name);
      return had?.get ? had.get.call(globalThis) : had?.value;
    },
  });
}
await import('cognito-verify');
await import('cognito-verify/flow');
console.log(JSON.stringify(touched));
