// amazon-cognito-identity-js: a CognitoUser holding a session built from the tokens.
import { CognitoAccessToken, CognitoIdToken, CognitoRefreshToken, CognitoUser, CognitoUserAttribute, CognitoUserPool, CognitoUserSession } from 'amazon-cognito-identity-js';

export async function create({ endpoint, token }) {
  const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_bench', ClientId: 'benchclient', endpoint });
  const user = new CognitoUser({ Username: 'bench', Pool: pool });
  user.setSignInUserSession(
    new CognitoUserSession({
      AccessToken: new CognitoAccessToken({ AccessToken: token }),
      IdToken: new CognitoIdToken({ IdToken: token }),
      RefreshToken: new CognitoRefreshToken({ RefreshToken: 'refresh' }),
    }),
  );
  const promised = (fn) => new Promise((resolve, reject) => fn((err, out) => (err ? reject(err) : resolve(out))));
  return {
    sendCode: () =>
      new Promise((resolve, reject) =>
        user.getAttributeVerificationCode('email', { onSuccess: resolve, onFailure: reject, inputVerificationCode: resolve }),
      ),
    verify: () => new Promise((resolve, reject) => user.verifyAttribute('email', '123456', { onSuccess: resolve, onFailure: reject })),
    getUser: () => promised((cb) => user.getUserAttributes(cb)),
    update: () => promised((cb) => user.updateAttributes([new CognitoUserAttribute({ Name: 'email', Value: 'n@example.com' })], cb)),
  };
}
