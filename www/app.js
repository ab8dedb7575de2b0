// The verify-email demo. Tokens live in this module's memory only: never in storage or the URL.
// Everything the server says is shown with textContent, never as HTML.
import { CognitoClient, CognitoError } from '/js/index.js';
import { createVerifyFlow } from '/js/flow.js';

const RESEND_COOLDOWN_S = 30;
const LIMIT_COOLDOWN_S = 900;
const REFRESH_MARGIN_MS = 60_000;

const $ = (id) => document.getElementById(id);
const ui = {
  target: $('target'),
  status: $('status'),
  news: $('news'),
  alarm: $('alarm'),
  signin: $('signin'),
  signinForm: $('signin-form'),
  username: $('username'),
  password: $('password'),
  tokenForm: $('token-form'),
  accessToken: $('access-token'),
  account: $('account'),
  attributes: document.querySelectorAll('input[name="attribute"]'),
  flow: $('flow'),
  attributeTitle: $('attribute-title'),
  value: $('value'),
  state: $('state'),
  pendingNote: $('pending-note'),
  sendCode: $('send-code'),
  cooldown: $('cooldown'),
  verifyForm: $('verify-form'),
  delivery: $('delivery'),
  code: $('code'),
  verify: $('verify-form').querySelector('button'),
  claim: $('claim'),
  renew: $('renew'),
  changeForm: $('change-form'),
  changeTitle: $('change-title'),
  newValueLabel: $('new-value-label'),
  newValue: $('new-value'),
  changeSubmit: $('change-submit'),
  changeHint: $('change-hint'),
  signOut: $('sign-out'),
  signOutEverywhere: $('sign-out-everywhere'),
  sessionNote: $('session-note'),
  showSignup: $('show-signup'),
  signup: $('signup'),
  signupForm: $('signup-form'),
  signupEmail: $('signup-email'),
  signupPassword: $('signup-password'),
  confirmForm: $('confirm-form'),
  confirmDelivery: $('confirm-delivery'),
  confirmCode: $('confirm-code'),
  resendCode: $('resend-code'),
  resendCooldown: $('resend-cooldown'),
  backToSignin: $('back-to-signin'),
  challenge: $('challenge'),
  challengeText: $('challenge-text'),
  challengeForm: $('challenge-form'),
  challengePassword: $('challenge-password'),
  newPassword: $('new-password'),
  challengeCode: $('challenge-code'),
  mfaCode: $('mfa-code'),
  challengeChoice: $('challenge-choice'),
  challengeSubmit: $('challenge-submit'),
  cancelChallenge: $('cancel-challenge'),
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
  tokens: null, // { access, refresh, id }
  // The tokens being refreshed: every caller waits for the one refresh (under rotation a second
  // refresh with the same token would be taken for a stolen one).
  refreshing: null,
  // The endpoint does not know GetTokensFromRefreshToken: refresh with REFRESH_TOKEN_AUTH.
  legacyRefresh: false,
  // An account being created: its username, and its password until the sign-in that follows.
  signup: null, // { username, password }
  // The sign-in challenge being answered: { name, session, username, parameters }.
  challenge: null,
  // The verification flow of each attribute (made on first use), and the attribute shown.
  flows: {},
  attribute: 'email',
  shown: null, // the flow on screen, once its attributes are read
  // What the page says about a change the pool took at once, per attribute, until it is verified.
  replaced: {},
  busy: false,
  actions: 0, // counts busy() actions: only the latest one frees the controls
  // Bumped on sign-out and on new settings: a reply to a request made before is dropped.
  generation: 0,
};

// ---- messages -------------------------------------------------------------------------------

function say(text, kind = 'info') {
  ui.status.className = text ? `status ${kind}` : 'status empty';
  // Errors are announced at once (the alert region); other news when the screen reader is free.
  ui.alarm.textContent = kind === 'error' ? text : '';
  ui.news.textContent = kind === 'error' ? '' : text;
}

const FIELD_NAMES = {
  AccessToken: 'access token',
  ClientId: 'app client id',
  'AuthParameters.USERNAME': 'username',
  'AuthParameters.PASSWORD': 'password',
  Username: 'email address',
  Password: 'password',
  'UserAttributes[0].Value': 'email address',
  ConfirmationCode: 'confirmation code',
  'ChallengeResponses.NEW_PASSWORD': 'new password',
  'ChallengeResponses.SMS_MFA_CODE': 'sign-in code',
  'ChallengeResponses.EMAIL_OTP_CODE': 'sign-in code',
  'ChallengeResponses.SOFTWARE_TOKEN_MFA_CODE': 'sign-in code',
  Session: 'sign-in session',
  RefreshToken: 'refresh token',
  Token: 'refresh token',
  region: 'region',
  endpoint: 'endpoint',
};

/** A failure the verification flow reported: its problem carries the next step. */
class FlowFailure extends Error {
  constructor(problem) {
    super(problem.message);
    this.name = problem.name;
    this.problem = problem;
  }
}

