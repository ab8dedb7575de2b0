// The caller's arguments as JSON text for the module, which reads and checks them (src/core/input.rs).
import { MARKER_KEY, UNREADABLE } from './protocol.js';

// Values JSON has no form for, or would change, written so the module can name them in its errors:
// functions, symbols and bigints; Maps and Sets (JSON writes `{}`); objects with fields they inherit
// (JSON leaves those out, so `{ __proto__: { plan: 'pro' } }` would go as `{}`).
const marker = (what) => ({ [MARKER_KEY]: what });
const typed = (_, value) => {
  const type = typeof value;
  if (type === 'function' || type === 'symbol' || type === 'bigint') return marker(`a ${type}`);
  if (value instanceof Map || value instanceof Set) return marker(`a ${value[Symbol.toStringTag]}`);
  if (type === 'object' && value) for (const key in value) if (!Object.hasOwn(value, key)) return marker('an object with inherited fields');
  return value;
};

/**
 * `value` as JSON text (`''` for `undefined`). A field whose getter or Proxy throws, or that cannot
 * be written (a cycle), is sent as unreadable.
 */
export function snapshot(value) {
  try {
    return JSON.stringify(value, typed) ?? '';
  } catch {}
  let copy = marker(UNREADABLE);
  try {
    copy = {};
    for (const key of Object.keys(value)) {
      try {
        JSON.stringify((copy[key] = value[key]), typed);
      } catch {
        copy[key] = marker(UNREADABLE);
      }
    }
  } catch {
    copy = marker(UNREADABLE);
  }
  return JSON.stringify(copy, typed);
}
