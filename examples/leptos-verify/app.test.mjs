// The Leptos example (examples/leptos-verify/), built with cargo, wasm-bindgen and wasm-opt by its
// build.sh, served on loopback and driven in headless Chromium against cognito-local: sign in, send a
// code, a wrong code's next step, the right code, Verified. Logs its size (BENCHMARKS.md has it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch, open, env } from '../../tests/support/browser.mjs';
import { startStaticServer } from '../../tests/support/static-server.mjs';
import { createUser } from '../../tests/support/cognito-admin.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const COGNITO = env('COGNITO_LOCAL_URL');
const CLIENT_ID = env('COGNITO_CLIENT_ID');
const POOL_ID = env('COGNITO_USER_POOL_ID');
let site;
let browser;

before(async () => {
  execFileSync('bash', [join(here, 'build.sh')], { stdio: 'inherit' });
  const gz = (file) => gzipSync(readFileSync(join(here, 'pkg', file)), { level: 9 }).length;
  console.log(`# the Leptos app: module ${readFileSync(join(here, 'pkg/leptos_verify_bg.wasm')).length} bytes (${gz('leptos_verify_bg.wasm')} gzipped), glue ${gz('leptos_verify.js')} bytes gzipped`);
  site = await startStaticServer({ mounts: { '/': here } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test('the Leptos app signs in and verifies an email through the Rust API and its flow', async () => {
  const username = `leptos-${Date.now()}@example.com`;
  const password = 'Leptos-passw0rd!';
  await createUser(COGNITO, POOL_ID, username, password);
  const tab = await open(browser, `${site.url}/index.html?endpoint=${encodeURIComponent(COGNITO)}&clientId=${CLIENT_ID}`, {
    allow: [/Failed to load resource: the server responded with a status of 400/],
  });
  const { page } = tab;
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Not verified', { exact: true }).waitFor();
  assert.equal(await page.locator('#email').textContent(), username);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByText(/^We sent a code to /).waitFor();
  await page.getByLabel('Verification code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('That code is not right. Type the code from the latest message again.').waitFor();
  await page.getByLabel('Verification code').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('Verified', { exact: true }).waitFor();
  assert.equal(await page.getByRole('status').textContent(), 'Your email is verified.');
  await page.screenshot({ path: join(here, '..', '..', 'tests', 'artifacts', 'screenshots', 'leptos-verified.png') });
  tab.expectClean();
  await tab.close();
});
