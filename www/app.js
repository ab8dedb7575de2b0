// The verify-email demo. Tokens live in this module's memory only: never in storage or the URL.
// Everything the server says is shown with textContent, never as HTML.
import { CognitoClient, CognitoError } from '/js/index.js';

const RESEND_COOLDOWN_S = 30;
const LIMIT_COOLDOWN_S = 300;
const REFRESH_MARGIN_MS = 60_000;

const $ = (id) => document.getElementById(id);
const ui = {
  target: $('target'),
  status: $('status'),
  signin: $('signin'),
  signinForm: $('signin-form'),
  username: $('username'),
  password: $('password'),
  tokenForm: $('token-form'),
  accessToken: $('access-token'),
  account: $('account'),
  email: $('email'),
  state: $('state'),
  pendingNote: $('pending-note'),
  sendCode: $('send-code'),
  cooldown: $('cooldown'),
  verifyForm: $('verify-form'),
  delivery: $('delivery'),
  code: $('code'),
  changeForm: $('change-form'),
  newEmail: $('new-email'),
  signOut: $('sign-out'),
  settings: $('settings'),
  linkSettings: $('link-settings'),
  linkText: $('link-text'),
  useLink: $('use-link'),
  settingsForm: $('settings-form'),
  region: $('region'),
  clientId: $('client-id'),
  endpoint: $('endpoint'),
};

const session = {
  client: null,
  clientId: '',
  tokens: null, // { access, refresh }
  email: '',
  verified: false,
  cooldownUntil: 0,
  cooldownTimer: 0,
  busy: false,
  // Bumped on sign-out and on new settings: a reply to a request made before is dropped.
  generation: 0,
};

// ---- messages -------------------------------------------------------------------------------

function say(text, kind = 'info') {
  ui.status.className = `status ${kind}`;
  // Errors are announced at once; other news when the screen reader is free.
  ui.status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  ui.status.setAttribute('aria-live', kind === 'error' ? 'assertive' : 'polite');
  ui.status.textContent = text;
}

const FIELD_NAMES = {
  AccessToken: 'access token',
  AttributeName: 'attribute',
  Code: 'verification code',
  ClientId: 'app client id',
  'AuthParameters.USERNAME': 'username',
  'AuthParameters.PASSWORD': 'password',
  'UserAttributes[0].Value': 'new email',
  region: 'region',
  endpoint: 'endpoint',
};

/** One clear sentence per failure, saying what to do next. */
function explain(err, context) {
  if (!(err instanceof CognitoError)) return `Something went wrong: ${err?.message ?? err}. Reload the page and try again.`;
  const id = err.$metadata?.requestId ? ` (request id ${err.$metadata.requestId})` : '';
  switch (err.name) {
    case 'CodeMismatchException':
      return 'That code is not right. Check the most recent message and type the code again.';
    case 'ExpiredCodeException':
      return 'That code has expired. Press “Send code” to get a new one.';
    case 'LimitExceededException':
      return 'Too many attempts. Wait about 15 minutes before trying again: trying sooner makes the wait longer.';
    case 'TooManyRequestsException':
      return 'Cognito is receiving too many requests right now. Wait a few seconds, then try again.';
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      return context === 'signin'
        ? 'The username or password is wrong. Check them and sign in again.'
        : 'Your session has ended or the token is no longer valid. Sign in again.';
    case 'PasswordResetRequiredException':
      return 'This account needs a new password before it can be used. Reset it, then sign in again.';
    case 'UserNotConfirmedException':
      return 'This account is not confirmed yet. Confirm the sign-up, then sign in again.';
    case 'AliasExistsException':
      return 'Another account already uses that email address. Use a different one.';
    case 'CodeDeliveryFailureException':
      return `Cognito could not deliver the code. Check the address, then try again later${id}.`;
    case 'NetworkError':
      return 'Cannot reach Cognito. Check your connection (and the settings below), then try again.';
    case 'TimeoutError':
      return 'Cognito did not answer in time. Try again in a moment.';
    case 'AbortError':
      return 'The request was cancelled.';
    case 'ValidationError': {
      const field = FIELD_NAMES[err.field] ?? err.field;
      return `Check the ${field}: ${err.message.slice(err.field.length + 1)}.`;
    }
    case 'InvalidParameterException':
      return `Cognito refused the request: ${err.message}${id}.`;
    default:
      return `Cognito reported ${err.name}: ${err.message}${id}. Try again later.`;
  }
}

