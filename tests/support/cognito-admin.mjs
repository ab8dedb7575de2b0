// cognito-local's admin API, for tests that need users of their own.
import assert from 'node:assert/strict';

/** One admin call; fails the test on anything but 200. */
export async function adminCall(endpoint, operation, body) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

/** A confirmed user with a permanent password and an unverified email equal to the username. */
export async function createUser(endpoint, userPoolId, username, password) {
  await adminCall(endpoint, 'AdminCreateUser', {
    UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS', TemporaryPassword: password,
    UserAttributes: [{ Name: 'email', Value: username }, { Name: 'email_verified', Value: 'false' }],
  });
  await adminCall(endpoint, 'AdminSetUserPassword', { UserPoolId: userPoolId, Username: username, Password: password, Permanent: true });
}