/** One clear sentence per failure, saying what to do next. */
function explain(err, context) {
  if (err instanceof FlowFailure) return problemText(err.problem);
  if (!(err instanceof CognitoError)) return `Something went wrong: ${err?.message ?? err}. Reload the page and try again.`;
  const id = err.$metadata?.requestId ? ` (request id ${err.$metadata.requestId})` : '';
  switch (err.name) {
    case 'CodeMismatchException':
      return 'That code is not right. Check the most recent message and type the code again.';
    case 'ExpiredCodeException':
      if (context === 'confirm') return 'That code has expired or was replaced by a newer one. Use the most recent code, or press “Resend code”.';
      if (context === 'challenge') return 'That code has expired. Cancel and sign in again to get a new one.';
      return 'That code has expired. Press “Send code” to get a new one.';
    case 'LimitExceededException':
      return context === 'resend'
        ? 'Too many codes were sent to this account. Wait about 15 minutes before asking for another: asking sooner makes the wait longer.'
        : 'Too many attempts. Wait about 15 minutes before trying again: trying sooner makes the wait longer.';
    case 'TooManyRequestsException':
      return 'Cognito is receiving too many requests right now. Wait a few seconds, then try again.';
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      if (context === 'signin') return 'The username or password is wrong. Check them and sign in again.';
      if (context === 'challenge') return 'This sign-in has expired (it took too long, or had too many wrong codes). Sign in again.';
      if (context === 'confirm') return 'This account cannot be confirmed: it may be confirmed already. Try signing in.';
      if (context === 'signup') return `This app client does not take sign-ups from this page (self-service sign-up may be off): ${err.message}`;
      return 'Your session has ended or the token is no longer valid. Sign in again.';
    case 'RefreshTokenReuseException':
      return 'Your session was ended because its refresh token was used twice (a sign of a copied token). Sign in again.';
    case 'UsernameExistsException':
      return 'An account with that email address already exists. Sign in instead, or use another address.';
    case 'InvalidPasswordException':
      return `Choose a stronger password: ${err.message}`;
    case 'PasswordResetRequiredException':
      return 'This account needs a new password before it can be used. Reset it, then sign in again.';
    case 'UserNotConfirmedException':
      return 'This account is not confirmed yet. Enter the code we emailed when you signed up, or press “Resend code”.';
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
      return context === 'resend'
        ? `Cognito sent no code: ${err.message} Try signing in.`
        : `Cognito refused the request: ${err.message}${id}.`;
    default:
      return `Cognito reported ${err.name}: ${err.message}${id}. Try again later.`;
  }
}

/** The contexts of calls made with the user's tokens: an authorization failure there signs out. */
const SIGNED_IN_CONTEXTS = new Set(['token', 'everywhere']);

function fail(err, context) {
  if (err instanceof SignedOut) return; // the page moved on: nothing to report
  say(explain(err, context), 'error');
  const name = err instanceof CognitoError ? err.name : '';
  const ended = name === 'NotAuthorizedException' || name === 'RefreshTokenReuseException' || err?.problem?.next === 'signInAgain';
  if (SIGNED_IN_CONTEXTS.has(context) && ended) {
    dropTokens();
    showSignIn();
  }
  if (context === 'challenge' && name === 'NotAuthorizedException') {
    dropTokens();
    showSignIn();
  }
  if (name === 'LimitExceededException' && context === 'resend') resendCooldown.start(LIMIT_COOLDOWN_S);
}

