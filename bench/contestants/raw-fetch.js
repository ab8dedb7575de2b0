// The floor: hand-written fetch calls, no error typing, no retries.
export async function create({ endpoint, token }) {
  const call = async (operation, body) => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
      body: JSON.stringify(body),
    });
    const out = await res.json();
    if (!res.ok) throw Object.assign(new Error(out.message), { name: out.__type });
    return out;
  };
  return {
    sendCode: () => call('GetUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'email' }),
    verify: () => call('VerifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: '123456' }),
    getUser: () => call('GetUser', { AccessToken: token }),
    update: () => call('UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'n@example.com' }] }),
  };
}
