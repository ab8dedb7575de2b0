// Type checks: the strict consumer compiles; each `@expect-error` line of misuse.ts fails, and nothing
// else does; the public declarations contain no `any`; the entry exports every generated type.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const tsc = join(root, 'node_modules', '.bin', 'tsc');
let passed = 0;
let failed = 0;
const check = (name, ok, detail = '') => {
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok ? '' : `\n${detail}`}`);
  ok ? passed++ : failed++;
};

function typecheck(file) {
  const config = join(here, `.tsconfig.${file}.json`);
  writeFileSync(config, JSON.stringify({ extends: './tsconfig.json', files: [file] }));
  try {
    execFileSync(tsc, ['-p', config, '--pretty', 'false'], { stdio: 'pipe', encoding: 'utf8' });
    return { code: 0, out: '' };
  } catch (err) {
    return { code: err.status ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  } finally {
    rmSync(config, { force: true });
  }
}

const consumer = typecheck('consumer.ts');
check('strict consumer using every method, option, output and error field compiles', consumer.code === 0, consumer.out);

const misuse = typecheck('misuse.ts');
const lines = readFileSync(join(here, 'misuse.ts'), 'utf8').split('\n');
const expected = lines.flatMap((l, i) => (l.includes('@expect-error') ? [i + 1] : []));
const reported = [...new Set([...misuse.out.matchAll(/misuse\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])))];
check('misuse fails the type check', misuse.code !== 0, misuse.out);
for (const line of expected) {
  check(`misuse line ${line} is a type error: ${lines[line - 1].split('// @expect-error ')[1]}`, reported.includes(line), misuse.out);
}
const unexpected = reported.filter((l) => !expected.includes(l));
check('misuse has no other type errors', unexpected.length === 0, `unexpected errors on lines ${unexpected}\n${misuse.out}`);

for (const file of ['js/index.d.ts', 'js/flow.d.ts', 'pkg/cognito_verify.d.ts']) {
  let text = readFileSync(join(root, file), 'utf8');
  // wasm-bindgen's own loader internals (InitOutput) are not part of the package's API.
  text = text.replace(/export interface InitOutput[\s\S]*?\n}\n/, '');
  text = text.replace(/\/\*\*[\s\S]*?\*\//g, '');
  const anys = text.split('\n').filter((l) => /\bany\b/.test(l));
  check(`${file} has no \`any\` in its public types`, anys.length === 0, anys.join('\n'));
}

// Every type the Rust declarations generate is exported from the package entry.
const generated = readFileSync(join(root, 'pkg/cognito_verify.d.ts'), 'utf8');
const entry = readFileSync(join(root, 'js/index.d.ts'), 'utf8');
const loader = ['InitInput', 'InitOutput', 'SyncInitInput'];
const types = [...new Set([...generated.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]))].filter((t) => !loader.includes(t));
const missing = types.filter((t) => !new RegExp(`^  ${t},$`, 'm').test(entry));
check(`js/index.d.ts exports every generated type (${types.length})`, missing.length === 0, `missing: ${missing}`);

console.log(`${passed} passed; ${failed} failed`);
process.exit(failed ? 1 : 0);