/** What the page says about a problem of the verification flow: the flow's next step, in words. */
function problemText(problem) {
  switch (problem.next) {
    case 'signInAgain':
      // The session ended: the page's own sentence says why.
      return explain(new CognitoError({ name: problem.name, message: problem.message, $metadata: {} }), 'session');
    case 'typeCodeAgain':
    case 'sendNewCode':
    case 'wait':
      return problem.sentence;
    default:
      return problem.name === 'SameValue' || problem.name === 'NoCodeSent'
        ? `${problem.message} ${problem.sentence}`
        : `${problem.sentence} (${problem.name}: ${problem.message})`;
  }
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
  session.legacyRefresh = false;
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

/** A JWT's claims, read from its payload (not verified: only to show them and refresh in time). */
function claims(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const value = JSON.parse(atob(payload));
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/** The token's `exp` in ms, or null. */
function expiresAt(jwt) {
  const { exp } = claims(jwt);
  return typeof exp === 'number' ? exp * 1000 : null;
}

/** Errors of an endpoint that does not know an operation (Cognito's, and cognito-local's). */
const UNKNOWN_OPERATION = new Set(['UnknownOperationException', 'Unsupported']);

/**
 * New tokens for the refresh token: GetTokensFromRefreshToken (which, under refresh token rotation,
 * also returns the refresh token to keep), or REFRESH_TOKEN_AUTH where the endpoint lacks it.
 */
async function refreshTokens(refresh) {
  if (!session.legacyRefresh) {
    try {
      const out = await session.client.getTokensFromRefreshToken({ ClientId: session.clientId, RefreshToken: refresh });
      return out.AuthenticationResult;
    } catch (err) {
      if (!(err instanceof CognitoError && UNKNOWN_OPERATION.has(err.name))) throw err;
      session.legacyRefresh = true;
      ui.sessionNote.hidden = false;
      ui.sessionNote.textContent =
        'This Cognito endpoint does not know GetTokensFromRefreshToken, so your session is refreshed with REFRESH_TOKEN_AUTH instead.';
    }
  }
  const out = await session.client.initiateAuth({
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: session.clientId,
    AuthParameters: { REFRESH_TOKEN: refresh },
  });
  return out.AuthenticationResult;
}

/**
 * Refreshes the tokens now and keeps the new ones. Callers at the same time share one refresh; one
 * made before a sign-out (or new settings) keeps nothing and fails with `SignedOut`.
 */
function renewTokens() {
  if (!session.tokens?.refresh) return Promise.reject(new SignedOut());
  const generation = session.generation;
  session.refreshing ??= refreshTokens(session.tokens.refresh)
    .then((result) => {
      stillCurrent(generation);
      const tokens = session.tokens;
      tokens.access = result?.AccessToken ?? tokens.access;
      // Under rotation the old refresh token stops working: keep the new one.
      tokens.refresh = result?.RefreshToken ?? tokens.refresh;
      tokens.id = result?.IdToken ?? tokens.id;
    })
    .catch((err) => {
      throw generation === session.generation ? err : new SignedOut();
    })
    .finally(() => {
      if (generation === session.generation) session.refreshing = null;
    });
  return session.refreshing;
}

/** The access token, refreshed first when it is within a minute of expiring. */
async function accessToken() {
  if (!session.tokens) throw new SignedOut();
  const { access, refresh } = session.tokens;
  const exp = expiresAt(access);
  if (refresh && exp !== null && exp - Date.now() < REFRESH_MARGIN_MS) await renewTokens();
  return session.tokens.access;
}

/** Throws `SignedOut` if the page signed out or was reconfigured since `generation`. */
function stillCurrent(generation) {
  if (generation !== session.generation) throw new SignedOut();
}

/** The user signed out (or changed settings) while a request was in flight. */
class SignedOut extends Error {}

// ---- views -------------------------------------------------------------------------------------

/** Shows one of the page's four steps (sign in, sign up, challenge, account) and hides the others. */
function show(section) {
  for (const each of [ui.signin, ui.signup, ui.challenge, ui.account]) each.hidden = each !== section;
}

function showSignIn(username = '') {
  show(ui.signin);
  if (username) ui.username.value = username;
  (username ? ui.password : ui.username).focus();
}

/** A wait before `button` may be pressed again, counted down in `hint`. */
class Cooldown {
  constructor(button, hint, again) {
    Object.assign(this, { button, hint, again, until: 0, timer: 0 });
  }

  start(seconds) {
    this.until = Math.max(this.until, Date.now() + seconds * 1000);
    this.timer ||= setInterval(() => this.update(), 1000);
    this.update();
  }

  get waiting() {
    return this.until > Date.now();
  }

  update() {
    const left = Math.max(0, Math.ceil((this.until - Date.now()) / 1000));
    this.button.disabled = session.busy || left > 0;
    this.hint.textContent = left > 0 ? `You can ${this.again} in ${duration(left)}.` : '';
    if (left === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = 0;
    }
  }

  reset() {
    this.until = 0;
    this.update();
  }
}

/** `seconds` in words: "42 s", or "15 min" once it is a minute or more. */
function duration(seconds) {
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

const resendCooldown = new Cooldown(ui.resendCode, ui.resendCooldown, 'ask for another code');

function updateButtons() {
  resendCooldown.update();
  renderShown();
}

/**
 * Runs one action at a time, disabling `button` meanwhile (no double sends). The action may return
 * the element to focus once the controls are enabled again.
 */
async function busy(button, action) {
  if (session.busy) return;
  session.busy = true;
  const mine = ++session.actions;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  let focusNext;
  try {
    focusNext = await action();
  } finally {
    // A sign-out may have freed the controls and another action taken them since.
    if (mine === session.actions) session.busy = false;
    button.disabled = false;
    button.removeAttribute('aria-busy');
    updateButtons();
  }
  focusNext?.focus();
}

/** Signs the page in with these tokens; replies to requests made before (a sign-out's) are dropped. */
function useTokens(access, refresh, id = null) {
  session.generation++;
  session.tokens = { access, refresh, id };
}

/** Forgets the tokens and everything typed on this page; replies to earlier requests are dropped. */
function dropTokens() {
  session.generation++;
  session.tokens = null;
  session.refreshing = null;
  session.signup = null;
  session.challenge = null;
  endFlows();
  for (const field of [ui.password, ui.accessToken, ui.code, ui.newValue, ui.signupPassword, ui.confirmCode, ui.newPassword, ui.mfaCode]) {
    field.value = '';
  }
  ui.sessionNote.hidden = true;
  // A request still in flight is dropped when it ends: it no longer holds the controls.
  session.busy = false;
  for (const button of document.querySelectorAll('button[aria-busy]')) {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
  updateButtons();
}

// ---- verify: the library's verification flow, one per attribute -------------------------------

/** The page's words for each attribute. */
const WORDS = {
  email: {
    title: 'Your email',
    noun: 'email address',
    none: '(no email on this account)',
    label: 'New email',
    change: 'Change email',
    add: 'Add email',
    changeTitle: 'Use a different address',
    addTitle: 'Add an email address',
    hint: 'We send a code to the new address.',
    type: 'email',
    autocomplete: 'email',
  },
  phone_number: {
    title: 'Your phone number',
    noun: 'phone number',
    none: '(no phone number on this account)',
    label: 'New phone number',
    change: 'Change phone number',
    add: 'Add phone number',
    changeTitle: 'Use a different number',
    addTitle: 'Add a phone number',
    hint: 'With its country code, like +15555550123. We text a code to the new number.',
    type: 'tel',
    autocomplete: 'tel',
  },
};

const WHERE_IT_STAYS =
  " Whether your current one stays active until you verify the new one depends on the user pool's settings: we tell you which right after the change.";

/** Why the flow made no call, in words (a refusal that sets a problem is said by the problem). */
const REFUSALS = {
  Empty: 'Type the code from the message first.',
  Waiting: 'Wait until the countdown ends before asking for another code.',
  AlreadyVerified: 'Nothing to do: this is verified already.',
  NoValue: 'There is nothing to verify yet: add one below.',
  NotLoaded: 'Your details are still loading. Try again in a moment.',
  Busy: 'Wait for the request in flight to finish.',
  NothingToRefresh: 'Your tokens are current.',
};

const VALID = {
  email: (value) => /^[^\s@]+@[^\s@]+$/.test(value),
  phone_number: (value) => /^\+[1-9]\d{4,14}$/.test(value),
};
const INVALID = {
  email: 'Enter the new email address, like name@example.com.',
  phone_number: 'Enter the phone number with its country code and no spaces, like +15555550123.',
};

/** The flow of `attribute` for the signed-in user, made (and its first load started) on first use. */
function flowOf(attribute) {
  if (!session.flows[attribute]) {
    const made = openFlow(attribute).catch((err) => {
      // Not made (the module did not load, say): the next use tries again.
      if (session.flows[attribute] === made) delete session.flows[attribute];
      throw err;
    });
    session.flows[attribute] = made;
  }
  return session.flows[attribute];
}

async function openFlow(attribute) {
  const generation = session.generation;
  const flow = await createVerifyFlow({
    client: session.client,
    attribute,
    accessToken,
    // After a verify the flow renews the tokens, so the ID token's `*_verified` claim is current.
    refreshTokens: session.tokens?.refresh ? renewTokens : undefined,
  });
  if (generation !== session.generation) {
    flow.signOut();
    throw new SignedOut();
  }
  flow.subscribe(() => {
    if (session.attribute === attribute) renderShown();
  });
  return flow;
}

/** Ends every flow: replies to their calls in flight are dropped. */
function endFlows() {
  for (const made of Object.values(session.flows)) made.then((flow) => flow.signOut(), () => {});
  session.flows = {};
  session.shown = null;
  session.replaced = {};
  session.attribute = 'email';
  for (const radio of ui.attributes) radio.checked = radio.value === 'email';
}

/** Resolves with the flow's state once no call is in flight. */
function settled(flow) {
  return new Promise((resolve) => {
    const state = flow.getSnapshot();
    if (state.busy === null) return resolve(state);
    const stop = flow.subscribe((next) => {
      if (next.busy !== null) return;
      stop();
      resolve(next);
    });
  });
}

/**
 * Shows the flow of `attribute` once its attributes are read; resolves to its state. Throws
 * `SignedOut` if the page moved on meanwhile, and a `FlowFailure` if they could not be read.
 */
async function showFlow(attribute) {
  const generation = session.generation;
  session.attribute = attribute;
  const flow = await flowOf(attribute);
  stillCurrent(generation);
  let state = flow.getSnapshot();
  // A first read that failed is tried again.
  if (state.phase === 'loading' && state.busy === null) flow.load();
  state = await settled(flow);
  stillCurrent(generation);
  if (state.phase !== 'ready') throw new FlowFailure(state.problem ?? SESSION_ENDED);
  if (session.attribute === attribute) {
    session.shown = flow;
    show(ui.account);
    renderShown();
  }
  return state;
}

/** The problem of a flow that ended without one (signed out by the page itself). */
const SESSION_ENDED = { name: 'NotAuthorizedException', message: '', next: 'signInAgain', sentence: '' };

/** The next redraw of a countdown. */
let ticker = 0;

/** Draws the shown flow's state (and counts down its wait, once a second). */
function renderShown() {
  clearTimeout(ticker);
  ticker = 0;
  const flow = session.shown;
  if (!flow || session.attribute !== flow.getSnapshot().attribute) return;
  const state = flow.getSnapshot();
  const words = WORDS[state.attribute];
  const loading = state.phase === 'loading';
  const working = session.busy || state.busy !== null;
  ui.flow.setAttribute('aria-busy', String(state.busy !== null));
  for (const radio of ui.attributes) radio.disabled = working && !radio.checked;
  ui.signOutEverywhere.disabled = working;
  ui.attributeTitle.textContent = words.title;
  ui.value.textContent = loading ? 'Loading…' : state.value ?? words.none;
  ui.state.hidden = loading || state.value === null;
  ui.state.textContent = state.verified ? 'Verified' : 'Not verified';
  ui.state.className = `badge ${state.verified ? 'verified' : 'unverified'}`;

  const note = !state.pending
    ? state.verified ? '' : session.replaced[state.attribute] ?? ''
    : state.value === null
      ? `${state.pending} becomes this account's ${words.noun} once you verify it.`
      : `Your current ${words.noun} (${state.value}) stays active for sign-in and messages until you verify ${state.pending}.`;
  ui.pendingNote.hidden = !note;
  ui.pendingNote.textContent = note;

  const left = Math.max(0, Math.ceil((state.resendAt - Date.now()) / 1000));
  const toPending = state.pending !== null && state.keepsOriginal === true;
  const sendable = state.phase === 'ready' && (toPending || (!state.verified && state.value !== null));
  ui.sendCode.disabled = working || left > 0 || !sendable;
  ui.cooldown.textContent =
    left > 0
      ? state.wait === 'limit'
        ? `Too many attempts: you can ask for another code in ${duration(left)}.`
        : `You can send another code in ${duration(left)}.`
      : toPending
        ? `Codes go to ${state.pending}, the new ${words.noun}.`
        : state.verified && !loading
          ? `Nothing to do: this ${words.noun} is verified.`
          : '';
  if (left > 0) ticker = setTimeout(renderShown, 1000);

  const codeOut = state.delivery !== null && (!state.verified || toPending);
  if (ui.verifyForm.hidden !== !codeOut && !codeOut) ui.code.value = '';
  ui.verifyForm.hidden = !codeOut;
  if (codeOut) {
    const medium = state.delivery.DeliveryMedium === 'SMS' ? 'text message' : 'email';
    ui.delivery.textContent = `We sent a code by ${medium} to ${state.delivery.Destination ?? state.pending ?? state.value}.`;
  }
  ui.verify.disabled = working;

  // What the ID token says, once verified: until the tokens are renewed it is out of date.
  const claim = session.tokens?.id ? claims(session.tokens.id)[`${state.attribute}_verified`] : undefined;
  ui.claim.hidden = !state.verified || !session.tokens?.id || (claim === undefined && !state.tokensStale);
  ui.claim.textContent = state.tokensStale
    ? `Your ID token was issued before this verify: renew your tokens so it says ${state.attribute}_verified is true.`
    : `Your ID token says ${state.attribute}_verified is ${claim}.`;
  ui.renew.hidden = !(state.tokensStale && session.tokens?.refresh);
  ui.renew.disabled = working;

  const empty = state.value === null && state.pending === null;
  ui.changeTitle.textContent = empty ? words.addTitle : words.changeTitle;
  ui.newValueLabel.textContent = words.label;
  ui.newValue.type = words.type;
  ui.newValue.autocomplete = words.autocomplete;
  ui.changeSubmit.textContent = empty ? words.add : words.change;
  ui.changeSubmit.disabled = working || loading;
  ui.changeHint.textContent = words.hint + (empty ? '' : WHERE_IT_STAYS);
}

/**
 * What an action of the flow left: the state when it went through, or null after saying why not
 * (a problem, a refusal, or the session's end, which signs the page out).
 */
function outcome(flow, refused, generation, accept) {
  if (generation !== session.generation) return null;
  const state = flow.getSnapshot();
  if (state.phase === 'signedOut') {
    const problem = state.problem ?? SESSION_ENDED;
    dropTokens();
    showSignIn();
    say(problemText(problem), 'error');
    return null;
  }
  // A refusal made no call: a problem on screen is an earlier one (SameValue sets its own).
  if (refused && refused !== 'SameValue') {
    say(REFUSALS[refused] ?? `Nothing was done (${refused}).`, 'error');
    return null;
  }
  if (state.problem && !accept?.(state)) {
    say(problemText(state.problem), 'error');
    return null;
  }
  return state;
}

/**
 * Runs `action(flow)` on the shown flow from `button`; `done(state)` says what went through and
 * returns what to focus. `accept(state)` tells a problem that still counts as done.
 */
function act(button, action, done, accept) {
  return busy(button, async () => {
    const flow = session.shown;
    if (!flow) return undefined;
    const generation = session.generation;
    const refused = await action(flow);
    // The attributes are switched while an action runs only after a sign-out: nothing to say.
    if (session.shown !== flow) return undefined;
    const state = outcome(flow, refused, generation, accept);
    if (state) return done(state);
    if (generation !== session.generation) return undefined;
    const after = flow.getSnapshot();
    const next = refused && refused !== 'SameValue' ? null : after.problem?.next;
    if (next === 'typeCodeAgain') return ui.code;
    if (next === 'chooseAnotherValue' || next === 'checkInput') return ui.changeForm.contains(button) ? ui.newValue : ui.code;
    if (!ui.verifyForm.hidden) return ui.code;
    // Nothing else to do here meanwhile (a long wait, say): another value can still be entered.
    return ui.sendCode.disabled ? ui.newValue : undefined;
  });
}

for (const radio of ui.attributes) {
  radio.addEventListener('change', async () => {
    if (!radio.checked || !session.tokens) return;
    const before = session.attribute;
    say('', 'info');
    ui.code.value = '';
    ui.newValue.value = '';
    try {
      await showFlow(radio.value);
    } catch (err) {
      if (err instanceof SignedOut) return;
      // Its attributes could not be read: back to the one shown, where choosing it again retries.
      session.attribute = before;
      for (const each of ui.attributes) each.checked = each.value === before;
      renderShown();
      fail(err, 'token');
    }
  });
}

ui.sendCode.addEventListener('click', () => {
  act(ui.sendCode, (flow) => flow.send(), () => {
    say('Code sent. It can take a minute to arrive.', 'info');
    return ui.code;
  });
});

ui.verifyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const code = ui.code.value.trim();
  act(
    ui.verify,
    (flow) => flow.verify(code),
    (state) => {
      ui.code.value = '';
      delete session.replaced[state.attribute];
      const verified = `Your ${WORDS[state.attribute].noun} ${state.value} is verified.`;
      if (state.problem) {
        say(`${verified} Your tokens could not be renewed, so your ID token does not say so yet: ${problemText(state.problem)} Then press “Renew tokens”.`, 'error');
        return ui.renew;
      }
      const renewed = session.tokens?.id ? ' Your tokens were renewed, so your ID token says so too.' : '';
      say(`${verified}${renewed}`, 'success');
      return ui.newValue;
    },
    // The verify went through (no code is out any more) and only the renewal after it failed.
    (state) => state.verified && state.tokensStale && state.delivery === null,
  );
});

ui.renew.addEventListener('click', () => {
  act(ui.renew, (flow) => flow.refresh(), () => {
    say('Your tokens were renewed: your ID token is current.', 'success');
    return ui.newValue;
  });
});

ui.changeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const attribute = session.attribute;
  const next = ui.newValue.value.trim();
  if (!VALID[attribute](next)) {
    say(INVALID[attribute], 'error');
    ui.newValue.focus();
    return;
  }
  const previous = session.shown?.getSnapshot().value;
  act(ui.changeSubmit, (flow) => flow.change(next), (state) => {
    const noun = WORDS[attribute].noun;
    ui.newValue.value = '';
    if (state.keepsOriginal === false && previous && previous !== state.value) {
      session.replaced[attribute] =
        `Your account's ${noun} is now ${state.value}, not verified until you enter the code sent there. ` +
        `Your old ${noun} (${previous}) no longer receives account messages.`;
    }
    renderShown();
    say(`We sent a code to ${next}. Enter it below to verify the new ${noun}.`, 'info');
    return ui.code;
  });
});

