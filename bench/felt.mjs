// The "as felt" profile: each app's first visit as a phone on a slow network meets it. Chromium's own
// emulation (slow 4G: 150 ms latency, 1.6 Mbps down, 750 kbps up; CPU 4x slower), a fresh browser
// context per sample, the page served compressed (brotli where the browser asks for it, else gzip)
// by the static server, the stub on another origin sending no Access-Control-Max-Age (as the
// real endpoint does not). Per app: time from navigation to the first CodeDeliveryDetails shown,
// split into download, start-up (parse, compile, instantiate) and the call's round trips; requests
// before the first answer (preflights counted); a second call after a pause (a preflight again);
// and a second visit with the app cached.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressed, startStaticServer } from '../tests/support/static-server.mjs';
import { startStubServer } from '../tests/support/stub-server.mjs';

/** Chromium's emulation: the slow 4G profile of its DevTools, and a CPU 4x slower. */
export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
export const CPU_SLOWDOWN = 4;

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
 * comes `pauseMs` after the first is shown. Resolves to the encodings the browser was sent and, per
 * contestant, its bytes and every sample (milliseconds and request counts, by what they measure).
 */
export async function felt({ browser, contestants, dist, samples, pauseMs, jwt }) {
  for (const c of contestants) writeFileSync(join(dist, `felt-${c.name}.html`), pageOf(c.name));
  const site = await startStaticServer({ mounts: { '/': dist }, compress: true, immutable: /\.js$/ });
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
    await site.close();
    await stub.close();
  }
  const shipped = (c, encode) => [`felt-${c.name}.html`, `${c.name}.js`].reduce((n, file) => n + encode(readFileSync(join(dist, file))).length, 0);
  return {
    encodings: [...site.encodings],
    rows: contestants.map((c) => ({ c, bytes: { gzip: shipped(c, compressed.gzip), brotli: shipped(c, compressed.br) }, samples: results[c.name] })),
  };
}
