// Runs the fixture app in a dedicated worker and in a service worker; `window.__result` holds both.
const stub = new URLSearchParams(location.search).get('stub');

function inWorker() {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  return new Promise((done, failed) => {
    worker.onmessage = ({ data }) => done(data);
    worker.onerror = (event) => failed(new Error(`worker: ${event.message}`));
    worker.postMessage({ stub });
  });
}

async function inServiceWorker() {
  await navigator.serviceWorker.register(new URL('./service-worker.js', import.meta.url), { type: 'module' });
  const { active } = await navigator.serviceWorker.ready;
  return new Promise((done) => {
    navigator.serviceWorker.addEventListener('message', ({ data }) => done(data), { once: true });
    active.postMessage({ stub });
  });
}

const [worker, serviceWorker] = await Promise.all([inWorker(), inServiceWorker()]);
window.__result = { worker, serviceWorker };