function fail(err, context) {
  if (err instanceof SignedOut) return; // the page moved on: nothing to report
  say(explain(err, context), 'error');
  if (context !== 'signin' && err instanceof CognitoError && err.name === 'NotAuthorizedException') {
    signOut(false);
  }
  if (err instanceof CognitoError && err.name === 'LimitExceededException') startCooldown(LIMIT_COOLDOWN_S);
}

// ---- configuration ---------------------------------------------------------------------------

/** The page's own configuration (config.json), or null. */
async function loadConfig() {
  try {
    const res = await fetch('config.json');
    if (res.ok) return await res.json();
  } catch {}
  return null;
}

/**
 * Settings a link proposes (`?region=…&clientId=…&endpoint=…`), or null. A link can point the page at
 * anyone's user pool (whose triggers would see the password), so they apply only once the user
 * confirms them.
 */
function linkSettings() {
  const query = new URLSearchParams(location.search);
  if (!query.has('region') && !query.has('endpoint') && !query.has('clientId')) return null;
  return { region: query.get('region') ?? '', endpoint: query.get('endpoint') ?? '', clientId: query.get('clientId') ?? '', fromLink: true };
}

function isLoopback(url) {
  try {
    const host = new URL(url).hostname;
    // [::1] is loopback too, but a CSP host source cannot name an IPv6 address.
    return host === '127.0.0.1' || host === 'localhost';
  } catch {
    return false;
  }
}

function configure({ region = '', endpoint = '', clientId = '', username = '', fromLink = false }) {
  if (endpoint && !isLoopback(endpoint)) {
    say('This demo only talks to an emulator on this computer (127.0.0.1 or localhost) or to real Cognito by region.', 'error');
    return false;
  }
  session.generation++;
  session.client = new CognitoClient(endpoint ? { endpoint } : { region });
  session.clientId = clientId;
  ui.region.value = region;
  ui.endpoint.value = endpoint;
  ui.clientId.value = clientId;
  if (username && !ui.username.value) ui.username.value = username;
  ui.target.textContent = endpoint
    ? `Talking to a local Cognito emulator at ${endpoint}, app client ${clientId || '(none)'}.`
    : `Talking to Amazon Cognito in ${region || '(no region)'}, app client ${clientId || '(none)'}.`;
  ui.target.classList.toggle('warning', fromLink);
  if (fromLink) {
    // A link can point this page at anyone's user pool: say so before a password is typed.
    ui.target.textContent += ' These settings came from the link that opened this page: sign in only if you trust whoever sent it.';
  }
  return true;
}

// ---- tokens ------------------------------------------------------------------------------------

