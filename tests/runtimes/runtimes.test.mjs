// The npm package where an SPA's code meets a server-side or other runtime: installed from its
// tarball, imported as an SSR build does (nothing runs, no browser global is touched), and calling
// the stub server from the machine's Node, Node 22 and 24 (the LTS lines), Deno and Bun; an older
// Node that lacks what the loader needs gets a CognitoError that names it. The runtimes are npm
// packages of tests/runtimes/package.json, installed by scripts/setup.sh --browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env } from '../support/browser.mjs';
import { EXPECTED, comparable, installApp, pack } from '../support/packed.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');
const STUB = env('STUB_URL');
const work = mkdtempSync(join(tmpdir(), 'cognito-verify-runtimes-'));
let app;

const RUNTIMES = {
  [`Node ${process.versions.node} (this machine's)`]: [process.execPath],
  'Node 22': [join(modules, 'node22', 'bin', 'node')],
  'Node 24': [join(modules, 'node24', 'bin', 'node')],
  'Deno 2': [join(modules, '.bin', 'deno'), 'run', '--allow-env', '--allow-net', '--allow-read'],
  'Bun 1': [join(modules, '.bin', 'bun')],
};

before(() => {
  app = installApp(work, 'runtimes', pack(work).tarball);
});

after(() => rmSync(work, { recursive: true, force: true }));

/** Runs `script` of the app with `runtime`; its stdout as JSON. */
function runWith([command, ...args], script) {
  const out = execFileSync(command, [...args, script], { cwd: app, encoding: 'utf8', env: { ...process.env, STUB, NO_COLOR: '1' }, timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').at(-1));
}

test('imported as an SSR build does, the package runs nothing and touches no browser global', () => {
  assert.deepEqual(runWith(RUNTIMES[Object.keys(RUNTIMES)[0]], 'ssr.mjs'), []);
});

for (const [name, runtime] of Object.entries(RUNTIMES)) {
  test(`${name}: a call, the verification flow and a typed error against the stub`, () => {
    const result = runWith(runtime, 'runtime.mjs');
    assert.deepEqual(comparable(result), EXPECTED);
  });
}

test('Node 18, which lacks DecompressionStream(\'deflate-raw\'), gets a CognitoError that names it', () => {
  const result = runWith([join(modules, 'node18', 'bin', 'node')], 'runtime.mjs');
  assert.deepEqual(
    { ...result, requestId: typeof result.requestId },
    { isCognitoError: true, isError: true, name: 'UnsupportedRuntimeError', message: "this runtime lacks DecompressionStream('deflate-raw')", requestId: 'undefined' },
  );
});
