// An app that calls every operation of the package (sign-up, sign-in with challenges, rotation,
// revocation, global sign-out, verification): the benchmark reports its bundle size beside the
// verify-email apps. It is bundled, not run.
import { CognitoClient } from '../js/index.js';

export async function everything({ endpoint, clientId, username, password, code }) {
  const client = new CognitoClient({ endpoint });
  await client.signUp({ ClientId: clientId, Username: username, Password: password, UserAttributes: [{ Name: 'email', Value: username }] });
  await client.resendConfirmationCode({ ClientId: clientId, Username: username });
  await client.confirmSignUp({ ClientId: clientId, Username: username, ConfirmationCode: code });
  let out = await client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
  if (out.ChallengeName === 'EMAIL_OTP') {
    out = await client.respondToAuthChallenge({
      ClientId: clientId,
      ChallengeName: 'EMAIL_OTP',
      Session: out.Session,
      ChallengeResponses: { USERNAME: username, EMAIL_OTP_CODE: code },
    });
  }
  const { AccessToken, RefreshToken } = out.AuthenticationResult;
  await client.getUser({ AccessToken });
  await client.updateUserAttributes({ AccessToken, UserAttributes: [{ Name: 'email', Value: `new-${username}` }] });
  await client.getUserAttributeVerificationCode({ AccessToken, AttributeName: 'email' });
  await client.verifyUserAttribute({ AccessToken, AttributeName: 'email', Code: code });
  const rotated = await client.getTokensFromRefreshToken({ ClientId: clientId, RefreshToken });
  await client.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: RefreshToken } });
  await client.revokeToken({ ClientId: clientId, Token: rotated.AuthenticationResult.RefreshToken ?? RefreshToken });
  await client.globalSignOut({ AccessToken });
}
