// Amplify v6 (aws-amplify/auth), pointed at the endpoint with userPoolEndpoint, tokens from memory.
import { Amplify } from 'aws-amplify';
import { confirmUserAttribute, fetchUserAttributes, sendUserAttributeVerificationCode, updateUserAttribute } from 'aws-amplify/auth';

export async function create({ endpoint, token, claims }) {
  const accessToken = { payload: claims, toString: () => token };
  Amplify.configure(
    { Auth: { Cognito: { userPoolId: 'us-east-1_bench', userPoolClientId: 'benchclient', userPoolEndpoint: endpoint } } },
    { Auth: { tokenProvider: { getTokens: async () => ({ accessToken }) } } },
  );
  return {
    sendCode: () => sendUserAttributeVerificationCode({ userAttributeKey: 'email' }),
    verify: () => confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: '123456' }),
    getUser: () => fetchUserAttributes(),
    update: () => updateUserAttribute({ userAttribute: { attributeKey: 'email', value: 'n@example.com' } }),
  };
}
