// The npm package as users get it: `npm pack`, installed from the tarball into fresh apps built with
// Vite, esbuild and webpack (and a plain page without a bundler), each served on loopback and run in
// headless Chromium against the stub server: one success and one typed error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch, open, env } from '../support/browser.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { EXPECTED, comparable, fixture, installApp, pack } from '../support/packed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const STUB = env('STUB_URL');
const work = mkdtempSync(join(tmpdir(), 'cognito-verify-bundlers-'));
let tarball;
let browser;

const EXPECTED_FILES = [
  'LICENSE-APACHE', 'LICENSE-MIT', 'README.md', 'js/client.js', 'js/error.js', 'js/flow.d.ts', 'js/flow.js', 'js/index.d.ts', 'js/index.js',
  'js/input.js', 'js/load.js', 'js/protocol.js', 'js/transport.js', 'package.json',
  'pkg/cognito_verify.d.ts', 'pkg/cognito_verify.js', 'pkg/cognito_verify_bg.deflate.js', 'pkg/cognito_verify_bg.wasm',
  'pkg/cognito_verify_bg.wasm.d.ts', 'pkg/flow/cognito_verify_flow.js', 'pkg/flow/cognito_verify_flow_bg.deflate.js',
];

before(async () => {
  let info;
  ({ tarball, info } = pack(work));
  console.log(`# npm pack: ${info.filename}, ${info.size} bytes packed, ${info.unpackedSize} unpacked, ${info.entryCount} files`);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

test('npm pack ships exactly the files a user needs', () => {
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  assert.deepEqual(listing, EXPECTED_FILES);
});

const app = (name) => installApp(work, name, tarball);

function page(dir, entry) {
  writeFileSync(join(dir, 'index.html'), readFileSync(join(fixture, 'index.html'), 'utf8').replace('./ENTRY', `./${entry}`));
}

function gzipSizeOf(dir) {
  let js = 0;
  let wasm = 0;
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.m?js$/.test(f)) js += gzipSync(readFileSync(p), { level: 9 }).length;
      else if (f.endsWith('.wasm')) wasm += gzipSync(readFileSync(p), { level: 9 }).length;
    }
  };
  walk(dir);
  return { js, wasm };
}

/** The module came inside the package's JS: the app has no `.wasm` asset. Logs the JS gzipped. */
function assertNoWasmAsset(dist, name) {
  const size = gzipSizeOf(dist);
  assert.equal(size.wasm, 0, `${name}: no .wasm asset`);
  console.log(`# ${name}: ${size.js} bytes gzipped`);
}

/** Opens the app at `url` (its page) in Chromium and checks what it saw. */
async function check(url, name) {
  const tab = await open(browser, `${url}?stub=${encodeURIComponent(STUB)}`, {
    allow: [/Failed to load resource: the server responded with a status of 400/],
  });
  try {
    await tab.page.waitForFunction(() => window.__result, null, { timeout: 15_000 });
    const result = await tab.page.evaluate(() => window.__result);
    assert.deepEqual(comparable(result), EXPECTED, name);
    tab.expectClean();
  } finally {
    await tab.close();
  }
}

async function runIn(dir, name) {
  const site = await startStaticServer({ mounts: { '/': dir } });
  try {
    await check(`${site.url}/index.html`, name);
  } finally {
    await site.close();
  }
}

test('Vite 7: vite build, no plugin', async () => {
  const dir = app('vite');
  page(dir, 'entry.js');
  execFileSync(bin('vite'), ['build', dir, '--config', join(dir, 'vite.config.mjs')], { cwd: dir, stdio: 'pipe' });
  const dist = join(dir, 'dist');
  assertNoWasmAsset(dist, 'vite');
  await runIn(dist, 'vite');
});

test('Vite 7 dev server: the app served as it is developed (dependency pre-bundling, no plugin)', async () => {
  const dir = app('vite-dev');
  page(dir, 'entry.js');
  const { createServer } = await import('vite');
  const server = await createServer({
    root: dir,
    configFile: join(dir, 'vite.config.mjs'),
    cacheDir: join(dir, '.vite'),
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  try {
    const { port } = server.httpServer.address();
    await check(`http://127.0.0.1:${port}/index.html`, 'vite dev');
  } finally {
    await server.close();
  }
});

test('publint finds nothing to fix in the tarball', () => {
  const out = execFileSync(bin('publint'), [tarball, '--strict'], { encoding: 'utf8' });
  assert.match(out, /All good!/, out);
});

test('are-the-types-wrong: every export resolves to its types (ESM only: no CommonJS or node10 entry)', () => {
  // Exits non-zero on any problem; the package is ESM only, so CommonJS resolutions are not judged.
  execFileSync(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped'], { encoding: 'utf8' });
});

test('esbuild: --bundle, no loader rule', async () => {
  const dir = app('esbuild');
  const dist = join(dir, 'dist');
  execFileSync(bin('esbuild'), ['entry.js', '--bundle', '--minify', '--format=esm', '--platform=browser', '--outdir=dist'], { cwd: dir, stdio: 'pipe' });
  page(dist, 'entry.js');
  assertNoWasmAsset(dist, 'esbuild');
  await runIn(dist, 'esbuild');
});

test('webpack 5: no loader rule', async () => {
  const dir = app('webpack');
  execFileSync(bin('webpack'), ['--config', join(dir, 'webpack.config.cjs')], { cwd: dir, stdio: 'pipe' });
  const dist = join(dir, 'dist');
  page(dist, 'main.js');
  assertNoWasmAsset(dist, 'webpack');
  await runIn(dist, 'webpack');
});

/** An app whose modules import the package from node_modules by path, as a page without a bundler does. */
function plainApp(name) {
  const dir = app(name);
  const plain = readFileSync(join(dir, 'app.js'), 'utf8')
    .replace("from 'cognito-verify'", "from './node_modules/cognito-verify/js/index.js'")
    .replace("from 'cognito-verify/flow'", "from './node_modules/cognito-verify/js/flow.js'");
  writeFileSync(join(dir, 'app.js'), plain);
  return dir;
}

test('plain page: native ES modules straight from node_modules', async () => {
  const dir = plainApp('plain');
  page(dir, 'entry.js');
  await runIn(dir, 'plain');
});

test('a dedicated Web Worker and a module service worker make real calls', async () => {
  const dir = plainApp('workers');
  page(dir, 'workers-entry.js');
  const site = await startStaticServer({ mounts: { '/': dir } });
  const tab = await open(browser, `${site.url}/index.html?stub=${encodeURIComponent(STUB)}`, {
    allow: [/Failed to load resource: the server responded with a status of 400/],
  });
  try {
    await tab.page.waitForFunction(() => window.__result, null, { timeout: 20_000 });
    const { worker, serviceWorker } = await tab.page.evaluate(() => window.__result);
    assert.deepEqual(comparable(worker), EXPECTED, 'dedicated worker');
    assert.deepEqual(comparable(serviceWorker), EXPECTED, 'service worker');
    tab.expectClean();
  } finally {
    await tab.close();
    await site.close();
  }
});
