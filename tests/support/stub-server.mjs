// A stub of the Cognito user-pools endpoint that speaks the real wire format, scripted per request by
// the AccessToken (else AuthParameters.USERNAME or REFRESH_TOKEN, else the ClientId) the test sends:
//   ok[.x]                 success for the operation, with a request id (so is any unknown token)
//   a JWT                  the scenario in its `scenario` claim (a JWE: in its header), else success
//   err.<Name>[.x]         400 + `x-amzn-ErrorType: Name:...` + {"__type":"...#Name","message":...}
//   throttle.<N>.<key>     TooManyRequestsException N times per key, then success
//   fail500.<N>.<key>      500 InternalErrorException N times per key, then success
//   html500 | empty503 | empty502 | empty504 | notype400 | headeronly | empty429 (HTML, no error type)
//   slow.<ms>[.x]          success after a delay;   hang[.x]: never answers
//   nocors[.x]             success without CORS headers;   reset[.x]: connection destroyed
//   redirect[.x]           307 to /elsewhere on this stub (CORS allowed), which would answer success
//   trunc | notjson | wrongshape | badutf8 | big | bigchunked   broken 200 replies
//   endless[.x]            a 256 MiB body without a length, sent as fast as the client reads it; the
//                          request's log entry counts the bytes `sent` and whether the client `hungUp`
//   midbody                headers and half a body, then the connection is destroyed
//   noend                  the whole success reply, then the response stays open
//   splitjson[.<ms>]       the success reply cut after its first `}`, the rest <ms> (50) later
//   trailing               the whole success reply, junk 50 ms later, the response left open
//                          (the log entry notes whether the client `hungUp`, and `closedAfter` ms)
//   bom                    the success reply after a UTF-8 byte-order mark
//   altid                  success with the request id in `x-amz-request-id` only
//   echo                   NotAuthorizedException whose message repeats the access token
//   echoall                NotAuthorizedException quoting each part of the token and every other
//                          secret of the request (codes, passwords, secret hashes, client secrets,
//                          sessions, refresh tokens, challenge answers) in its message and request id
//   echotype               an x-amzn-ErrorType header that is the token itself
//   failon.<Operation>.<Name>   that operation fails with <Name>; the others succeed
//   xss[.x]                SendCode fails with a message holding HTML; the others succeed
// A request whose ClientId (or access token's client_id) starts with `pool` goes to the stateful pool
// of stub-pool.mjs instead (its header says how to set one up, and its /__pool/ admin routes).
// The key (T) of a request is the first of AccessToken, AuthParameters.USERNAME, ChallengeResponses.
// USERNAME, AuthParameters.REFRESH_TOKEN, RefreshToken, Token, Username and ClientId it carries.
// GET /__requests?token=T lists what arrived for T (time, headers, body, idleConnection); POST /__reset forgets all.
import http from 'node:http';
import { realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPool, PoolError } from './stub-pool.mjs';

const SUCCESS = {
  GetUserAttributeVerificationCode: () => ({
    CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'd***@e***' },
  }),
  VerifyUserAttribute: () => ({}),
  GetUser: (token) => ({
    Username: 'user-' + token.slice(0, 24),
    UserAttributes: [
      { Name: 'sub', Value: '0000-1111' },
      { Name: 'email', Value: 'demo@example.com' },
      { Name: 'email_verified', Value: 'false' },
    ],
  }),
  UpdateUserAttributes: () => ({
    CodeDeliveryDetailsList: [{ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' }],
  }),
  InitiateAuth: () => ({
    AuthenticationResult: { AccessToken: 'eyJ.stub.access', ExpiresIn: 3600, TokenType: 'Bearer', RefreshToken: 'refresh', IdToken: 'eyJ.stub.id' },
    ChallengeParameters: {},
  }),
  RespondToAuthChallenge: () => SUCCESS.InitiateAuth(),
  GetTokensFromRefreshToken: () => ({ AuthenticationResult: SUCCESS.InitiateAuth().AuthenticationResult }),
  SignUp: () => ({
    UserConfirmed: false, UserSub: '0000-1111',
    CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'd***@e***' },
  }),
  ConfirmSignUp: () => ({}),
  ResendConfirmationCode: () => ({
    CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'd***@e***' },
  }),
  RevokeToken: () => ({}),
  GlobalSignOut: () => ({}),
};