// ---- sign-in -----------------------------------------------------------------------------------

/** What each challenge asks for: the sentence, the field, and the ChallengeResponses key. */
const CHALLENGES = {
  NEW_PASSWORD_REQUIRED: {
    text: () => 'Your account needs a new password before you can continue. Choose one.',
    field: 'password',
    key: 'NEW_PASSWORD',
    button: 'Set new password',
  },
  SMS_MFA: {
    text: (p) => `We sent a sign-in code by text message to ${p.CODE_DELIVERY_DESTINATION ?? 'your phone'}. Enter it to continue.`,
    field: 'code',
    key: 'SMS_MFA_CODE',
  },
  EMAIL_OTP: {
    text: (p) => `We sent a sign-in code by email to ${p.CODE_DELIVERY_DESTINATION ?? 'your address'}. Enter it to continue.`,
    field: 'code',
    key: 'EMAIL_OTP_CODE',
  },
  SOFTWARE_TOKEN_MFA: {
    text: () => 'Enter the code your authenticator app shows for this account.',
    field: 'code',
    key: 'SOFTWARE_TOKEN_MFA_CODE',
  },
  SELECT_MFA_TYPE: { text: () => 'How do you want to get your sign-in code?', field: 'choice' },
};

const MFA_CHOICES = { SMS_MFA: 'Text me a code', EMAIL_OTP: 'Email me a code', SOFTWARE_TOKEN_MFA: 'Use my authenticator app' };

