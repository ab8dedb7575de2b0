// The demo's and the tests' own servers under bad input: a malformed request gets a 400, a request for
// another host name is refused (no DNS rebinding), hidden folders (.git) are never served, every page
// carries the anti-framing headers, and when one part of `npm start` dies the others stop too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../support/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A raw GET (the path as written, not normalized) with the given Host header. */
function get(url, path, host) {
  const { port } = new URL(url);
  return new Promise((done, fail) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host: host ?? `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('the static server: 400 for a malformed path, 421 for another host, no hidden folders, never framed', async () => {
  // Mounted at the repository's root on purpose: even then, .git stays out of reach.
  const site = await startStaticServer({ mounts: { '/': root } });
  try {
    assert.equal((await get(site.url, '/%E0%A4%A')).status, 400);
    assert.equal((await get(site.url, '/README.md', 'evil.example')).status, 421);
    assert.equal((await get(site.url, '/README.md', 'localhost.evil.example:80')).status, 421);
    for (const hidden of ['/.git/HEAD', '/.git/config', '/tests/../.git/HEAD', '/.gitignore']) {
      assert.equal((await get(site.url, hidden)).status, 404, hidden);
    }
    const page = await get(site.url, '/README.md', 'localhost');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-security-policy'], "frame-ancestors 'none'");
    assert.equal(page.headers['x-frame-options'], 'DENY');
  } finally {
    await site.close();
  }
});

/** Starts `node scripts/start.mjs` (the demo, without the build) on a free port; resolves once it serves. */
function startDemo() {
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: '0', COGNITO_LOCAL_PORT: '0', COGNITO_REGION: '', COGNITO_CLIENT_ID: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the demo did not start:\n${out}`)), 60_000);
    const read = (chunk) => {
      out += chunk;
      const emulator = out.match(/cognito-local\) at (http:\/\/\S+),/);
      if (emulator && out.includes('Ctrl-C stops the demo')) {
        clearTimeout(timer);
        done({ child, emulator: emulator[1], output: () => out });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
}

const reachable = (url) => fetch(url, { method: 'POST', body: '{}' }).then(() => true, () => false);
const gone = async (url) => {
  for (let i = 0; i < 50; i++) {
    if (!(await reachable(url))) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return false;
};
const exited = (child) => new Promise((done) => (child.exitCode !== null ? done(child.exitCode) : child.once('exit', done)));

test('npm start: the emulator stops when the demo process is killed outright', async () => {
  const demo = await startDemo();
  assert.ok(await reachable(demo.emulator), 'the emulator answers');
  demo.child.kill('SIGKILL');
  await exited(demo.child);
  assert.ok(await gone(demo.emulator), 'the emulator stopped with the demo');
});

test('npm start: the demo stops when the emulator dies', async () => {
  const demo = await startDemo();
  const [pid] = execFileSync('pgrep', ['-P', String(demo.child.pid)], { encoding: 'utf8' }).trim().split('\n');
  process.kill(Number(pid), 'SIGKILL');
  const code = await Promise.race([exited(demo.child), new Promise((done) => setTimeout(() => done('still running'), 10_000))]);
  if (code === 'still running') demo.child.kill('SIGKILL');
  assert.equal(code, 1, demo.output());
  assert.match(demo.output(), /cognito-local stopped/);
});
