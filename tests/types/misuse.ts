// Each line below must be a type error; check.mjs asserts tsc reports exactly these lines.
import { CognitoClient } from 'cognito-verify';

const client = new CognitoClient({ region: 'eu-west-1' });
await client.getUser({ accessToken: 'x' }); // @expect-error wrong field name (camelCase)
await client.getUser({ AccessToken: 'x' }, { timeoutMs: '100' }); // @expect-error option of the wrong type
await client.initiateAuth({ AuthFlow: 'CUSTOM_AUTH', ClientId: 'c', AuthParameters: {} }); // @expect-error unsupported flow
new CognitoClient({ region: 'eu-west-1', maxAttempts: 'three' }); // @expect-error config of the wrong type
const out = await client.getUserAttributeVerificationCode({ AccessToken: 'x', AttributeName: 'email' });
const n: number = out.CodeDeliveryDetails?.Destination; // @expect-error output field of the wrong type
await client.verifyUserAttribute({ AccessToken: 'x', AttributeName: 'email' }); // @expect-error missing Code
await client.deleteUser({ AccessToken: 'x' }); // @expect-error no such operation
export {};