function parseList(text) {
  try {
    const list = JSON.parse(text);
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/** Acts on a sign-in reply: tokens sign the user in, a challenge shows its form. Returns what to focus. */
async function continueSignIn(out, username, generation) {
  stillCurrent(generation);
  const result = out.AuthenticationResult;
  if (result?.AccessToken) {
    session.challenge = null;
    useTokens(result.AccessToken, result.RefreshToken ?? null, result.IdToken ?? null);
    let state;
    try {
      state = await showFlow('email');
    } catch (err) {
      if (err instanceof SignedOut) return undefined;
      // Signed in, but the account cannot be read: keep no tokens the page cannot use.
      fail(err, 'token');
      dropTokens();
      showSignIn(username);
      return undefined;
    }
    say(
      state.value === null
        ? 'Signed in. This account has no email address yet: add one below.'
        : state.verified ? 'Signed in. Your email is already verified.' : 'Signed in. Your email is not verified yet: press “Send code”.',
      'info',
    );
    return state.verified || state.value === null ? ui.newValue : ui.sendCode;
  }
  const step = CHALLENGES[out.ChallengeName];
  if (!step || !out.Session) {
    showSignIn(username);
    say(`This account needs a sign-in step this page cannot offer (${out.ChallengeName ?? 'an unnamed challenge'}). Finish signing in with your app's own sign-in page.`, 'error');
    return ui.password;
  }
  const parameters = out.ChallengeParameters ?? {};
  session.challenge = { name: out.ChallengeName, session: out.Session, username: parameters.USER_ID_FOR_SRP ?? username, key: step.key };
  show(ui.challenge);
  ui.challengeText.textContent = step.text(parameters);
  ui.challengePassword.hidden = step.field !== 'password';
  ui.challengeCode.hidden = step.field !== 'code';
  ui.challengeChoice.hidden = step.field !== 'choice';
  ui.challengeSubmit.hidden = step.field === 'choice';
  ui.challengeSubmit.textContent = step.button ?? 'Continue';
  ui.challengeChoice.replaceChildren(
    ...parseList(parameters.MFAS_CAN_CHOOSE)
      .filter((name) => MFA_CHOICES[name])
      .map((name) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'secondary';
        button.textContent = MFA_CHOICES[name];
        button.addEventListener('click', () => busy(button, () => answerChallenge({ ANSWER: name })));
        return button;
      }),
  );
  ui.newPassword.value = '';
  ui.mfaCode.value = '';
  say('One more step to finish signing in.', 'info');
  return challengeField(step.field);
}

/** The control a challenge's `field` kind is answered with (the first choice, for a choice). */
function challengeField(field) {
  return { password: ui.newPassword, code: ui.mfaCode, choice: ui.challengeChoice.querySelector('button') }[field];
}

async function answerChallenge(answers) {
  const challenge = session.challenge;
  if (!challenge) return undefined;
  const generation = session.generation;
  try {
    const out = await session.client.respondToAuthChallenge({
      ClientId: session.clientId,
      ChallengeName: challenge.name,
      Session: challenge.session,
      ChallengeResponses: { USERNAME: challenge.username, ...answers },
    });
    return await continueSignIn(out, challenge.username, generation);
  } catch (err) {
    fail(err, 'challenge');
    return ui.challenge.hidden ? undefined : challengeField(CHALLENGES[challenge.name].field);
  }
}

async function signInWithPassword(username, password) {
  const generation = session.generation;
  try {
    const out = await session.client.initiateAuth({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: session.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    });
    ui.password.value = '';
    if (generation !== session.generation) return undefined; // signed out or reconfigured meanwhile
    return await continueSignIn(out, username, generation);
  } catch (err) {
    if (err instanceof CognitoError && err.name === 'UserNotConfirmedException' && generation === session.generation) {
      // Finish the sign-up first: the code it sent (or a new one) confirms the account.
      session.signup = { username, password };
      ui.password.value = '';
      showConfirm(undefined, username);
      fail(err, 'signin');
      return ui.confirmCode;
    }
    fail(err, 'signin');
    // After a sign-up the confirm form is on screen: the sign-in form is where to try again.
    if (ui.signin.hidden && generation === session.generation) showSignIn(username);
    return undefined;
  }
}

ui.signinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  busy(ui.signinForm.querySelector('button'), () => signInWithPassword(ui.username.value.trim(), ui.password.value));
});

