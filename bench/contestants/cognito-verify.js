// This project, as an esbuild app ships it: the module is inside the package's JS.
import { CognitoClient } from '../../js/index.js';

export async function create({ endpoint, token }) {
  const client = new CognitoClient({ endpoint });
  return {
    sendCode: () => client.getUserAttributeVerificationCode({ AccessToken: token, AttributeName: 'email' }),
    verify: () => client.verifyUserAttribute({ AccessToken: token, AttributeName: 'email', Code: '123456' }),
    getUser: () => client.getUser({ AccessToken: token }),
    update: () => client.updateUserAttributes({ AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'n@example.com' }] }),
  };
}
