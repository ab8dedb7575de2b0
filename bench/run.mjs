// Benchmarks cognito-verify against its peers in one headless Chromium run: bundle size, per-call
// latency relative to raw fetch (interleaved rounds, order shuffled every turn), cold start, CORS preflights,
// retries of LimitExceededException, cognito-verify's linear memory over many calls, and the "as felt"
// profile (bench/felt.mjs: a first visit on an emulated slow phone network).
//
//   node bench/run.mjs [--quick] [--no-control] [--out FILE]
// (--quick: a smoke run of every part, the as-felt profile with one sample and a 6 s pause)
// A full run also measures a second copy of cognito-verify as another app (the control): how far
// apart the two copies land is the method's noise; --no-control leaves it out.
//   node bench/run.mjs --cold-only [N]   only cold starts, N samples per app (default 15), printed
//   node bench/run.mjs --compare DIR [--compare-label TEXT]
//                                       also measures the cognito-verify checkout in DIR (built: its
//                                       pkg/ in place), as one more app: a before/after in one run
//
// Writes the table to BENCHMARKS.md (or --out). Needs `npm run build` first (npm run bench does it).
import { build, transform } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch } from '../tests/support/browser.mjs';
import { startStaticServer } from '../tests/support/static-server.mjs';
import { startStubServer } from '../tests/support/stub-server.mjs';
import { CPU_SLOWDOWN, SLOW_4G, felt } from './felt.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : join(root, 'BENCHMARKS.md');
const settings = quick
  ? { rounds: 2, calls: 20, warmup: 5, cold: 1, memoryCalls: 2000, every: 500 }
  : { rounds: 30, calls: 200, warmup: 50, cold: 21, memoryCalls: 20000, every: 1000 };

const CONTESTANTS = [
  { name: 'raw-fetch', label: 'raw fetch (the floor)', pkg: null },
  { name: 'cognito-verify', label: 'cognito-verify', pkg: '.' },
  { name: 'aws-sdk', label: 'AWS SDK v3 (client-cognito-identity-provider)', pkg: '@aws-sdk/client-cognito-identity-provider' },
  { name: 'amplify', label: 'Amplify v6 (aws-amplify/auth)', pkg: 'aws-amplify' },
  { name: 'identity-js', label: 'amazon-cognito-identity-js', pkg: 'amazon-cognito-identity-js' },
  ...(quick || args.includes('--no-control') ? [] : [{ name: 'control', label: 'control: cognito-verify again, bundled as another app', pkg: '.' }]),
];
if (args.includes('--compare')) {
  // The same app over another checkout's npm entry.
  const dir = args[args.indexOf('--compare') + 1];
  const app = readFileSync(join(here, 'contestants', 'cognito-verify.js'), 'utf8').replace('../../js/index.js', join(dir, 'js/index.js'));
  mkdirSync(join(here, 'dist'), { recursive: true });
  writeFileSync(join(here, 'dist', 'compare-app.js'), app);
  const label = args.includes('--compare-label') ? args[args.indexOf('--compare-label') + 1] : `cognito-verify at ${dir} (for comparison)`;
  CONTESTANTS.push({ name: 'compare', label, pkg: null, self: true, file: join(here, 'dist', 'compare-app.js') });
}

const version = (pkg) => JSON.parse(readFileSync(join(root, pkg === '.' ? '' : `node_modules/${pkg}`, 'package.json'), 'utf8')).version;
/** A contestant's name in the tables: its label and, for a package, the version measured. */
const labelOf = (c) => (c.pkg ? `${c.label} ${version(c.pkg)}` : c.label);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
/** Whole microseconds with their sign: +65, −200. */
const signed = (us) => `${us < 0 ? '−' : '+'}${Math.abs(us).toFixed(0)}`;