ui.challengeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const challenge = session.challenge;
  if (!challenge?.key) return;
  const field = challengeField(CHALLENGES[challenge.name].field);
  const value = field === ui.mfaCode ? field.value.trim() : field.value;
  busy(ui.challengeSubmit, () => answerChallenge({ [challenge.key]: value }));
});

ui.cancelChallenge.addEventListener('click', () => {
  dropTokens();
  showSignIn();
  say('Sign-in cancelled.', 'info');
});

ui.tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  busy(ui.tokenForm.querySelector('button'), async () => {
    useTokens(ui.accessToken.value.trim(), null);
    ui.accessToken.value = '';
    try {
      const state = await showFlow('email');
      say('Using the access token you pasted. It is kept in this page only.', 'info');
      return state.verified || state.value === null ? ui.newValue : ui.sendCode;
    } catch (err) {
      fail(err, 'token');
      dropTokens();
      return undefined;
    }
  });
});

// ---- sign-up -----------------------------------------------------------------------------------

function showConfirm(details, username) {
  show(ui.signup);
  ui.signupForm.hidden = true;
  ui.confirmForm.hidden = false;
  ui.confirmDelivery.textContent = details?.Destination
    ? `We sent a confirmation code by ${details.DeliveryMedium === 'SMS' ? 'text message' : 'email'} to ${details.Destination}.`
    : `Enter the confirmation code we sent when ${username} signed up, or ask for a new one.`;
  ui.confirmCode.value = '';
}

