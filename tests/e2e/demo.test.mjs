// The demo page (www/) in headless Chromium against cognito-local (fixed code 123456) and the stub.
// Every test fails on a console error, an uncaught exception or a CSP violation. Screenshots of the
// main states, desktop and 360 px wide, go to tests/artifacts/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, env } from '../support/browser.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { createUser } from '../support/cognito-admin.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'tests', 'artifacts', 'screenshots');
mkdirSync(shots, { recursive: true });

const STUB = env('STUB_URL');
const COGNITO = env('COGNITO_LOCAL_URL');
const CLIENT_ID = env('COGNITO_CLIENT_ID');
const POOL_ID = env('COGNITO_USER_POOL_ID');
// The browser logs every 4xx reply it sees; that is the network panel speaking, not the page.
const HTTP_ERRORS = [/Failed to load resource: the server responded with a status of 4\d\d/];
const PHONE = { width: 360, height: 740 };

let browser;
let site;
let users = 0;

before(async () => {
  browser = await launch();
  site = await startStaticServer({
    mounts: { '/': join(root, 'www'), '/js/': join(root, 'js'), '/pkg/': join(root, 'pkg') },
    dynamic: { '/config.json': () => ({ endpoint: COGNITO, clientId: CLIENT_ID, emulator: true }) },
  });
});

after(async () => {
  await site?.close();
  await browser?.close();
});

async function newUser() {
  const username = `demo${++users}-${Date.now()}@example.com`;
  const password = 'Demo-passw0rd!';
  await createUser(COGNITO, POOL_ID, username, password);
  return { username, password };
}

async function openDemo(query = '', options = {}) {
  const tab = await open(browser, `${site.url}/${query}`, { allow: HTTP_ERRORS, ...options });
  await tab.page.waitForSelector('body[data-ready="true"]');
  return tab;
}

/** Opens the demo with settings in the link, and confirms them as a user would. */
async function openViaLink(query) {
  const tab = await openDemo(query);
  await tab.page.getByRole('button', { name: /^Use endpoint / }).click();
  return tab;
}

async function signIn(page, { username, password }) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Not verified', { exact: true }).waitFor();
}