/** A JWT-shaped token (unsigned: the stub does not check it), optionally carrying a stub scenario. */
function jwt(scenario) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'bench-user', username: 'bench', client_id: 'benchclient', token_use: 'access', scope: 'aws.cognito.signin.user.admin', iat: now, exp: now + 3600 };
  if (scenario) claims.scenario = scenario;
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return { token: `${part({ alg: 'none', kid: 'bench' })}.${part(claims)}.c2ln`, claims };
}

// 1. Bundles: each contestant's verify-email app, esbuild --bundle --minify --format=esm.
const result = await build({
  entryPoints: Object.fromEntries(CONTESTANTS.map((c) => [c.name, c.file ?? join(here, 'contestants', `${c.name}.js`)])),
  outdir: join(here, 'dist'),
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  loader: { '.wasm': 'file' },
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  metafile: true,
  logLevel: 'error',
});
const sizes = {};
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  const entry = meta.entryPoint ? CONTESTANTS.find((c) => meta.entryPoint.endsWith(`contestants/${c.name}.js`) || (c.file && meta.entryPoint.endsWith('compare-app.js'))) : null;
  const gz = gzipSync(readFileSync(join(root, file)), { level: 9 }).length;
  if (entry) sizes[entry.name] = { ...(sizes[entry.name] ?? {}), js: gz };
  else if (file.endsWith('.wasm')) sizes['cognito-verify'] = { ...(sizes['cognito-verify'] ?? {}), wasm: gz, wasmRaw: statSync(join(root, file)).size };
}

// 2. Servers: the stub on one origin, the (cross-origin isolated) page on another.
const stub = await startStubServer();
const site = await startStaticServer({ mounts: { '/bench/': here, '/js/': join(root, 'js'), '/pkg/': join(root, 'pkg') }, isolate: true });
const browser = await launch();
const pageUrl = `${site.url}/bench/page.html`;

async function freshPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.benchReady === true);
  return { page, context, errors };
}

// Each app posts to its own path of the stub: the browser keeps one CORS preflight result per URL, and
// apps that send different headers would otherwise keep replacing each other's (a real page has one
// client, so that would measure the benchmark rather than the app).
const setup = (name, scenario) => ({ endpoint: `${stub.url}/${name}/`, ...jwt(scenario) });
const call = (page, expression) => page.evaluate(expression);

// 3. Warm latency: one page, every contestant loaded and warmed, interleaved rounds.
if (args.includes('--cold-only')) {
  const samples = Number(args[args.indexOf('--cold-only') + 1]) || 15;
  const times = Object.fromEntries(CONTESTANTS.map((c) => [c.name, []]));
  for (let i = 0; i < samples; i++) {
    for (let k = 0; k < CONTESTANTS.length; k++) {
      const c = CONTESTANTS[(i + k) % CONTESTANTS.length];
      const fresh = await freshPage();
      times[c.name].push(await call(fresh.page, `bench.cold(${JSON.stringify(c.name)}, ${JSON.stringify(setup(c.name))})`));
      await fresh.context.close();
    }
  }
  for (const c of CONTESTANTS) {
    const sorted = times[c.name].sort((a, b) => a - b);
    console.log(`${c.name.padEnd(16)} median ${median(sorted).toFixed(1)} ms  (min ${sorted[0].toFixed(1)}, max ${sorted.at(-1).toFixed(1)})`);
  }
  await browser.close();
  await site.close?.();
  await stub.close?.();
  process.exit(0);
}