ui.showSignup.addEventListener('click', () => {
  dropTokens();
  show(ui.signup);
  ui.signupForm.hidden = false;
  ui.confirmForm.hidden = true;
  resendCooldown.reset();
  say('', 'info');
  ui.signupEmail.focus();
});

ui.backToSignin.addEventListener('click', () => {
  const username = session.signup?.username ?? '';
  dropTokens();
  showSignIn(username);
  say('', 'info');
});

ui.signupForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const email = ui.signupEmail.value.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    say('Enter your email address, like name@example.com.', 'error');
    ui.signupEmail.focus();
    return;
  }
  busy(ui.signupForm.querySelector('button'), async () => {
    const generation = session.generation;
    const password = ui.signupPassword.value;
    try {
      const out = await session.client.signUp({
        ClientId: session.clientId,
        Username: email,
        Password: password,
        UserAttributes: [{ Name: 'email', Value: email }],
      });
      stillCurrent(generation);
      session.signup = { username: email, password };
      ui.signupPassword.value = '';
      if (out.UserConfirmed) return await signInAfterSignUp();
      showConfirm(out.CodeDeliveryDetails, email);
      resendCooldown.start(RESEND_COOLDOWN_S);
      say('Account created. Enter the code we sent to confirm your email address.', 'info');
      return ui.confirmCode;
    } catch (err) {
      fail(err, 'signup');
      return undefined;
    }
  });
});

