// Starts what the tests need on free loopback ports: cognito-local (CODE fixed), the wire-format stub,
// and a static server of the repository. Writes their addresses as shell variables to the file named
// by argv[2], then runs until SIGTERM/SIGINT, stopping them all.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCognitoLocal } from './cognito-local.mjs';
import { startStubServer } from '../tests/support/stub-server.mjs';
import { startStaticServer } from '../tests/support/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const envFile = process.argv[2];
const stateDir = mkdtempSync(join(tmpdir(), 'cognito-verify-test-'));

const cognito = await startCognitoLocal({ dir: stateDir, code: '123456' });
const stub = await startStubServer();
// Only what the test pages load: the package (js/, pkg/) and the pages themselves.
const site = await startStaticServer({ mounts: { '/js/': join(root, 'js'), '/pkg/': join(root, 'pkg'), '/tests/pages/': join(root, 'tests/pages') } });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([cognito.stop(), stub.close(), site.close()]);
  rmSync(stateDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', stop);
cognito.exited.then(() => {
  if (!stopping) {
    console.error('cognito-local stopped: stopping the test servers');
    stop();
  }
});
process.on('SIGINT', stop);
process.on('SIGHUP', stop);

writeFileSync(
  envFile,
  [
    `export COGNITO_LOCAL_URL=${cognito.url}`,
    `export COGNITO_USER_POOL_ID=${cognito.userPoolId}`,
    `export COGNITO_CLIENT_ID=${cognito.clientId}`,
    `export STUB_URL=${stub.url}`,
    `export SITE_URL=${site.url}`,
    '',
  ].join('\n'),
);
