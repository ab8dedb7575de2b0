// Runs cognito-local (the pinned npm package) on loopback and seeds it through its admin API:
// a user pool that auto-verifies email, a public app client allowing USER_PASSWORD_AUTH and
// REFRESH_TOKEN_AUTH, and users whose email is not yet verified.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function freePort() {
  return new Promise((done, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

async function call(url, operation, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${operation} failed: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/**
 * Starts cognito-local with its state in `dir` (wiped first), `CODE` fixed to `code`.
 * Resolves to { url, userPoolId, clientId, createUser(username, password, email), stop(), exited }
 * (`exited` resolves with the emulator's exit code).
 */
export async function startCognitoLocal({ dir, port, code = '123456', log = 'ignore' }) {
  rmSync(join(dir, '.cognito'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  port ||= await freePort();
  const bin = join(root, 'node_modules', 'cognito-local', 'lib', 'bin', 'start.js');
  // Through a small launcher that ends the emulator when this process ends, however it ends (even
  // killed outright): the two are joined by an IPC channel, which closes with this process.
  const launcher = join(root, 'scripts', 'cognito-local-child.mjs');
  const child = spawn(process.execPath, [launcher, bin], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CODE: code },
    stdio: ['ignore', log, log, 'ipc'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((done) => child.once('exit', (c) => done(c)));
  // The emulator never outlives the process that started it, however that process ends.
  const killChild = () => child.exitCode === null && child.kill('SIGTERM');
  process.once('exit', killChild);
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`cognito-local exited with ${child.exitCode}`);
    try {
      await call(url, 'ListUserPools', { MaxResults: 1 });
      break;
    } catch (err) {
      if (i > 150) {
        child.kill();
        throw new Error(`cognito-local did not start on ${url}: ${err.message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const { UserPool } = await call(url, 'CreateUserPool', {
    PoolName: 'cognito-verify-demo',
    AutoVerifiedAttributes: ['email'],
  });
  const { UserPoolClient } = await call(url, 'CreateUserPoolClient', {
    UserPoolId: UserPool.Id,
    ClientName: 'cognito-verify-demo-web',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  const createUser = async (username, password, email = username) => {
    await call(url, 'AdminCreateUser', {
      UserPoolId: UserPool.Id,
      Username: username,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: password,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'false' },
      ],
    });
    await call(url, 'AdminSetUserPassword', { UserPoolId: UserPool.Id, Username: username, Password: password, Permanent: true });
  };
  return {
    url,
    userPoolId: UserPool.Id,
    clientId: UserPoolClient.ClientId,
    createUser,
    exited,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
