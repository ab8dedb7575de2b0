// This project, as an esbuild app ships it (the .wasm through --loader:.wasm=file).
import init, { CognitoClient } from '../../js/index.js';
import wasmUrl from '../../pkg/cognito_verify_bg.wasm';

export async function create({ endpoint, token }) {
  await init(new URL(wasmUrl, import.meta.url));
  const client = new CognitoClient({ endpoint });
  return {
    sendCode: () => client.getUserAttributeVerificationCode({ AccessToken: token, AttributeName: 'email' }),
    verify: () => client.verifyUserAttribute({ AccessToken: token, AttributeName: 'email', Code: '123456' }),
    getUser: () => client.getUser({ AccessToken: token }),
    update: () => client.updateUserAttributes({ AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'n@example.com' }] }),
  };
}
