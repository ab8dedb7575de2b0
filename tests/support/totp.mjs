// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits), as authenticator apps
// compute them. The stub pool checks SOFTWARE_TOKEN_MFA codes with it; tests type codes from it.
import { createHmac, randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A new shared secret, base32 as Cognito's AssociateSoftwareToken gives it. */
export function newTotpSecret() {
  return [...randomBytes(20)].map((b) => BASE32[b & 31]).join('');
}

function base32Bytes(text) {
  let bits = '';
  for (const ch of text.replace(/=+$/, '').toUpperCase()) bits += BASE32.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The 6-digit code for `secret` at `atMs` (now by default). */
export function totp(secret, atMs = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac('sha1', base32Bytes(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 15;
  const value = (mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}