/** The token's `exp` in ms, read from the JWT payload (not verified: only to refresh in time). */
function expiresAt(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const exp = JSON.parse(atob(payload)).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** The access token, refreshed with REFRESH_TOKEN_AUTH when it is within a minute of expiring. */
async function accessToken() {
  if (!session.tokens) throw new SignedOut();
  const generation = session.generation;
  const { access, refresh } = session.tokens;
  const exp = expiresAt(access);
  if (refresh && exp !== null && exp - Date.now() < REFRESH_MARGIN_MS) {
    const out = await session.client.initiateAuth({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: session.clientId,
      AuthParameters: { REFRESH_TOKEN: refresh },
    });
    // Signed out (or reconfigured) while the refresh was in flight: its tokens are not kept.
    if (generation !== session.generation) throw new SignedOut();
    session.tokens.access = out.AuthenticationResult?.AccessToken ?? access;
  }
  return session.tokens.access;
}

/** Throws `SignedOut` if the page signed out or was reconfigured since `generation`. */
function stillCurrent(generation) {
  if (generation !== session.generation) throw new SignedOut();
}

/** The user signed out (or changed settings) while a request was in flight. */
class SignedOut extends Error {}

// ---- views -------------------------------------------------------------------------------------

function showAccount() {
  ui.signin.hidden = true;
  ui.account.hidden = false;
  ui.email.textContent = session.email || '(no email on this account)';
  ui.state.textContent = session.verified ? 'Verified' : 'Not verified';
  ui.state.className = `badge ${session.verified ? 'verified' : 'unverified'}`;
  if (session.verified) ui.verifyForm.hidden = true;
  updateSendButton();
}

function updateSendButton() {
  const waiting = Math.max(0, Math.ceil((session.cooldownUntil - Date.now()) / 1000));
  ui.sendCode.disabled = session.busy || waiting > 0 || session.verified || !session.email;
  ui.cooldown.textContent = session.verified
    ? 'Nothing to do: this address is verified.'
    : waiting > 0
      ? `You can send another code in ${waiting} s.`
      : '';
  if (waiting === 0 && session.cooldownTimer) {
    clearInterval(session.cooldownTimer);
    session.cooldownTimer = 0;
  }
}

function startCooldown(seconds) {
  session.cooldownUntil = Math.max(session.cooldownUntil, Date.now() + seconds * 1000);
  if (!session.cooldownTimer) session.cooldownTimer = setInterval(updateSendButton, 1000);
  updateSendButton();
}

/**
 * Runs one action at a time, disabling `button` meanwhile (no double sends). The action may return
 * the element to focus once the controls are enabled again.
 */
async function busy(button, action) {
  if (session.busy) return;
  session.busy = true;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  let focusNext;
  try {
    focusNext = await action();
  } finally {
    session.busy = false;
    button.disabled = false;
    button.removeAttribute('aria-busy');
    updateSendButton();
  }
  focusNext?.focus();
}

async function loadUser() {
  const generation = session.generation;
  const user = await session.client.getUser({ AccessToken: await accessToken() });
  if (generation !== session.generation) throw new SignedOut();
  const attrs = Object.fromEntries(user.UserAttributes.map((a) => [a.Name, a.Value]));
  session.email = attrs.email ?? '';
  session.verified = attrs.email_verified === 'true';
  showAccount();
}

function signOut(announce = true) {
  session.generation++;
  session.tokens = null;
  session.email = '';
  session.verified = false;
  session.cooldownUntil = 0;
  ui.password.value = '';
  ui.accessToken.value = '';
  ui.code.value = '';
  ui.newEmail.value = '';
  ui.verifyForm.hidden = true;
  ui.pendingNote.hidden = true;
  ui.account.hidden = true;
  ui.signin.hidden = false;
  if (announce) say("You're signed out. Your tokens were dropped from this page.", 'info');
  ui.username.focus();
}

// ---- actions -----------------------------------------------------------------------------------

ui.signinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  busy(ui.signinForm.querySelector('button'), async () => {
    const generation = session.generation;
    try {
      const out = await session.client.initiateAuth({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: session.clientId,
        AuthParameters: { USERNAME: ui.username.value.trim(), PASSWORD: ui.password.value },
      });
      ui.password.value = '';
      if (generation !== session.generation) return undefined; // signed out or reconfigured meanwhile
      const result = out.AuthenticationResult;
      if (!result?.AccessToken) {
        say(`This account needs one more sign-in step (${out.ChallengeName ?? 'a challenge'}) that this demo does not handle.`, 'error');
        return;
      }
      session.tokens = { access: result.AccessToken, refresh: result.RefreshToken ?? null };
      await loadUser();
      say(session.verified ? 'Signed in. Your email is already verified.' : 'Signed in. Your email is not verified yet: press “Send code”.', 'info');
      return session.verified ? ui.newEmail : ui.sendCode;
    } catch (err) {
      fail(err, 'signin');
    }
  });
});

ui.tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  busy(ui.tokenForm.querySelector('button'), async () => {
    session.tokens = { access: ui.accessToken.value.trim(), refresh: null };
    ui.accessToken.value = '';
    try {
      await loadUser();
      say('Using the access token you pasted. It is kept in this page only.', 'info');
    } catch (err) {
      session.tokens = null;
      fail(err, 'token');
    }
  });
});

