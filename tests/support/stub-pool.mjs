// A stateful user pool behind the stub server, for the flows cognito-local lacks: sign-up
// confirmation with resends, sign-in challenges, refresh token rotation with reuse detection,
// revocation and global sign-out. Each app client id that starts with `pool` is a pool of its own;
// the id's `_`-separated words set the client up:
//   rotate     refresh token rotation: GetTokensFromRefreshToken returns a new refresh token, the
//              old one works for the grace period and then gets RefreshTokenReuseException;
//              REFRESH_TOKEN_AUTH is refused
//   grace<N>   the rotation grace period, in seconds (0 unless given, at most 60)
//   norevoke   token revocation off for the client: RevokeToken gets UnsupportedOperationException
//   legacy     the endpoint predates GetTokensFromRefreshToken: UnknownOperationException
//   keep       AttributesRequireVerificationBeforeUpdate: a change of a verified email or phone
//              number waits for its code (GetUser shows the original; a code goes to the new value;
//              GetUserAttributeVerificationCode still goes to the original); without it the new
//              value replaces the original at once, unverified. The same value sends nothing.
// Access tokens are unsigned-looking JWTs (`client_id` names the pool) that the pool checks by
// state: revoked with their refresh token or by GlobalSignOut. Refresh tokens are opaque.
// Admin: POST /__pool/users {clientId, username, password, email?, phone?, emailVerified?,
// phoneVerified?, challenge?, confirmed?}
// makes a user (challenge: NEW_PASSWORD_REQUIRED | SMS_MFA | EMAIL_OTP | SOFTWARE_TOKEN_MFA |
// SELECT_MFA_TYPE) and answers {totpSecret}; GET /__pool/mail?client=&username= is the last message
// sent to that user {code, medium, purpose}.
import { randomBytes, randomUUID } from 'node:crypto';
import { newTotpSecret, totp } from './totp.mjs';

const SCOPE = 'aws.cognito.signin.user.admin';
const VERIFIABLE = ['email', 'phone_number'];
const ACCESS_TTL_S = 3600;
const MAX_RESENDS = 5;
const MAX_CODE_TRIES = 3;

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const random = (bytes) => randomBytes(bytes).toString('base64url');
const sixDigits = () => String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0');
const maskEmail = (email) => (email ? `${email[0]}***@${email.split('@')[1]?.[0] ?? ''}***` : '***');
const maskPhone = (phone = '+15550001234') => `+*******${phone.slice(-4)}`;

/** A Cognito error: the stub server turns it into the wire reply. */
export class PoolError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}
const fault = (name, message) => {
  throw new PoolError(name, message);
};

