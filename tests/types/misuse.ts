// Each line below must be a type error; check.mjs asserts tsc reports exactly these lines.
import { CognitoClient } from 'cognito-verify';
import { createVerifyFlow } from 'cognito-verify/flow';

const client = new CognitoClient({ region: 'eu-west-1' });
await client.getUser({ accessToken: 'x' }); // @expect-error wrong field name (camelCase)
await client.getUser({ AccessToken: 'x' }, { timeoutMs: '100' }); // @expect-error option of the wrong type
await client.initiateAuth({ AuthFlow: 'CUSTOM_AUTH', ClientId: 'c', AuthParameters: {} }); // @expect-error unsupported flow
new CognitoClient({ region: 'eu-west-1', maxAttempts: 'three' }); // @expect-error config of the wrong type
const out = await client.getUserAttributeVerificationCode({ AccessToken: 'x', AttributeName: 'email' });
const n: number = out.CodeDeliveryDetails?.Destination; // @expect-error output field of the wrong type
await client.verifyUserAttribute({ AccessToken: 'x', AttributeName: 'email' }); // @expect-error missing Code
await client.deleteUser({ AccessToken: 'x' }); // @expect-error no such operation
await client.respondToAuthChallenge({ ClientId: 'c', ChallengeName: 'PASSWORD_VERIFIER', Session: 's', ChallengeResponses: {} }); // @expect-error unsupported challenge
await client.respondToAuthChallenge({ ClientId: 'c', ChallengeName: 'SMS_MFA', ChallengeResponses: { USERNAME: 'u' } }); // @expect-error missing Session
await client.confirmSignUp({ ClientId: 'c', Username: 'u', ConfirmationCode: '1', ForceAliasCreation: 'yes' }); // @expect-error boolean given as a string
const up = await client.signUp({ ClientId: 'c', Username: 'u', Password: 'p' });
const confirmed: string = up.UserConfirmed; // @expect-error output boolean read as a string
await client.revokeToken({ Token: 't' }); // @expect-error missing ClientId
await client.globalSignOut({ RefreshToken: 'r' }); // @expect-error a refresh token where the access token belongs
const rotated = await client.getTokensFromRefreshToken({ ClientId: 'c', RefreshToken: 'r' });
const kept: number | undefined = rotated.AuthenticationResult?.RefreshToken; // @expect-error output field of the wrong type
await client.signUp({ ClientId: 'c', Username: 'u', UserAttributes: { email: 'a@b' } }); // @expect-error attributes as an object, not a list
const flow = await createVerifyFlow({ client, attribute: 'name', accessToken: () => 't' }); // @expect-error no such attribute
await createVerifyFlow({ client, accessToken: 'token' }); // @expect-error a token where a function belongs
flow.getSnapshot().value = 'x'; // @expect-error the snapshot is read-only
export {};