/** Signs in the account just confirmed, with the password typed at sign-up (then forgotten). */
async function signInAfterSignUp() {
  const { username, password } = session.signup;
  session.signup = null;
  if (!password) {
    showSignIn(username);
    say('Your account is confirmed. Sign in with your password.', 'success');
    return ui.password;
  }
  return signInWithPassword(username, password);
}

ui.confirmForm.addEventListener('submit', (event) => {
  event.preventDefault();
  busy(ui.confirmForm.querySelector('button'), async () => {
    const generation = session.generation;
    try {
      await session.client.confirmSignUp({
        ClientId: session.clientId,
        Username: session.signup.username,
        ConfirmationCode: ui.confirmCode.value.trim(),
      });
      stillCurrent(generation);
      say('Your email address is confirmed. Signing you in…', 'success');
      return await signInAfterSignUp();
    } catch (err) {
      fail(err, 'confirm');
      return ui.confirmCode;
    }
  });
});

ui.resendCode.addEventListener('click', () => {
  if (resendCooldown.waiting || !session.signup) return;
  busy(ui.resendCode, async () => {
    const generation = session.generation;
    try {
      const out = await session.client.resendConfirmationCode({ ClientId: session.clientId, Username: session.signup.username });
      stillCurrent(generation);
      showConfirm(out.CodeDeliveryDetails, session.signup.username);
      resendCooldown.start(RESEND_COOLDOWN_S);
      say('We sent a new code. Only the most recent code works.', 'info');
      return ui.confirmCode;
    } catch (err) {
      fail(err, 'resend');
      return undefined;
    }
  });
});

// ---- sign-out ----------------------------------------------------------------------------------

ui.signOut.addEventListener('click', async () => {
  const refresh = session.tokens?.refresh;
  dropTokens();
  showSignIn();
  if (!refresh) {
    say("You're signed out. Your tokens were dropped from this page.", 'info');
    return;
  }
  // The refresh token would keep working for days: revoke it (and the access tokens it issued).
  const generation = session.generation;
  say('Signing out…', 'info');
  try {
    await session.client.revokeToken({ ClientId: session.clientId, Token: refresh });
    if (generation === session.generation) say("You're signed out. Your refresh token was revoked and your tokens were dropped from this page.", 'info');
  } catch (err) {
    if (generation !== session.generation) return;
    const name = err instanceof CognitoError ? err.name : 'an error';
    if (name === 'NotAuthorizedException') {
      // The token no longer works anyway (it expired, or was revoked elsewhere).
      say("You're signed out. Your tokens were dropped from this page.", 'info');
      return;
    }
    const why = name === 'UnsupportedOperationException'
      ? 'token revocation is off for this app client (turn it on in the app client settings)'
      : `the refresh token could not be revoked (${name})`;
    say(`You're signed out of this page, but ${why}. Until it expires, the refresh token still works.`, 'error');
  }
});

ui.signOutEverywhere.addEventListener('click', () => {
  busy(ui.signOutEverywhere, async () => {
    const generation = session.generation;
    try {
      await session.client.globalSignOut({ AccessToken: await accessToken() });
      stillCurrent(generation);
      dropTokens();
      showSignIn();
      say("You're signed out everywhere: every refresh token of your account was revoked, on every device.", 'success');
    } catch (err) {
      if (err instanceof SignedOut) return undefined;
      if (err instanceof CognitoError && UNKNOWN_OPERATION.has(err.name)) {
        dropTokens();
        showSignIn();
        say("This Cognito endpoint does not know GlobalSignOut: you're signed out of this page only.", 'error');
        return undefined;
      }
      fail(err, 'everywhere');
    }
    return undefined;
  });
});

ui.settingsForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const ok = configure({ region: ui.region.value.trim(), endpoint: ui.endpoint.value.trim(), clientId: ui.clientId.value.trim() });
  if (ok) {
    dropTokens();
    showSignIn();
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
      dropTokens();
      showSignIn();
      ui.linkSettings.hidden = true;
      say(`Now using ${named}, from the link.`, 'info');
    }
  });
}
document.body.dataset.ready = 'true';
