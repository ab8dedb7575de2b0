// The stub server's pool admin routes (stub-pool.mjs) and raw calls to it, for tests that make
// users of their own, read the codes sent to them, or act as another device.

/** Makes a pool user (`{clientId, username, password, ...}`, see stub-pool.mjs): `{totpSecret, sub}`. */
export async function addPoolUser(stub, user) {
  const res = await fetch(`${stub}/__pool/users`, { method: 'POST', body: JSON.stringify(user) });
  return res.json();
}

/** The last message the pool sent to `username` of `clientId`: `{code, medium, purpose, ...}`, or `{}`. */
export async function lastMail(stub, clientId, username) {
  const res = await fetch(`${stub}/__pool/mail?client=${clientId}&username=${encodeURIComponent(username)}`);
  return res.json();
}

/** One call to the stub outside any page, with the wire's headers: its status and JSON body. */
export async function stubCall(stub, operation, body) {
  const res = await fetch(stub, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