ui.sendCode.addEventListener('click', () => {
  if (session.cooldownUntil > Date.now()) return;
  busy(ui.sendCode, async () => {
    const generation = session.generation;
    try {
      const out = await session.client.getUserAttributeVerificationCode({
        AccessToken: await accessToken(),
        AttributeName: 'email',
      });
      stillCurrent(generation);
      showCodeForm(out.CodeDeliveryDetails, session.email);
      startCooldown(RESEND_COOLDOWN_S);
      say('Code sent. It can take a minute to arrive.', 'info');
    } catch (err) {
      // A 2xx whose body is broken: the code was probably sent, so resending waits as after a send.
      const status = err instanceof CognitoError ? err.$metadata.httpStatusCode ?? 0 : 0;
      if (generation === session.generation && status >= 200 && status < 300) {
        showCodeForm(undefined, session.email);
        startCooldown(RESEND_COOLDOWN_S);
      }
      fail(err, 'send');
    }
  });
});

function showCodeForm(details, fallbackAddress) {
  const medium = details?.DeliveryMedium === 'SMS' ? 'text message' : 'email';
  const where = details?.Destination ?? fallbackAddress;
  ui.delivery.textContent = `We sent a code by ${medium} to ${where}.`;
  ui.verifyForm.hidden = false;
  ui.code.value = '';
  ui.code.focus();
}

ui.verifyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  busy(ui.verifyForm.querySelector('button'), async () => {
    const generation = session.generation;
    try {
      await session.client.verifyUserAttribute({
        AccessToken: await accessToken(),
        AttributeName: 'email',
        Code: ui.code.value.trim(),
      });
      stillCurrent(generation);
      ui.verifyForm.hidden = true;
      ui.pendingNote.hidden = true;
      await loadUser();
      say(`Your email ${session.email} is verified.`, 'success');
    } catch (err) {
      fail(err, 'verify');
    }
  });
});

ui.changeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const next = ui.newEmail.value.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(next)) {
    say('Enter the new email address, like name@example.com.', 'error');
    ui.newEmail.focus();
    return;
  }
  busy(ui.changeForm.querySelector('button'), async () => {
    const previous = session.email;
    const generation = session.generation;
    try {
      const out = await session.client.updateUserAttributes({
        AccessToken: await accessToken(),
        UserAttributes: [{ Name: 'email', Value: next }],
      });
      stillCurrent(generation);
      await loadUser();
      ui.pendingNote.hidden = false;
      ui.pendingNote.textContent =
        session.email === next
          ? `Your account's email is now ${next}, not verified until you enter the code sent there. ` +
            `Your old address (${previous}) no longer receives account messages.`
          : `Your current address (${previous}) stays active for sign-in and messages until you verify ${next}.`;
      ui.newEmail.value = '';
      showCodeForm(out.CodeDeliveryDetailsList?.find((d) => d.AttributeName === 'email'), next);
      startCooldown(RESEND_COOLDOWN_S);
      say(`We sent a code to ${next}. Enter it below to verify the new address.`, 'info');
    } catch (err) {
      fail(err, 'change');
    }
  });
});

ui.signOut.addEventListener('click', () => signOut(true));

ui.settingsForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const ok = configure({ region: ui.region.value.trim(), endpoint: ui.endpoint.value.trim(), clientId: ui.clientId.value.trim() });
  if (ok) {
    signOut(false);
    say('Settings applied. Sign in with an account of that user pool.', 'info');
  }
});

// ---- start -------------------------------------------------------------------------------------

const config = await loadConfig();
if (config && configure(config)) {
  ui.settings.open = !config.endpoint && !config.region;
} else if (!config) {
  ui.target.textContent = 'Not configured yet: open Settings and enter your region and app client id.';
  ui.settings.open = true;
  configure({ region: 'us-east-1' });
  ui.region.value = '';
}
const proposed = linkSettings();
if (proposed) {
  const where = proposed.endpoint ? `endpoint ${proposed.endpoint}` : `region ${proposed.region || '(none)'}`;
  const named = `${where}, app client ${proposed.clientId || '(none)'}`;
  ui.linkText.textContent = `The link that opened this page asks to use another user pool: ${named}. Until you confirm, this page keeps its own settings. Only confirm if you trust whoever sent the link: the pool it names would see your password.`;
  ui.useLink.textContent = `Use ${named}`;
  ui.linkSettings.hidden = false;
  ui.useLink.addEventListener('click', () => {
    if (configure(proposed)) {
      signOut(false);
      ui.linkSettings.hidden = true;
      say(`Now using ${named}, from the link.`, 'info');
    }
  });
}
document.body.dataset.ready = 'true';
