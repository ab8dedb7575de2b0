// The npm package as users get it: `npm pack` of this repository, and fresh app folders (a copy of
// tests/bundlers/app/) with that tarball installed.
import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixture = join(root, 'tests', 'bundlers', 'app');

/** What the fixture app (`run(stub)` of app.js) sees against the stub, in every bundler and runtime. */
export const EXPECTED = { destination: 'd***@e***', attempts: 1, flow: 'ready demo@example.com', isCognitoError: true, isError: true, name: 'CodeMismatchException', message: 'string', requestId: 'string' };

/** The app's result as `EXPECTED` states it: the error's message and request id by their type. */
export const comparable = (result) => ({ ...result, message: typeof result.message, requestId: typeof result.requestId });

/** Packs the package into `dir`: `{tarball, info}` (npm's report of the pack). */
export function pack(dir) {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [info] = JSON.parse(out);
  return { tarball: join(dir, info.filename), info };
}

/** A fresh app folder `dir/name` with `tarball` installed. */
export function installApp(dir, name, tarball) {
  const app = join(dir, name);
  cpSync(fixture, app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `fixture-${name}`, private: true, type: 'module', dependencies: { 'cognito-verify': `file:${tarball}` } }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: app, stdio: 'pipe' });
  return app;
}
