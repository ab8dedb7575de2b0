// Serves the demo (www/, with js/ and pkg/) and, unless real Cognito is configured, runs cognito-local
// with a demo pool, app client and user. Ctrl-C stops everything.
import { mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCognitoLocal, freePort } from './cognito-local.mjs';
import { startStaticServer } from '../tests/support/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 8080);
const USERNAME = 'demo@example.com';
const PASSWORD = 'Demo-passw0rd!';
const code = process.env.CODE ?? '123456';
const region = process.env.COGNITO_REGION;
const realClientId = process.env.COGNITO_CLIENT_ID;

let config;
let emulator;
const stateDir = join(root, '.cognito-demo');
if (region && realClientId) {
  config = { region, clientId: realClientId };
} else {
  mkdirSync(stateDir, { recursive: true });
  const logFile = join(stateDir, 'cognito-local.log');
  const log = openSync(logFile, 'w');
  const wanted = Number(process.env.COGNITO_LOCAL_PORT ?? 9229);
  const emulatorPort = await isFree(wanted) ? wanted : await freePort();
  emulator = await startCognitoLocal({ dir: stateDir, port: emulatorPort, code, log });
  await emulator.createUser(USERNAME, PASSWORD);
  config = { endpoint: emulator.url, clientId: emulator.clientId, emulator: true, username: USERNAME };
}

const site = await startStaticServer({
  port,
  mounts: { '/': join(root, 'www'), '/js/': join(root, 'js'), '/pkg/': join(root, 'pkg') },
  dynamic: { '/config.json': () => config },
});

const lines = [
  '',
  `  cognito-verify demo: ${site.url}/`,
  '',
];
if (emulator) {
  lines.push(
    `  Local Cognito emulator (cognito-local) at ${emulator.url}, user pool ${emulator.userPoolId}`,
    `  Sign in as   ${USERNAME}`,
    `  Password     ${PASSWORD}`,
    `  Codes        every verification code is ${code} (CODE=${code}); the emulator also logs each`,
    `               message it would send to ${join(stateDir, 'cognito-local.log')}`,
    '  State is reset on every start.',
  );
} else {
  lines.push(`  Real Cognito: region ${region}, app client ${realClientId}`);
}
lines.push('', '  Ctrl-C stops the demo.', '');
console.log(lines.join('\n'));

async function isFree(p) {
  const { createServer } = await import('node:net');
  return new Promise((done) => {
    const s = createServer();
    s.once('error', () => done(false));
    s.listen(p, '127.0.0.1', () => s.close(() => done(true)));
  });
}

let stopping = false;
const stop = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([site.close(), emulator?.stop()]);
  process.exit(code);
};
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
// When one part dies, everything stops: the emulator with the page server, and the other way round.
emulator?.exited.then((exitCode) => {
  if (!stopping) {
    console.error(`cognito-local stopped (exit ${exitCode}): stopping the demo`);
    stop(1);
  }
});
process.on('uncaughtException', (err) => {
  console.error(err);
  stop(1);
});