async function shoot(page, name) {
  await page.screenshot({ path: join(shots, `${name}-desktop.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(shots, `${name}-360.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than a 360px screen`);
  await page.setViewportSize(size);
}

const status = (page) => page.locator('#status');

test('whole flow: sign in, send code, verify with the fixed code, state turns Verified', async () => {
  const user = await newUser();
  const tab = await openDemo();
  const { page } = tab;
  await shoot(page, '1-signed-out');
  await signIn(page, user);
  assert.equal(await page.locator('#email').textContent(), user.username);
  await shoot(page, '2-not-verified');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Verification code').waitFor();
  assert.match(await page.locator('#delivery').textContent(), /We sent a code by email to /);
  assert.match(await page.locator('#cooldown').textContent(), /You can send another code in \d+ s/);
  assert.equal(await page.getByRole('button', { name: 'Send code' }).isDisabled(), true, 'cooldown blocks resends');
  await shoot(page, '3-code-sent');
  await page.getByLabel('Verification code').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('Verified', { exact: true }).waitFor();
  assert.match(await status(page).textContent(), /is verified/);
  await shoot(page, '4-verified');
  tab.expectClean();
  await tab.close();
});

test('a wrong code says so, and the right one still works', async () => {
  const tab = await openDemo();
  const { page } = tab;
  await signIn(page, await newUser());
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Verification code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('That code is not right').waitFor();
  assert.equal(await status(page).getAttribute('class'), 'status error');
  await shoot(page, '5-wrong-code');
  await page.getByLabel('Verification code').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('Verified', { exact: true }).waitFor();
  tab.expectClean();
  await tab.close();
});

test('change email: a code goes to the new address, verifying it makes it Verified', async () => {
  const tab = await openDemo();
  const { page } = tab;
  const user = await newUser();
  await signIn(page, user);
  const next = `new-${user.username}`;
  await page.getByLabel('New email').fill(next);
  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByText(`We sent a code to ${next}`).waitFor();
  assert.match(await page.locator('#pending-note').textContent(), new RegExp(user.username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await shoot(page, '6-change-email');
  await page.getByLabel('Verification code').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('Verified', { exact: true }).waitFor();
  assert.equal(await page.locator('#email').textContent(), next);
  tab.expectClean();
  await tab.close();
});

test('sign out drops the tokens; nothing is stored and no token reaches the URL', async () => {
  const tab = await openDemo();
  const { page } = tab;
  await signIn(page, await newUser());
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.match(await status(page).textContent(), /signed out/);
  assert.equal(await page.locator('#account').isHidden(), true);
  const stored = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length, cookie: document.cookie, url: location.href,
    idb: (await indexedDB.databases()).length,
  }));
  assert.deepEqual({ ...stored, url: undefined }, { local: 0, session: 0, cookie: '', idb: 0, url: undefined });
  assert.ok(!/eyJ/.test(stored.url), 'no token in the URL');
  tab.expectClean();
  await tab.close();
});

test('LimitExceededException from the service shows its sentence and blocks resending', async () => {
  const tab = await openViaLink(`?endpoint=${encodeURIComponent(STUB)}&clientId=stubclient`);
  const { page } = tab;
  await page.getByText('Or paste an access token').click();
  await page.getByLabel('Access token').fill('failon.GetUserAttributeVerificationCode.LimitExceededException');
  await page.getByRole('button', { name: 'Use access token' }).click();
  await page.getByText('Not verified', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByText('Too many attempts').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Send code' }).isDisabled(), true);
  assert.match(await page.locator('#target').textContent(), /came from the link that opened this page/);
  await shoot(page, '7-limit-exceeded');
  tab.expectClean();
  await tab.close();
});

test('signing out while a sign-in is in flight keeps the page signed out', async () => {
  const tab = await openDemo();
  const { page } = tab;
  const user = await newUser();
  // Hold the InitiateAuth reply until the user has pressed Sign out.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(`${COGNITO}/**`, async (route) => {
    if (route.request().method() === 'POST' && route.request().headers()['x-amz-target']?.endsWith('.InitiateAuth')) await held;
    await route.continue();
  });
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.evaluate(() => document.getElementById('sign-out').click());
  release();
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#account').isHidden(), true, 'the late reply must not sign the user back in');
  tab.expectClean();
  await tab.close();
});

test('server text is shown as text, never as HTML', async () => {
  const tab = await openViaLink(`?endpoint=${encodeURIComponent(STUB)}&clientId=stubclient`);
  const { page } = tab;
  await page.getByText('Or paste an access token').click();
  await page.getByLabel('Access token').fill('xss.demo');
  await page.getByRole('button', { name: 'Use access token' }).click();
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByText('CustomMessageException').waitFor();
  const text = await status(page).textContent();
  assert.ok(text.includes('<img src=x onerror="window.__xss=1">Bad <b>code</b>'), text);
  assert.equal(await page.locator('#status img, #status b').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  tab.expectClean();
  await tab.close();
});

test('keyboard alone: sign in, send a code and verify', async () => {
  const tab = await openDemo();
  const { page } = tab;
  const user = await newUser();
  await page.getByLabel('Username').focus();
  await page.keyboard.type(user.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await page.getByText('Not verified', { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'send-code', 'focus moves to Send code');
  await page.keyboard.press('Enter');
  await page.getByLabel('Verification code').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'code', 'focus moves to the code field');
  await page.keyboard.type('123456');
  await page.keyboard.press('Enter');
  await page.getByText('Verified', { exact: true }).waitFor();
  tab.expectClean();
  await tab.close();
});

test('every control has its label as accessible name', async () => {
  const tab = await openDemo();
  const { page } = tab;
  for (const name of ['Username', 'Password', 'Access token']) {
    assert.equal(await page.getByLabel(name, { exact: true }).count(), 1, name);
  }
  assert.equal(await page.getByRole('button', { name: 'Sign in', exact: true }).count(), 1);
  await signIn(page, await newUser());
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.locator('#verify-form').waitFor();
  for (const name of ['Verification code', 'New email']) {
    assert.equal(await page.getByRole('textbox', { name, exact: true }).count(), 1, name);
  }
  for (const name of ['Send code', 'Verify', 'Change email', 'Sign out']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  assert.equal(await page.locator('[aria-live="polite"]#status').count(), 1);
  tab.expectClean();
  await tab.close();
});

test('the access token is refreshed with REFRESH_TOKEN_AUTH within a minute of expiry', async () => {
  const tab = await openDemo('', { clock: true });
  const { page } = tab;
  const flows = [];
  let expiry = 0;
  page.on('request', (req) => {
    if (req.method() === 'POST' && req.headers()['x-amz-target']?.endsWith('.InitiateAuth')) flows.push(JSON.parse(req.postData()).AuthFlow);
  });
  page.on('response', async (res) => {
    if (res.request().headers()['x-amz-target']?.endsWith('.InitiateAuth') && res.status() === 200) {
      const token = (await res.json()).AuthenticationResult.AccessToken;
      expiry = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp * 1000;
    }
  });
  await signIn(page, await newUser());
  assert.deepEqual(flows, ['USER_PASSWORD_AUTH']);
  assert.ok(expiry > Date.now(), 'the access token carries an exp');
  // Jump to 30 s before the token expires.
  await page.clock.setSystemTime(expiry - 30_000);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Verification code').waitFor();
  assert.deepEqual(flows, ['USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH']);
  tab.expectClean();
  await tab.close();
});

const stubRequests = async (key) => (await fetch(`${STUB}/__requests?token=${encodeURIComponent(key)}`)).json();

test('settings from a link apply only once confirmed: until then the sign-in goes to the page\'s own pool', async () => {
  const user = await newUser();
  const tab = await openDemo(`?endpoint=${encodeURIComponent(STUB)}&clientId=stubclient`);
  const { page } = tab;
  const confirm = page.getByRole('button', { name: `Use endpoint ${STUB}, app client stubclient` });
  await confirm.waitFor();
  assert.match(await page.locator('#link-text').textContent(), /would see your password/);
  assert.match(await page.locator('#target').textContent(), new RegExp(`emulator at ${COGNITO.replace(/[.:/]/g, '\\$&')}`));
  await signIn(page, user);
  assert.equal((await stubRequests(user.username)).length, 0, 'the password went nowhere but the page\'s own pool');
  await shoot(page, '9-link-settings');
  await confirm.click();
  assert.match(await page.locator('#target').textContent(), new RegExp(`emulator at ${STUB.replace(/[.:/]/g, '\\$&')}`));
  assert.equal(await page.locator('#account').isHidden(), true, 'new settings sign the user out');
  tab.expectClean();
  await tab.close();
});

test('the demo page is never framed: its server sends frame-ancestors none and X-Frame-Options DENY', async () => {
  const res = await fetch(`${site.url}/`);
  assert.equal(res.headers.get('content-security-policy'), "frame-ancestors 'none'");
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
});

test('signing out during a token refresh, or before a send-code reply lands, leaves the page signed out and quiet', async () => {
  const tab = await openDemo('', { clock: true });
  const { page } = tab;
  let expiry = 0;
  page.on('response', async (res) => {
    if (res.request().headers()['x-amz-target']?.endsWith('.InitiateAuth') && res.status() === 200) {
      expiry = JSON.parse(Buffer.from((await res.json()).AuthenticationResult.AccessToken.split('.')[1], 'base64url').toString()).exp * 1000;
    }
  });
  const user = await newUser();
  await signIn(page, user);
  // Hold the refresh (and, the second time, the send-code reply) until Sign out was pressed.
  let release;
  let held = new Promise((done) => (release = done));
  let hold = '.InitiateAuth';
  await page.route(`${COGNITO}/**`, async (route) => {
    if (route.request().headers()['x-amz-target']?.endsWith(hold)) await held;
    await route.continue();
  });
  await page.clock.setSystemTime(expiry - 30_000);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  release();
  await page.waitForTimeout(300);
  assert.equal(await status(page).textContent(), "You're signed out. Your tokens were dropped from this page.");
  assert.equal(await page.locator('#account').isHidden(), true);

  await page.clock.setSystemTime(Date.now());
  await signIn(page, user);
  held = new Promise((done) => (release = done));
  hold = '.GetUserAttributeVerificationCode';
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  release();
  await page.waitForTimeout(300);
  assert.equal(await status(page).textContent(), "You're signed out. Your tokens were dropped from this page.");
  assert.equal(await page.getByText('Code sent').count(), 0);
  tab.expectClean();
  await tab.close();
});

test('a 2xx to "Send code" whose body is broken starts the resend wait, and errors are announced as alerts', async () => {
  const tab = await openViaLink(`?endpoint=${encodeURIComponent(STUB)}&clientId=stubclient`);
  const { page } = tab;
  await page.getByText('Or paste an access token').click();
  await page.getByLabel('Access token').fill('wrongshape.demo');
  await page.getByRole('button', { name: 'Use access token' }).click();
  // The stub's GetUser answers with the wrong shape too: the page says so, as an alert.
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /InvalidResponseError/);
  tab.expectClean();
  await tab.close();

  const again = await openViaLink(`?endpoint=${encodeURIComponent(STUB)}&clientId=stubclient`);
  await again.page.getByText('Or paste an access token').click();
  await again.page.getByLabel('Access token').fill('failon.GetUserAttributeVerificationCode.none');
  await again.page.route(`${STUB}/**`, async (route) => {
    if (route.request().headers()['x-amz-target']?.endsWith('.GetUserAttributeVerificationCode')) {
      await route.fulfill({ status: 200, headers: { 'access-control-allow-origin': '*', 'content-type': 'application/x-amz-json-1.1' }, body: '{"CodeDeliveryDetails":' });
      return;
    }
    await route.continue();
  });
  await again.page.getByRole('button', { name: 'Use access token' }).click();
  await again.page.getByText('Not verified', { exact: true }).waitFor();
  await again.page.getByRole('button', { name: 'Send code' }).click();
  await again.page.getByRole('alert').waitFor();
  assert.equal(await again.page.getByRole('button', { name: 'Send code' }).isDisabled(), true, 'the code was probably sent: resending waits');
  assert.match(await again.page.locator('#cooldown').textContent(), /You can send another code in \d+ s/);
  await again.page.getByLabel('Verification code').waitFor();
  again.expectClean();
  await again.close();
});