const MESSAGES = {
  LimitExceededException: 'Attempt limit exceeded, please try after some time.',
  CodeMismatchException: 'Invalid verification code provided, please try again.',
  ExpiredCodeException: 'Invalid code provided, please request a code again.',
  NotAuthorizedException: 'Access Token has expired',
  TooManyRequestsException: 'Rate exceeded',
  InternalErrorException: 'Internal server error',
};

/** `preflightMaxAge`: the Access-Control-Max-Age sent (seconds as text), or null for none. */
export function startStubServer({ port = 0, host = '127.0.0.1', preflightMaxAge = '600' } = {}) {
  const log = new Map(); // token -> [{ at, headers, target }]
  const pool = createPool();
  const counters = new Map();
  let requestSeq = 0;
  const sockets = new Set();
  // Each connection's requests so far and when it opened: a request is `idleConnection` when its
  // connection carried one before or sat open first (Chromium resends such a request by itself
  // when the connection is reset before a reply: it may have been closed by the server while idle).
  const perSocket = new WeakMap();
  const openedAt = new WeakMap();

  const cors = (req) => ({
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    // Like the real endpoint, allow what the browser asks for (the AWS SDK adds amz-sdk-* headers).
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'content-type, x-amz-target, x-amz-user-agent',
    'Access-Control-Expose-Headers': 'x-amzn-RequestId, x-amz-request-id, x-amzn-ErrorType, x-amzn-ErrorMessage, Date',
    ...(preflightMaxAge !== null && { 'Access-Control-Max-Age': preflightMaxAge }),
  });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://stub');
    const onSocket = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, onSocket);
    const idleConnection = onSocket > 1 || performance.now() - (openedAt.get(req.socket) ?? performance.now()) > 50;
    if (req.method === 'OPTIONS') {
      const entry = log.get('__preflight') ?? [];
      entry.push({ at: performance.now(), url: req.url, headers: req.headers['access-control-request-headers'] });
      log.set('__preflight', entry);
      res.writeHead(204, cors(req)).end();
      return;
    }
    if (url.pathname === '/__requests') {
      res.writeHead(200, { 'content-type': 'application/json', ...cors(req) });
      res.end(JSON.stringify(log.get(url.searchParams.get('token')) ?? []));
      return;
    }
    if (url.pathname === '/__reset') {
      log.clear();
      counters.clear();
      res.writeHead(204, cors(req)).end();
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    let body = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {}
    if (url.pathname.startsWith('/__pool/')) {
      const out = pool.admin(req.method, url, body);
      res.writeHead(out ? 200 : 404, { 'content-type': 'application/json', ...cors(req) });
      res.end(JSON.stringify(out ?? {}));
      return;
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.replace('AWSCognitoIdentityProviderService.', '');
    const params = body.AuthParameters ?? {};
    const token = String(body.AccessToken ?? params.USERNAME ?? body.ChallengeResponses?.USERNAME ?? params.REFRESH_TOKEN ?? body.RefreshToken ?? body.Token ?? body.Username ?? body.ClientId ?? '');
    const entries = log.get(token) ?? [];
    entries.push({ at: performance.now(), target, headers: req.headers, url: req.url, body, idleConnection });
    log.set(token, entries);
    const requestId = `stub-${++requestSeq}`;
    let [kind, arg, key] = token.split('.');
    // A JWT (as clients that decode their tokens need) may carry the scenario in a `scenario` claim,
    // an encrypted token (JWE, as refresh tokens are) in its header.
    if (kind?.startsWith('eyJ')) {
      const json = (part) => {
        try {
          return JSON.parse(Buffer.from(part ?? '', 'base64url').toString());
        } catch {
          return {};
        }
      };
      const scenario = json(arg).scenario ?? json(kind).scenario;
      [kind, arg, key] = typeof scenario === 'string' ? scenario.split('.') : ['ok'];
    }

    const reply = (status, payload, extra = {}, withCors = true) => {
      const text = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-RequestId': requestId,
        ...(withCors ? cors(req) : {}),
        ...extra,
      });
      res.end(text);
    };
    const error = (name, status = 400, message = MESSAGES[name] ?? `${name} from the stub`) =>
      reply(status, { __type: `com.amazonaws.cognito.identity.idp.model#${name}`, message }, {
        'x-amzn-ErrorType': `${name}:http://internal.amazon.com/coral/com.amazonaws.swbup.service/`,
      });
    const success = () => {
      const make = SUCCESS[operation];
      if (!make) return error('UnknownOperationException');
      reply(200, make(token));
    };
    const countUpTo = (limit) => {
      const id = `${kind}.${arg}.${key}`;
      const seen = (counters.get(id) ?? 0) + 1;
      counters.set(id, seen);
      return seen <= Number(limit);
    };

    if (pool.owner(body)) {
      try {
        return reply(200, pool.handle(operation, body));
      } catch (err) {
        if (err instanceof PoolError) return error(err.name, 400, err.message);
        throw err;
      }
    }

    switch (kind) {
      case 'err': return error(arg, arg === 'InternalErrorException' ? 500 : 400);
      case 'failon': return operation === arg ? error(key) : success();
      case 'xss': return operation === 'GetUserAttributeVerificationCode'
        ? error('CustomMessageException', 400, '<img src=x onerror="window.__xss=1">Bad <b>code</b>')
        : success();
      case 'throttle': return countUpTo(arg) ? error('TooManyRequestsException') : success();
      case 'fail500': return countUpTo(arg) ? error('InternalErrorException', 500) : success();
      case 'html500': return reply(500, '<html><body><h1>500 Internal Server Error</h1></body></html>', { 'content-type': 'text/html' });
      case 'empty502': return reply(502, '');
      case 'empty503': return reply(503, '');
      case 'empty429': return reply(429, '<html><body>Too Many Requests</body></html>', { 'content-type': 'text/html' });
      case 'empty504': return reply(504, '');
      case 'notype400': return reply(400, { message: 'Something is wrong' });
      case 'headeronly': return reply(400, '', { 'x-amzn-ErrorType': 'UserNotFoundException:' });
      case 'slow': return void setTimeout(success, Number(arg));
      case 'hang': return; // never answers
      case 'redirect':
        if (!req.url.startsWith('/elsewhere')) return reply(307, '', { location: '/elsewhere' });
        return success();
      case 'nocors': return reply(200, SUCCESS[operation]?.(token) ?? {}, {}, false);
      case 'reset': return req.socket.destroy();
      case 'trunc': return reply(200, '{"CodeDeliveryDetails":{"Destina');
      case 'notjson': return reply(200, 'this is not json');
      case 'wrongshape': return reply(200, { CodeDeliveryDetails: 'a string', Username: 5, UserAttributes: 'x' });
      case 'badutf8': return reply(200, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
      case 'big': return reply(200, '{"x":"' + 'a'.repeat(10 * 1024 * 1024) + '"}');
      case 'bigchunked': {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId, ...cors(req) });
        res.write('{"x":"');
        const chunk = 'a'.repeat(1024 * 1024);
        for (let i = 0; i < 10; i++) res.write(chunk);
        return res.end('"}');
      }
      case 'endless': {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId, ...cors(req) });
        const entry = entries.at(-1);
        const total = 256 * 1024 * 1024;
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        entry.sent = 0;
        res.on('close', () => {
          entry.hungUp = entry.sent < total;
        });
        res.write('{"x":"');
        const pump = () => {
          while (entry.sent < total && !res.destroyed) {
            entry.sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end('"}');
        };
        return pump();
      }
      case 'midbody': {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': '400', ...cors(req) });
        res.write('{"CodeDeliveryDetails":{"Destin');
        return void setTimeout(() => req.socket.destroy(), 20);
      }
      case 'noend': {
        // A whole JSON reply whose stream never ends (the response stays open).
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId, ...cors(req) });
        return void res.write(JSON.stringify(SUCCESS[operation](token)));
      }
      case 'altid': {
        // The request id only under the other header name some AWS front ends use.
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-request-id': `alt-${requestSeq}`, ...cors(req) });
        return void res.end(JSON.stringify(SUCCESS[operation](token)));
      }
      case 'bom': return reply(200, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(SUCCESS[operation](token)))]));
      case 'trailing': {
        // The whole reply, then bytes that belong to no reply and a response that stays open.
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId, ...cors(req) });
        res.write(JSON.stringify(SUCCESS[operation](token)));
        const entry = entries.at(-1);
        res.on('close', () => {
          entry.hungUp = true;
          entry.closedAfter = Math.round(performance.now() - entry.at);
        });
        return void setTimeout(() => !res.destroyed && res.write('junk'), 50);
      }
      case 'splitjson': {
        // The reply in two pieces, the first ending at an inner `}`: not yet whole, though it looks closed.
        const text = JSON.stringify(SUCCESS[operation](token));
        const cut = text.indexOf('}') + 1;
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId, ...cors(req) });
        res.write(text.slice(0, cut));
        return void setTimeout(() => res.end(text.slice(cut)), Number(arg) || 50);
      }
      case 'echo': return error('NotAuthorizedException', 400, `Invalid Access Token: ${token}`);
      case 'echoall': {
        // Quotes the request's secrets back, each part of a token alone, in the message and the request id.
        const answers = Object.entries(body.ChallengeResponses ?? {}).filter(([k]) => k !== 'USERNAME').map(([, v]) => v);
        const quoted = [
          ...token.split('.'), body.Code, body.ConfirmationCode, body.Password, body.SecretHash, body.Session,
          body.RefreshToken, body.Token, body.ClientSecret, params.PASSWORD, params.SECRET_HASH, params.REFRESH_TOKEN, ...answers,
        ].filter((s) => typeof s === 'string' && s);
        return reply(400, { __type: 'NotAuthorizedException', message: `Rejected: ${quoted.join(' / ')}` }, {
          'x-amzn-ErrorType': 'NotAuthorizedException:', 'x-amzn-RequestId': `req-${token.split('.')[1] ?? token}`,
        });
      }
      case 'echotype': return reply(400, {}, { 'x-amzn-ErrorType': `${token}:http://internal` });
      default: return success();
    }
  });
  server.on('connection', (s) => {
    openedAt.set(s, performance.now());
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://${host}:${actual}`,
        server,
        requests: (token) => log.get(token) ?? [],
        close: () => new Promise((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        }),
      });
    });
  });
}

// Run alone: prints its URL (and writes it to STUB_URL_FILE, once listening); with STUB_IDLE_EXIT_S it
// exits after that many seconds without a request (as tests/stub/build.rs starts it for
// `wasm-pack test`).
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const stub = await startStubServer({ port: Number(process.env.PORT ?? 0) });
  const idle = Number(process.env.STUB_IDLE_EXIT_S ?? 0);
  if (idle > 0) {
    // Until the first request (a build may take a while) the wait is an hour at least.
    let last = Date.now();
    let limit = Math.max(idle, 3600) * 1000;
    stub.server.on('request', () => {
      last = Date.now();
      limit = idle * 1000;
    });
    setInterval(() => Date.now() - last > limit && stub.close().then(() => process.exit(0)), 1000).unref();
  }
  if (process.env.STUB_URL_FILE) writeFileSync(process.env.STUB_URL_FILE, stub.url);
  console.log(stub.url);
}
