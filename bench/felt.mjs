// The "as felt" profile: each app's first visit as a phone on a slow network meets it. Chromium's own
// emulation (slow 4G: 150 ms latency, 1.6 Mbps down, 750 kbps up; CPU 4x slower), a fresh browser
// context per sample, the page served compressed (brotli where the browser asks for it, else gzip)
// by a server of its own, the stub on another origin sending no Access-Control-Max-Age (as the
// real endpoint does not). Per app: time from navigation to the first CodeDeliveryDetails shown,
// split into download, start-up (parse, compile, instantiate) and the call's round trips; requests
// before the first answer (preflights counted); a second call after a pause (a preflight again);
// and a second visit with the app cached.
import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { startStubServer } from '../tests/support/stub-server.mjs';

/** Chromium's emulation: the slow 4G profile of its DevTools, and a CPU 4x slower. */
export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
export const CPU_SLOWDOWN = 4;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
const gzip = (bytes) => gzipSync(bytes, { level: 9 });

/** The page of one app: imports its bundle, signs in with the link's token, sends a code, shows where it went. */
const pageOf = (name) => `<!doctype html><meta charset="utf-8"><title>${name}</title><link rel="icon" href="data:,"><p id="out"></p>
<script type="module">
import { create } from './${name}.js';
const q = new URLSearchParams(location.search);
const app = await create({ endpoint: q.get('endpoint'), token: q.get('token'), claims: JSON.parse(q.get('claims')) });
const out = await app.sendCode();
document.getElementById('out').textContent = JSON.stringify(out.CodeDeliveryDetails ?? out.destination ?? out);
performance.mark('shown');
window.again = async () => { const t0 = performance.now(); await app.sendCode(); return performance.now() - t0; };
</script>`;

/** Serves `dir` compressed as the request accepts; bundles cached for good, pages never. */
function startCompressingServer(dir) {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname.slice(1);
    if (!/^[\w.-]+$/.test(path)) return res.writeHead(404).end();
    let body;
    try {
      body = readFileSync(join(dir, path));
    } catch {
      return res.writeHead(404).end();
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
    const key = `${path}:${encoding}`;
    if (!cache.has(key)) cache.set(key, encoding === 'br' ? brotli(body) : encoding === 'gzip' ? gzip(body) : body);
    res.writeHead(200, {
      'content-type': extname(path) === '.html' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8',
      'cache-control': extname(path) === '.html' ? 'no-cache' : 'max-age=31536000, immutable',
      ...(encoding && { 'content-encoding': encoding }),
      vary: 'accept-encoding',
    });
    res.end(cache.get(key));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${server.address().port}`, server, encodings: () => [...cache.keys()] })));
}

/** Opens `url` in `context` under the emulation; resolves to the page's own timings once shown. */
async function visit(context, url, endpoint) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('shown').length > 0, null, { timeout: 60_000 });
  const timing = await page.evaluate((endpoint) => {
    const entries = performance.getEntriesByType('resource');
    const own = entries.filter((e) => !e.name.startsWith(endpoint));
    const calls = entries.filter((e) => e.name.startsWith(endpoint));
    const nav = performance.getEntriesByType('navigation')[0];
    const downloaded = Math.max(nav.responseEnd, ...own.map((e) => e.responseEnd));
    const firstCall = calls.length ? calls[0].startTime : NaN;
    return { shown: performance.getEntriesByName('shown')[0].startTime, downloaded, firstCall };
  }, endpoint);
  return { page, timing };
}

/**
 * Measures every contestant (`{name, label}`, bundles in `dist`) `samples` times; the second call
 * comes `pauseMs` after the first is shown. Resolves to one row per contestant.
 */
export async function felt({ browser, contestants, dist, samples, pauseMs, jwt }) {
  for (const c of contestants) writeFileSync(join(dist, `felt-${c.name}.html`), pageOf(c.name));
  const site = await startCompressingServer(dist);
  const stub = await startStubServer({ preflightMaxAge: null });
  const results = Object.fromEntries(contestants.map((c) => [c.name, { first: [], download: [], startup: [], trips: [], requests: [], second: [], secondPreflights: [], revisit: [] }]));
  const preflightsFor = async (name) => (await (await fetch(`${stub.url}/__requests?token=__preflight`)).json()).filter((e) => e.url?.startsWith(`/${name}/`)).length;
  try {
    for (let i = 0; i < samples; i++) {
      await fetch(`${stub.url}/__reset`, { method: 'POST' });
      const open = [];
      for (let k = 0; k < contestants.length; k++) {
        const c = contestants[(i + k) % contestants.length];
        const endpoint = `${stub.url}/${c.name}/`;
        const { token, claims } = jwt(`felt${i}`);
        const url = `${site.url}/felt-${c.name}.html?endpoint=${encodeURIComponent(endpoint)}&token=${encodeURIComponent(token)}&claims=${encodeURIComponent(JSON.stringify(claims))}`;
        const context = await browser.newContext();
        const { page, timing } = await visit(context, url, endpoint);
        const r = results[c.name];
        r.first.push(timing.shown);
        r.download.push(timing.downloaded);
        r.startup.push(timing.firstCall - timing.downloaded);
        r.trips.push(timing.shown - timing.firstCall);
        r.requests.push(stub.requests(token).length + (await preflightsFor(c.name)));
        open.push({ c, page, context, url, endpoint, before: await preflightsFor(c.name) });
      }
      // One pause for all: the preflight results cached by the first calls expire meanwhile.
      await new Promise((done) => setTimeout(done, pauseMs));
      for (const o of open) {
        const r = results[o.c.name];
        r.second.push(await o.page.evaluate(() => window.again()));
        r.secondPreflights.push((await preflightsFor(o.c.name)) - o.before);
        await o.page.close();
        // The second visit, in the same context: the bundle comes from the HTTP cache.
        const again = await visit(o.context, o.url, o.endpoint);
        r.revisit.push(again.timing.shown);
        await o.context.close();
      }
    }
  } finally {
    site.server.close();
    await stub.close();
  }
  const shipped = (c) => {
    const files = [`felt-${c.name}.html`, `${c.name}.js`];
    const sum = (f) => files.reduce((n, file) => n + f(readFileSync(join(dist, file))).length, 0);
    return { gzip: sum(gzip), brotli: sum(brotli) };
  };
  const encodings = [...new Set(site.encodings().map((k) => k.split(':')[1]))];
  return {
    encodings,
    rows: contestants.map((c) => {
      const r = results[c.name];
      return {
        c,
        bytes: shipped(c),
        first: median(r.first),
        firstRange: [Math.min(...r.first), Math.max(...r.first)],
        download: median(r.download),
        startup: median(r.startup),
        trips: median(r.trips),
        requests: median(r.requests),
        second: median(r.second),
        secondPreflights: median(r.secondPreflights),
        revisit: median(r.revisit),
      };
    }),
  };
}
