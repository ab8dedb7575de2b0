// Uses every method, option, output field and error field of the package under `tsc --strict`.
import init, {
  CognitoClient,
  CognitoError,
  type CodeDeliveryDetailsType,
  type GetUserAttributeVerificationCodeResponse,
  type GetUserResponse,
  type InitiateAuthResponse,
  type ResponseMetadata,
  type UpdateUserAttributesResponse,
  type VerifyUserAttributeResponse,
} from 'cognito-verify';

export async function flow(signal: AbortSignal): Promise<string> {
  await init();
  await init(new URL('https://cdn.example/cognito_verify_bg.wasm'));
  const client = new CognitoClient({
    region: 'eu-west-1',
    useFipsEndpoint: false,
    maxAttempts: 3,
    timeoutMs: 5000,
    userAgentSuffix: 'app/1.0',
  });
  new CognitoClient({ endpoint: 'http://127.0.0.1:9229' });

  const auth: InitiateAuthResponse = await client.initiateAuth({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: 'client',
    AuthParameters: { USERNAME: 'u', PASSWORD: 'p' },
    ClientMetadata: { source: 'web' },
  });
  const token: string | undefined = auth.AuthenticationResult?.AccessToken;
  const expires: number | undefined = auth.AuthenticationResult?.ExpiresIn;
  const refresh: string | undefined = auth.AuthenticationResult?.RefreshToken;
  const id: string | undefined = auth.AuthenticationResult?.IdToken;
  const device: string | undefined = auth.AuthenticationResult?.NewDeviceMetadata?.DeviceKey;
  const challenge: string | undefined = auth.ChallengeName;
  const session: string | undefined = auth.Session;
  const params: Record<string, string> | undefined = auth.ChallengeParameters;
  void [expires, id, device, challenge, session, params];
  if (!token) throw new Error('challenge');
  await client.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'client', AuthParameters: { REFRESH_TOKEN: refresh ?? '' } });

  const user: GetUserResponse = await client.getUser({ AccessToken: token }, { abortSignal: signal });
  const verified = user.UserAttributes.find((a) => a.Name === 'email_verified')?.Value === 'true';
  const name: string = user.Username;
  const mfa: string[] | undefined = user.UserMFASettingList;
  const preferred: string | undefined = user.PreferredMfaSetting;
  const options = user.MFAOptions?.map((o) => [o.AttributeName, o.DeliveryMedium]);
  void [verified, name, mfa, preferred, options];

  const sent: GetUserAttributeVerificationCodeResponse = await client.getUserAttributeVerificationCode(
    { AccessToken: token, AttributeName: 'email', ClientMetadata: { lang: 'en' } },
    { abortSignal: signal, timeoutMs: 2000 },
  );
  const details: CodeDeliveryDetailsType | undefined = sent.CodeDeliveryDetails;
  const medium: 'SMS' | 'EMAIL' | undefined = details?.DeliveryMedium;
  const where: string | undefined = details?.Destination;
  const attr: string | undefined = details?.AttributeName;
  void [medium, where, attr];
  const meta: ResponseMetadata = sent.$metadata;
  const status: number | undefined = meta.httpStatusCode;
  const requestId: string | undefined = meta.requestId;
  const attempts: number = meta.attempts;
  const delay: number = meta.totalRetryDelay;
  void [status, requestId, attempts, delay];

  const updated: UpdateUserAttributesResponse = await client.updateUserAttributes({
    AccessToken: token,
    UserAttributes: [{ Name: 'email', Value: 'new@example.com' }],
  });
  void updated.CodeDeliveryDetailsList?.[0]?.Destination;

  try {
    const ok: VerifyUserAttributeResponse = await client.verifyUserAttribute({ AccessToken: token, AttributeName: 'email', Code: '123456' });
    void ok.$metadata.attempts;
  } catch (e) {
    if (e instanceof CognitoError) {
      const err: Error = e;
      const fault: 'client' | 'server' = e.$fault;
      const retryable: boolean = e.retryable;
      const field: string | undefined = e.field;
      const errorMeta: ResponseMetadata = e.$metadata;
      void [err, fault, retryable, field, errorMeta];
      if (e.name === 'CodeMismatchException') return 'wrong code';
      if (e.name === 'LimitExceededException') return 'wait';
    }
    throw e;
  }
  return 'verified';
}