const warm = await freshPage();
const isolated = await warm.page.evaluate(() => crossOriginIsolated);
for (const c of CONTESTANTS) {
  await call(warm.page, `bench.load(${JSON.stringify(c.name)}, ${JSON.stringify(setup(c.name))})`);
  await call(warm.page, `bench.flow(${JSON.stringify(c.name)})`);
  await call(warm.page, `bench.calls(${JSON.stringify(c.name)}, ${settings.warmup})`);
}
const rounds = CONTESTANTS.map(() => []);
// Each call minus raw fetch's call in the same turn: paired, so slow drifts of the machine cancel out.
const paired = CONTESTANTS.map(() => []);
const names = JSON.stringify(CONTESTANTS.map((c) => c.name));
for (let round = 0; round < settings.rounds; round++) {
  const times = await call(warm.page, `bench.interleaved(${names}, ${settings.calls}, ${round + 1})`);
  const rawTimes = times['raw-fetch'];
  const rawMs = median(rawTimes);
  CONTESTANTS.forEach((c, i) => {
    const ms = median(times[c.name]);
    rounds[i].push({ ms, ratio: ms / rawMs });
    times[c.name].forEach((t, k) => paired[i].push((t - rawTimes[k]) * 1000));
  });
}
if (warm.errors.length) throw new Error(`page errors: ${warm.errors.join('; ')}`);
await warm.context.close();

// 4. Cold start, preflights and LimitExceededException, each in fresh pages.
const cold = Object.fromEntries(CONTESTANTS.map((c) => [c.name, []]));
for (let i = 0; i < settings.cold; i++) {
  for (let k = 0; k < CONTESTANTS.length; k++) {
    const c = CONTESTANTS[(i + k) % CONTESTANTS.length];
    const fresh = await freshPage();
    cold[c.name].push(await call(fresh.page, `bench.cold(${JSON.stringify(c.name)}, ${JSON.stringify(setup(c.name))})`));
    await fresh.context.close();
  }
}
const preflights = {};
const limitAttempts = {};
for (const c of CONTESTANTS) {
  await fetch(`${stub.url}/__reset`, { method: 'POST' });
  const fresh = await freshPage();
  await call(fresh.page, `bench.load(${JSON.stringify(c.name)}, ${JSON.stringify(setup(c.name))})`);
  await call(fresh.page, `bench.calls(${JSON.stringify(c.name)}, 20)`);
  preflights[c.name] = (await (await fetch(`${stub.url}/__requests?token=__preflight`)).json()).length;
  const limited = setup(c.name, `err.LimitExceededException.${c.name}`);
  await call(fresh.page, `bench.load(${JSON.stringify(c.name)}, ${JSON.stringify(limited)})`);
  const name = await call(fresh.page, `bench.failure(${JSON.stringify(c.name)})`);
  limitAttempts[c.name] = { name, attempts: stub.requests(limited.token).length };
  await fresh.context.close();
}

// 5. cognito-verify's linear memory over many calls.
const mem = await freshPage();
const memory = await call(mem.page, `bench.memory(${JSON.stringify(stub.url)}, ${JSON.stringify(jwt().token)}, ${settings.memoryCalls}, ${settings.every})`);
await mem.context.close();

// 6. As felt: first visits on an emulated slow 4G phone (the peers and raw fetch beside it).
const FELT_PAUSE_MS = quick ? 6_000 : 30_000;
const FELT_SAMPLES = quick ? 1 : 9;
const feltMeasured = await felt({
  browser,
  contestants: CONTESTANTS.filter((c) => !['control', 'compare'].includes(c.name)),
  dist: join(here, 'dist'),
  samples: FELT_SAMPLES,
  pauseMs: FELT_PAUSE_MS,
  jwt,
});
// Each measure's median over the samples; the first code's range too.
const feltRun = {
  encodings: feltMeasured.encodings,
  rows: feltMeasured.rows.map(({ c, bytes, samples }) => ({
    c,
    bytes,
    ...Object.fromEntries(Object.entries(samples).map(([what, xs]) => [what, median(xs)])),
    firstRange: [Math.min(...samples.first), Math.max(...samples.first)],
  })),
};

const chromium = browser.version();
await browser.close();
await site.close();
await stub.close();

