// The fixture app in a module service worker: a page posts the stub's URL, the worker answers it
// with what the app saw.
import { run } from './app.js';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => event.waitUntil(run(event.data.stub).then((result) => event.source.postMessage(result))));
