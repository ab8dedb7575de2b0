// The npm package as users get it: `npm pack`, installed from the tarball into fresh apps built with
// Vite, esbuild and webpack (and a plain page without a bundler), each served on loopback and run in
// headless Chromium against the stub server: one success and one typed error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch, open, env } from '../support/browser.mjs';
import { startStaticServer } from '../support/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = join(dirname(fileURLToPath(import.meta.url)), 'app');
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
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [info] = JSON.parse(out);
  tarball = join(work, info.filename);
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

/** A fresh app folder with the tarball installed. */
function app(name) {
  const dir = join(work, name);
  cpSync(fixture, dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `fixture-${name}`, private: true, type: 'module', dependencies: { 'cognito-verify': `file:${tarball}` } }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, stdio: 'pipe' });
  return dir;
}

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

async function runIn(dir, name) {
  const site = await startStaticServer({ mounts: { '/': dir } });
  const tab = await open(browser, `${site.url}/index.html?stub=${encodeURIComponent(STUB)}`, {
    allow: [/Failed to load resource: the server responded with a status of 400/],
  });
  try {
    await tab.page.waitForFunction(() => window.__result, null, { timeout: 15_000 });
    const result = await tab.page.evaluate(() => window.__result);
    assert.deepEqual(
      { ...result, requestId: typeof result.requestId },
      { destination: 'd***@e***', attempts: 1, flow: 'ready demo@example.com', isCognitoError: true, isError: true, name: 'CodeMismatchException', requestId: 'string' },
      name,
    );
    tab.expectClean();
  } finally {
    await tab.close();
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

test('plain page: native ES modules straight from node_modules', async () => {
  const dir = app('plain');
  const plain = readFileSync(join(dir, 'app.js'), 'utf8')
    .replace("from 'cognito-verify'", "from './node_modules/cognito-verify/js/index.js'")
    .replace("from 'cognito-verify/flow'", "from './node_modules/cognito-verify/js/flow.js'");
  writeFileSync(join(dir, 'app.js'), plain);
  page(dir, 'entry.js');
  await runIn(dir, 'plain');
});