// 7. The tables.
const raw = CONTESTANTS.findIndex((c) => c.name === 'raw-fetch');
const coldRaw = median(cold['raw-fetch']);
const rows = CONTESTANTS.map((c, i) => {
  const size = sizes[c.name] ?? {};
  const total = (size.js ?? 0) + (size.wasm ?? 0);
  const ratios = rounds[i].map((r) => r.ratio);
  const ms = median(rounds[i].map((r) => r.ms));
  const coldMs = median(cold[c.name]);
  const limit = limitAttempts[c.name];
  return {
    c,
    cells: [
      labelOf(c),
      size.wasm ? `${kb(total)} (JS ${kb(size.js)} + wasm ${kb(size.wasm)})` : c.pkg === '.' || c.self ? `${kb(total)} (${total.toLocaleString('en')} B, the module inside)` : kb(total),
      i === raw
        ? `1.00× (${(ms * 1000).toFixed(0)} µs)`
        : `${median(ratios).toFixed(3)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}), ${signed(median(paired[i]))} µs`,
      `${coldMs.toFixed(1)} ms (${(coldMs / coldRaw).toFixed(2)}×)`,
      `${preflights[c.name]} / 20 calls`,
      `${limit.attempts === 1 ? 'no' : `**yes**`} (${limit.attempts} attempt${limit.attempts === 1 ? '' : 's'}, ${limit.name})`,
    ],
  };
});
const header = ['app (the four calls of a verify-email flow)', 'bundle, min + gzip -9', 'median sendCode latency vs raw fetch (range over rounds), time added (− saved)', 'cold start: import + first call (vs raw)', 'CORS preflights', 'retries LimitExceeded'];
const table = [
  `| ${header.join(' | ')} |`,
  `|${header.map((_, i) => (i === 0 || i === 5 ? '---' : '--:')).join('|')}|`,
  ...rows.map((r) => `| ${r.cells.join(' | ')} |`),
].join('\n');
const cpu = cpus()[0]?.model ?? 'unknown CPU';
/** The hand-written analysis (bench/notes.md) that follows the measured table. */
const notes = () => {
  try {
    return `\n${readFileSync(join(root, 'bench', 'notes.md'), 'utf8')}`;
  } catch {
    return '';
  }
};
// cognito-verify's parts, each on its own (the app bundle above merges and tree-shakes the JS).
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const minified = async (file) => (await transform(readFileSync(join(root, file), 'utf8'), { minify: true, format: 'esm' })).code;
/** The npm entry's own JS (`js/*.js`), bundled and minified without the glue and the module. */
const entryJs = async () => {
  const built = await build({
    entryPoints: [join(root, 'js/index.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    plugins: [{ name: 'pkg-external', setup: (b) => b.onResolve({ filter: /\/pkg\// }, (a) => ({ path: a.path, external: true })) }],
  });
  return built.outputFiles[0].text;
};
/** An app of bench/ (`file`) that is only sized, bundled as the apps above: gzip bytes. */
const sizeOnlyApp = async (file) => {
  const built = await build({
    entryPoints: [join(here, file)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  return built.outputFiles.reduce((sum, f) => sum + gzip(f.contents), 0);
};
const everyOperation = await sizeOnlyApp('all-operations.js');
const flowApp = await sizeOnlyApp('flow-app.js');
const flowModule = readFileSync(join(root, 'pkg/flow/cognito_verify_flow_bg.wasm'));
const wasmBytes = readFileSync(join(root, 'pkg/cognito_verify_bg.wasm'));
const parts = [
  ['`pkg/cognito_verify_bg.wasm` (after `wasm-opt`)', wasmBytes.length, gzip(wasmBytes)],
  ['the module as the entry imports it: zopfli raw deflate, base64 (`pkg/cognito_verify_bg.deflate.js`)', ...[readFileSync(join(root, 'pkg/cognito_verify_bg.deflate.js'))].map((b) => [b.length, gzip(b)]).flat()],
  ['wasm-bindgen glue `pkg/cognito_verify.js`, minified alone', ...[await minified('pkg/cognito_verify.js')].map((c) => [c.length, gzip(c)]).flat()],
  ['npm entry `js/*.js`, bundled and minified without the glue and the module', ...[await entryJs()].map((c) => [c.length, gzip(c)]).flat()],
  ['the app bundle: the module, the entry, the glue it uses, the app (as in the table)', null, sizes['cognito-verify'].js],
  ['an app that calls every operation, all twelve (`bench/all-operations.js`), bundled the same way', null, everyOperation],
  ['the verification flow\'s own module (`pkg/flow/cognito_verify_flow_bg.wasm`), loaded only by `cognito-verify/flow`', flowModule.length, gzip(flowModule)],
  ['an app that verifies through the flow (`bench/flow-app.js`): the client, the flow entry and both modules', null, flowApp],
];
const VERIFY_APP_BUDGET = 20_000;
const peerSizes = CONTESTANTS.filter((c) => c.pkg && c.pkg !== '.' && sizes[c.name])
  .map((c) => ({ label: c.label, bytes: (sizes[c.name].js ?? 0) + (sizes[c.name].wasm ?? 0) }));
const smallestPeer = peerSizes.reduce((a, b) => (b.bytes < a.bytes ? b : a), peerSizes[0]);
const verifyApp = sizes['cognito-verify'].js;
const COLD_BUDGET = 1.3;
const coldRatio = median(cold['cognito-verify']) / coldRaw;
const feltOf = (name) => feltRun.rows.find((r) => r.c.name === name);
const feltPeers = feltRun.rows.filter((r) => r.c.pkg && r.c.pkg !== '.');
const feltMine = feltOf('cognito-verify');
const budgets = [
  [`the verify-email app ≤ ${VERIFY_APP_BUDGET.toLocaleString('en')} B gzip`, verifyApp <= VERIFY_APP_BUDGET, `${verifyApp.toLocaleString('en')} B`],
  [`cold start on loopback ≤ ${COLD_BUDGET}× raw fetch`, coldRatio <= COLD_BUDGET, `${coldRatio.toFixed(2)}×`],
  [
    'as felt (slow 4G, CPU 4× slower): the first code shown sooner than by every peer',
    feltPeers.every((p) => feltMine.first < p.first),
    `${feltMine.first.toFixed(0)} ms (peers: ${feltPeers.map((p) => `${p.c.name} ${p.first.toFixed(0)} ms`).join(', ')})`,
  ],
  ...(smallestPeer ? [[`the every-operation app smaller than every peer's verify-email app (smallest: ${smallestPeer.label}, ${smallestPeer.bytes.toLocaleString('en')} B)`, everyOperation < smallestPeer.bytes, `${everyOperation.toLocaleString('en')} B`]] : []),
];
const budgetLines = budgets.map(([what, ok, measured]) => `- ${ok ? 'pass' : '**FAIL**'}: ${what}: ${measured}`).join('\n');
const partsTable = [
  '| part | minified | gzip -9 |',
  '|---|--:|--:|',
  ...parts.map(([what, raw, gz]) => `| ${what} | ${raw === null ? '' : kb(raw)} | ${kb(gz)} |`),
].join('\n');
const ms = (x) => `${x.toFixed(0)} ms`;
const feltHeader = ['app', 'bytes on the wire, gzip / brotli', 'first code shown (range)', 'download', 'start-up', 'the call', 'requests to Cognito before the first answer (the preflight counted)', `second call ${FELT_PAUSE_MS / 1000} s later (preflights)`, 'second visit, cached'];
const feltTable = [
  `| ${feltHeader.join(' | ')} |`,
  `|---|${feltHeader.slice(1).map(() => '--:').join('|')}|`,
  ...feltRun.rows.map((r) => `| ${[
    labelOf(r.c),
    `${kb(r.bytes.gzip)} / ${kb(r.bytes.brotli)}`,
    `**${ms(r.first)}** (${r.firstRange.map((x) => x.toFixed(0)).join('–')})`,
    ms(r.download),
    ms(r.startup),
    ms(r.trips),
    String(r.requests),
    `${ms(r.second)} (${r.secondPreflights})`,
    ms(r.revisit),
  ].join(' | ')} |`),
].join('\n');
const memoryLine = `cognito-verify linear memory, sampled every ${settings.every} of ${settings.memoryCalls} sequential calls: ${[...new Set(memory)].map(kb).join(' → ')} (first sample ${kb(memory[0])}, last ${kb(memory.at(-1))}).`;
const doc = `# Benchmarks

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpu}), Chromium ${chromium} headless, Node ${process.version}${quick ? ', **quick mode (not representative)**' : ''}.
Page cross-origin isolated: ${isolated}. Reproduce with \`npm run bench\` (builds the release package, then \`node bench/run.mjs\`).${args.length ? `\nThis run: \`node bench/run.mjs ${args.join(' ')}\`.` : ''}

Each app makes the four calls of a verify-email flow (\`getUser\`, send code, verify code, update email), bundled with
esbuild \`--bundle --minify --format=esm --platform=browser\`; sizes are gzip level 9 (Node's zlib) of every file the app ships.
Latency: ${settings.rounds} rounds of ${settings.calls} sendCode calls per app after ${settings.warmup} warm-up calls, interleaved call by call
(one call of each app per turn, in a new random order every turn, seeded) against a loopback stub on another origin that answers at once
(so CORS preflights are real); each round's median is divided by raw fetch's median in the same round, and the table gives the
median ratio and its range over rounds, then the time added: the median, over all calls, of each call minus raw fetch's call in
the same turn (paired, so the machine's drift cancels out; steadier than the ratio). Cold start: a fresh browser context per
sample (${settings.cold} per app, order rotated), from \`import()\` of the app to the first reply. Preflights: OPTIONS requests the stub saw
for 20 calls in a fresh context. LimitExceeded: attempts the stub saw for one call answered with \`LimitExceededException\`.${
  sizes.control ? '\nThe control row is the cognito-verify app bundled a second time and measured as one more app: how far it lands from\ncognito-verify\'s row is the noise of this method on this machine.' : ''
}

${table}

${memoryLine}

**As felt**: a first visit on a phone on a slow network, in Chromium's own emulation (CDP \`Network.emulateNetworkConditions\`:
${SLOW_4G.latency} ms latency, ${((SLOW_4G.downloadThroughput * 8) / 1e6).toFixed(2)} Mbps down, ${((SLOW_4G.uploadThroughput * 8) / 1e3).toFixed(0)} kbps up, DevTools' slow 4G; \`Emulation.setCPUThrottlingRate\` ${CPU_SLOWDOWN}×),
a fresh browser context per sample (${FELT_SAMPLES} per app, medians; the first code's range over samples in brackets), each app's page and bundle served compressed by the static server
(the browser was sent: ${feltRun.encodings.join(', ')}; bytes on the wire are the page and bundle compressed with gzip -9 and brotli 11),
the stub on another origin sending no \`Access-Control-Max-Age\` (so the browser keeps a preflight 5 s). Times from navigation start:
download (the page and bundle in), start-up (from then to the first call's start: parse, compile, instantiate, the app's own set-up),
the call (its preflight and the request, to the code shown); the requests to Cognito before the first answer count the preflight; the second
call comes ${FELT_PAUSE_MS / 1000} s after the first was shown; the second visit is a new page in the same context (the bundle from the HTTP cache).

${feltTable}

Size budgets:

${budgetLines}

cognito-verify's parts (this build):

${partsTable}
${quick ? '' : notes()}`;
writeFileSync(out, doc);
console.log(doc);
if (quick) {
  // The quick run is a smoke test of this script: it must have measured every contestant.
  for (const r of rows) if (r.cells.some((cell) => /NaN|undefined/.test(cell))) throw new Error(`incomplete row: ${r.cells}`);
  for (const r of feltRun.rows) {
    if (Object.values(r).some((v) => typeof v === 'number' && !Number.isFinite(v))) throw new Error(`incomplete as-felt row: ${r.c.name}`);
  }
}
