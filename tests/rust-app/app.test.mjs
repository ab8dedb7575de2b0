// A Rust front-end app that depends on the crate with default features and exports its own `start`,
// `configure`, `reply`, `fail` and `finish` (tests/rust-app/src/lib.rs): it builds with cargo and
// wasm-bindgen, its generated JS and .d.ts hold only the app's own exports, and in headless Chromium
// it sends a code through the stub and signs in against cognito-local through the crate's Rust API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, env } from '../support/browser.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { createUser } from '../support/cognito-admin.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(here, 'pkg');
const STUB = env('STUB_URL');
const COGNITO = env('COGNITO_LOCAL_URL');
const CLIENT_ID = env('COGNITO_CLIENT_ID');
const POOL_ID = env('COGNITO_USER_POOL_ID');
const APP_EXPORTS = ['configure', 'default', 'fail', 'finish', 'initSync', 'reply', 'send_code', 'sign_in', 'start'];
let site;
let browser;
let tab;

before(async () => {
  execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'cognito-verify-fixture-app', '--target', 'wasm32-unknown-unknown'], { cwd: root, stdio: 'inherit' });
  const wasm = join(root, 'target/wasm32-unknown-unknown/release/cognito_verify_fixture_app.wasm');
  rmSync(out, { recursive: true, force: true });
  execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', out, wasm], { stdio: 'inherit' });
  console.log(`# the app's module: ${statSync(join(out, 'cognito_verify_fixture_app_bg.wasm')).size} bytes (release, before wasm-opt)`);
  site = await startStaticServer({ mounts: { '/': here } });
  browser = await launch();
  tab = await open(browser, `${site.url}/index.html`);
  await tab.page.waitForFunction(() => document.getElementById('status').textContent === 'the app started');
});

after(async () => {
  await tab?.close();
  await browser?.close();
  await site?.close();
});

test('the generated JS exports only the app\'s own functions', async () => {
  const names = await tab.page.evaluate(async () => Object.keys(await import('./pkg/cognito_verify_fixture_app.js')).sort());
  assert.deepEqual(names, APP_EXPORTS);
  // The app's own `configure` is the one that runs.
  assert.equal(await tab.page.evaluate(() => window.app.configure('x')), 'configured x');
  assert.deepEqual(await tab.page.evaluate(() => [window.app.reply(), window.app.fail(), window.app.finish()]), [1, 2, 3]);
});

test('the generated .d.ts declares only the app\'s own functions', () => {
  const types = readFileSync(join(out, 'cognito_verify_fixture_app.d.ts'), 'utf8');
  const declared = [...types.matchAll(/^export (?:function|interface|type|class) (\w+)/gm)].map((m) => m[1]);
  const foreign = declared.filter((name) => !APP_EXPORTS.includes(name) && !['InitInput', 'InitOutput', 'SyncInitInput'].includes(name));
  assert.deepEqual(foreign, [], 'nothing of the crate leaks into the app\'s declarations');
  for (const word of ['Cognito', 'chunk', 'GetUser', 'AttributeType', 'AuthFlow']) assert.ok(!types.includes(word), `${word} in the app's .d.ts`);
});

test('the Rust API sends a code, and its typed error arrives as the app maps it', async () => {
  const sent = await tab.page.evaluate((stub) => window.app.send_code(stub, 'ok.rustapp'), STUB);
  assert.equal(sent, 'd***@e***');
  const limited = await tab.page.evaluate((stub) => window.app.send_code(stub, 'err.LimitExceededException.rustapp').catch((e) => `error: ${e}`), STUB);
  assert.equal(limited, 'error: wait before asking again');
  const invalid = await tab.page.evaluate((stub) => window.app.send_code(stub, 'not a token').catch((e) => `error: ${e}`), STUB);
  assert.equal(invalid, 'error: ValidationError');
});

test('the Rust API signs in against cognito-local and reads the user', async () => {
  const username = `rust-app-${Date.now()}@example.com`;
  await createUser(COGNITO, POOL_ID, username, 'Rust-passw0rd!');
  const user = await tab.page.evaluate(([endpoint, clientId, name]) => window.app.sign_in(endpoint, clientId, name, 'Rust-passw0rd!'), [COGNITO, CLIENT_ID, username]);
  assert.equal(user, `${username} verified=false`);
});