export function createPool() {
  const clients = new Map(); // client id -> { id, flags, grace, users: Map, sessions: Map, refresh: Map }
  const revokedJti = new Set(); // origin_jti of revoked token families

  function client(id) {
    if (!clients.has(id)) {
      const words = id.split('_');
      const grace = Number(words.find((w) => /^grace\d+$/.test(w))?.slice(5) ?? 0);
      clients.set(id, { id, flags: new Set(words), grace: Math.min(grace, 60), users: new Map(), sessions: new Map(), refresh: new Map() });
    }
    return clients.get(id);
  }

  function claimsOf(token) {
    const parts = String(token ?? '').split('.');
    if (parts.length !== 3) return null;
    try {
      return JSON.parse(Buffer.from(parts[1], 'base64url').toString());
    } catch {
      return null;
    }
  }

  /** The pool's client id for a request, or null when the request is not for a pool. */
  function owner(body) {
    const id = typeof body.ClientId === 'string' ? body.ClientId : claimsOf(body.AccessToken)?.client_id;
    return typeof id === 'string' && id.startsWith('pool') ? id : null;
  }

  /**
   * Sends a new code to the user's `attribute` (by email unless the user has only a phone), or to
   * the value `to` (a pending one): its delivery details.
   */
  function send(user, purpose, { attribute = user.email ? 'email' : 'phone_number', to = user.values[attribute] } = {}) {
    const code = sixDigits();
    const medium = attribute === 'phone_number' ? 'SMS' : 'EMAIL';
    user.mail = { code, medium, purpose, attribute, to };
    return { details: medium === 'SMS'
      ? { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: maskPhone(to) }
      : { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: maskEmail(to) } };
  }

  function tokens(c, user, family = null) {
    const now = Math.floor(Date.now() / 1000);
    const originJti = family ?? randomUUID();
    const access = [b64({ kid: 'stub', alg: 'RS256' }), b64({
      sub: user.sub, 'cognito:groups': [], iss: 'https://cognito-idp.stub', client_id: c.id, origin_jti: originJti,
      event_id: randomUUID(), token_use: 'access', scope: SCOPE, auth_time: now, iat: now, exp: now + ACCESS_TTL_S,
      jti: randomUUID(), username: user.username, epoch: user.epoch,
    }), random(64)].join('.');
    const id = [b64({ kid: 'stub', alg: 'RS256' }), b64({
      sub: user.sub, aud: c.id, token_use: 'id', email: user.email, email_verified: user.emailVerified,
      ...(user.phone ? { phone_number: user.phone, phone_number_verified: user.verified.phone_number } : {}),
      'cognito:username': user.username, origin_jti: originJti, iat: now, exp: now + ACCESS_TTL_S,
    }), random(64)].join('.');
    return { access, id, originJti };
  }

  function issue(c, user, { withRefresh = true, family = null } = {}) {
    const { access, id, originJti } = tokens(c, user, family);
    const result = { AccessToken: access, ExpiresIn: ACCESS_TTL_S, TokenType: 'Bearer', IdToken: id };
    if (withRefresh) {
      const refresh = [b64({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' }), random(256), random(12), random(400), random(16)].join('.');
      c.refresh.set(refresh, { username: user.username, family: originJti, epoch: user.epoch, supersededAt: null });
      result.RefreshToken = refresh;
    }
    return { AuthenticationResult: result, ChallengeParameters: {} };
  }

  function signedInUser(c, accessToken) {
    const claims = claimsOf(accessToken);
    const user = claims && claims.token_use === 'access' ? c.users.get(claims.username) : null;
    if (!user) fault('NotAuthorizedException', 'Invalid Access Token');
    if (revokedJti.has(claims.origin_jti) || claims.epoch !== user.epoch) fault('NotAuthorizedException', 'Access Token has been revoked');
    if (claims.exp * 1000 < Date.now()) fault('NotAuthorizedException', 'Access Token has expired');
    return user;
  }

  function refreshRecord(c, token) {
    const record = c.refresh.get(token);
    if (!record) fault('NotAuthorizedException', 'Invalid Refresh Token');
    const user = c.users.get(record.username);
    if (revokedJti.has(record.family) || !user || record.epoch !== user.epoch) fault('NotAuthorizedException', 'Refresh Token has been revoked');
    return { record, user };
  }

  function challenge(c, user, name) {
    const session = `AYABe${random(96)}`;
    c.sessions.set(session, { username: user.username, name, tries: 0 });
    const parameters = { USER_ID_FOR_SRP: user.username };
    if (name === 'SMS_MFA' || name === 'EMAIL_OTP') {
      const { details } = send(user, name, { attribute: name === 'SMS_MFA' ? 'phone_number' : 'email' });
      parameters.CODE_DELIVERY_DELIVERY_MEDIUM = details.DeliveryMedium;
      parameters.CODE_DELIVERY_DESTINATION = details.Destination;
    } else if (name === 'NEW_PASSWORD_REQUIRED') {
      parameters.userAttributes = JSON.stringify({ email: user.email, email_verified: String(user.emailVerified) });
      parameters.requiredAttributes = '[]';
    } else if (name === 'SELECT_MFA_TYPE') {
      parameters.MFAS_CAN_CHOOSE = JSON.stringify(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    }
    return { ChallengeName: name, Session: session, ChallengeParameters: parameters };
  }

  const operations = {
    SignUp(c, body) {
      if (c.users.has(body.Username)) fault('UsernameExistsException', 'User already exists');
      if (typeof body.Password !== 'string' || body.Password.length < 8) {
        fault('InvalidPasswordException', 'Password did not conform with policy: Password not long enough');
      }
      const attrs = Object.fromEntries((body.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
      const user = addUser(c, { username: body.Username, password: body.Password, email: attrs.email ?? null, phone: attrs.phone_number, confirmed: false });
      const { details } = send(user, 'SignUp');
      return { UserConfirmed: false, UserSub: user.sub, CodeDeliveryDetails: details };
    },
    ConfirmSignUp(c, body) {
      const user = c.users.get(body.Username);
      if (!user) fault('UserNotFoundException', 'Username/client id combination not found.');
      if (user.confirmed) fault('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
      if (user.mail?.purpose === 'SignUp' && body.ConfirmationCode === user.mail.code) {
        user.confirmed = true;
        user.emailVerified = true;
        user.mail = null;
        return {};
      }
      if (user.oldCodes.includes(body.ConfirmationCode)) fault('ExpiredCodeException', 'Invalid code provided, please request a code again.');
      fault('CodeMismatchException', 'Invalid verification code provided, please try again.');
    },
    ResendConfirmationCode(c, body) {
      const user = c.users.get(body.Username);
      if (!user) fault('UserNotFoundException', 'Username/client id combination not found.');
      if (user.confirmed) fault('InvalidParameterException', 'User is already confirmed.');
      if (++user.resends > MAX_RESENDS) fault('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
      if (user.mail?.code) user.oldCodes.push(user.mail.code);
      return { CodeDeliveryDetails: send(user, 'SignUp').details };
    },
    InitiateAuth(c, body) {
      const params = body.AuthParameters ?? {};
      if (body.AuthFlow === 'REFRESH_TOKEN_AUTH' || body.AuthFlow === 'REFRESH_TOKEN') {
        if (c.flags.has('rotate')) {
          fault('NotAuthorizedException', 'Refresh token rotation is enabled for this app client: use GetTokensFromRefreshToken.');
        }
        const { record, user } = refreshRecord(c, params.REFRESH_TOKEN);
        return issue(c, user, { withRefresh: false, family: record.family });
      }
      if (body.AuthFlow !== 'USER_PASSWORD_AUTH') fault('InvalidParameterException', `${body.AuthFlow} flow is not enabled for this client.`);
      const user = c.users.get(params.USERNAME);
      if (!user || user.password !== params.PASSWORD) fault('NotAuthorizedException', 'Incorrect username or password.');
      if (!user.confirmed) fault('UserNotConfirmedException', 'User is not confirmed.');
      return user.challenge ? challenge(c, user, user.challenge) : issue(c, user);
    },
    RespondToAuthChallenge(c, body) {
      const state = c.sessions.get(body.Session);
      if (!state) fault('NotAuthorizedException', 'Invalid session for the user, session is expired.');
      const user = c.users.get(state.username);
      const answers = body.ChallengeResponses ?? {};
      if (body.ChallengeName !== state.name) fault('InvalidParameterException', `Expected challenge ${state.name}.`);
      if (answers.USERNAME !== user.username) fault('InvalidParameterException', 'Missing required parameter USERNAME');
      const wrong = () => {
        if (++state.tries >= MAX_CODE_TRIES) c.sessions.delete(body.Session);
        fault('CodeMismatchException', 'Invalid code or auth state for the user.');
      };
      switch (state.name) {
        case 'NEW_PASSWORD_REQUIRED':
          if (typeof answers.NEW_PASSWORD !== 'string' || answers.NEW_PASSWORD.length < 8) {
            fault('InvalidPasswordException', 'Password does not conform to policy: Password not long enough');
          }
          user.password = answers.NEW_PASSWORD;
          user.challenge = null;
          break;
        case 'SMS_MFA':
        case 'EMAIL_OTP': {
          const key = state.name === 'SMS_MFA' ? 'SMS_MFA_CODE' : 'EMAIL_OTP_CODE';
          if (answers[key] !== user.mail?.code || user.mail?.purpose !== state.name) wrong();
          user.mail = null;
          break;
        }
        case 'SOFTWARE_TOKEN_MFA':
          // As authenticator apps drift, the codes of the steps before and after count too.
          if (![-30_000, 0, 30_000].some((skew) => answers.SOFTWARE_TOKEN_MFA_CODE === totp(user.totpSecret, Date.now() + skew))) wrong();
          break;
        case 'SELECT_MFA_TYPE':
          c.sessions.delete(body.Session);
          if (answers.ANSWER !== 'SMS_MFA' && answers.ANSWER !== 'SOFTWARE_TOKEN_MFA') fault('InvalidParameterException', 'Invalid MFA type.');
          return challenge(c, user, answers.ANSWER);
      }
      c.sessions.delete(body.Session);
      return issue(c, user);
    },
    GetTokensFromRefreshToken(c, body) {
      if (c.flags.has('legacy')) fault('UnknownOperationException', undefined);
      const { record, user } = refreshRecord(c, body.RefreshToken);
      if (!c.flags.has('rotate')) return { AuthenticationResult: issue(c, user, { withRefresh: false, family: record.family }).AuthenticationResult };
      // Without a grace period the replaced token is refused at once; with one, until it ends.
      if (record.supersededAt !== null && (c.grace === 0 || Date.now() - record.supersededAt > c.grace * 1000)) {
        fault('RefreshTokenReuseException', 'Refresh token has been reused.');
      }
      record.supersededAt ??= Date.now();
      return { AuthenticationResult: issue(c, user, { family: record.family }).AuthenticationResult };
    },
    RevokeToken(c, body) {
      if (c.flags.has('norevoke')) fault('UnsupportedOperationException', 'Token revocation is not enabled for this app client.');
      if (claimsOf(body.Token)) fault('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
      const record = c.refresh.get(body.Token);
      if (record) revokedJti.add(record.family);
      return {};
    },
    GlobalSignOut(c, body) {
      signedInUser(c, body.AccessToken).epoch++;
      return {};
    },
    GetUser(c, body) {
      const user = signedInUser(c, body.AccessToken);
      const attributes = { sub: user.sub };
      for (const name of VERIFIABLE) {
        if (user.values[name]) Object.assign(attributes, { [name]: user.values[name], [`${name}_verified`]: String(user.verified[name]) });
      }
      return { Username: user.username, UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })) };
    },
    GetUserAttributeVerificationCode(c, body) {
      const user = signedInUser(c, body.AccessToken);
      const attribute = body.AttributeName;
      if (!VERIFIABLE.includes(attribute) || !user.values[attribute]) fault('InvalidParameterException', `The user has no ${attribute} to verify.`);
      // Always the current value: in a pool that keeps the original, not the pending one.
      return { CodeDeliveryDetails: send(user, 'VerifyUserAttribute', { attribute }).details };
    },
    VerifyUserAttribute(c, body) {
      const user = signedInUser(c, body.AccessToken);
      const attribute = body.AttributeName;
      const mail = user.mail;
      if (mail?.purpose !== 'VerifyUserAttribute' || mail.attribute !== attribute || body.Code !== mail.code) {
        fault('CodeMismatchException', 'Invalid verification code provided, please try again.');
      }
      if (user.pending[attribute] === mail.to) {
        user.values[attribute] = mail.to;
        delete user.pending[attribute];
      }
      if (user.values[attribute] === mail.to) user.verified[attribute] = true;
      user.mail = null;
      return {};
    },
    UpdateUserAttributes(c, body) {
      const user = signedInUser(c, body.AccessToken);
      const deliveries = [];
      for (const { Name: name, Value: value } of body.UserAttributes ?? []) {
        if (!VERIFIABLE.includes(name)) {
          user.values[name] = value;
          continue;
        }
        if (user.values[name] === value) continue; // the same value: nothing changes, nothing is sent
        if (c.flags.has('keep') && user.verified[name]) {
          // AttributesRequireVerificationBeforeUpdate: the verified original stays until the new
          // value is verified; a code goes to the new one.
          user.pending[name] = value;
        } else {
          user.values[name] = value;
          user.verified[name] = false;
          delete user.pending[name];
        }
        deliveries.push(send(user, 'VerifyUserAttribute', { attribute: name, to: value }).details);
      }
      return { CodeDeliveryDetailsList: deliveries };
    },
  };

  function addUser(c, { username, password, email = username, phone, challenge = null, confirmed = true, emailVerified = false, phoneVerified = false }) {
    const user = {
      username, password, challenge, confirmed, sub: randomUUID(),
      values: { email, phone_number: phone }, verified: { email: emailVerified, phone_number: phoneVerified }, pending: {},
      epoch: 0, resends: 0, oldCodes: [], mail: null, totpSecret: newTotpSecret(),
      get email() {
        return this.values.email;
      },
      get phone() {
        return this.values.phone_number;
      },
      get emailVerified() {
        return this.verified.email;
      },
      set emailVerified(value) {
        this.verified.email = value;
      },
    };
    c.users.set(username, user);
    return user;
  }

  return {
    owner,
    /** Runs one operation; resolves to the reply body or throws a PoolError. */
    handle(operation, body) {
      const run = operations[operation];
      if (!run) fault('UnknownOperationException', undefined);
      return run(client(owner(body)), body);
    },
    /** The admin routes under /__pool/: a reply body, or null for a path that is not one. */
    admin(method, url, body) {
      if (method === 'POST' && url.pathname === '/__pool/users') {
        const user = addUser(client(body.clientId), body);
        return { totpSecret: user.totpSecret, sub: user.sub };
      }
      if (method === 'GET' && url.pathname === '/__pool/mail') {
        return client(url.searchParams.get('client')).users.get(url.searchParams.get('username'))?.mail ?? {};
      }
      return null;
    },
  };
}
