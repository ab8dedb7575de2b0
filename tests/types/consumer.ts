// Uses every method, option, output field and error field of the package under `tsc --strict`.
import init, {
  CognitoClient,
  CognitoError,
  type ChallengeNameType,
  type CodeDeliveryDetailsType,
  type ConfirmSignUpResponse,
  type GetTokensFromRefreshTokenResponse,
  type GlobalSignOutResponse,
  type ResendConfirmationCodeResponse,
  type RespondToAuthChallengeResponse,
  type RevokeTokenResponse,
  type SignUpResponse,
  type GetUserAttributeVerificationCodeResponse,
  type GetUserResponse,
  type InitiateAuthResponse,
  type ResponseMetadata,
  type UpdateUserAttributesResponse,
  type VerifyUserAttributeResponse,
} from 'cognito-verify';
import { createVerifyFlow, type FlowRefusal, type NextStep, type VerifyFlow, type VerifyFlowState } from 'cognito-verify/flow';

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

/** Sign-up, a challenge, rotation, revocation and global sign-out, typed end to end. */
export async function account(client: CognitoClient, code: string): Promise<string | undefined> {
  const up: SignUpResponse = await client.signUp({
    ClientId: 'client',
    Username: 'ana@example.com',
    Password: 'a-long-passw0rd',
    UserAttributes: [{ Name: 'email', Value: 'ana@example.com' }],
    ValidationData: [{ Name: 'invite', Value: 'x' }],
    ClientMetadata: { source: 'web' },
    SecretHash: 'c2VjcmV0',
  });
  const confirmed: boolean = up.UserConfirmed;
  const sub: string = up.UserSub;
  const upSession: string | undefined = up.Session;
  const upMedium: 'SMS' | 'EMAIL' | undefined = up.CodeDeliveryDetails?.DeliveryMedium;
  void [confirmed, sub, upMedium];
  const resent: ResendConfirmationCodeResponse = await client.resendConfirmationCode({ ClientId: 'client', Username: 'ana@example.com' });
  const resentTo: string | undefined = resent.CodeDeliveryDetails?.Destination;
  const done: ConfirmSignUpResponse = await client.confirmSignUp(
    { ClientId: 'client', Username: 'ana@example.com', ConfirmationCode: code, ForceAliasCreation: false, ...(upSession ? { Session: upSession } : {}) },
    { timeoutMs: 5000 },
  );
  void [resentTo, done.Session];

  const signIn = await client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client', AuthParameters: { USERNAME: 'ana', PASSWORD: 'p' } });
  let result = signIn.AuthenticationResult;
  if (signIn.ChallengeName === 'SOFTWARE_TOKEN_MFA' && signIn.Session) {
    const name: ChallengeNameType = signIn.ChallengeName;
    const answered: RespondToAuthChallengeResponse = await client.respondToAuthChallenge({
      ClientId: 'client',
      ChallengeName: name,
      Session: signIn.Session,
      ChallengeResponses: { USERNAME: 'ana', SOFTWARE_TOKEN_MFA_CODE: code },
      ClientMetadata: { source: 'web' },
    });
    const next: string | undefined = answered.ChallengeName;
    void next;
    result = answered.AuthenticationResult;
  }
  if (!result?.RefreshToken || !result.AccessToken) return undefined;

  const rotated: GetTokensFromRefreshTokenResponse = await client.getTokensFromRefreshToken({
    ClientId: 'client',
    RefreshToken: result.RefreshToken,
    ClientSecret: 'client-secret',
    DeviceKey: 'us-east-1_0123456789abcdef0123456789abcdef',
    ClientMetadata: { source: 'web' },
  });
  const keep: string = rotated.AuthenticationResult?.RefreshToken ?? result.RefreshToken;
  const revoked: RevokeTokenResponse = await client.revokeToken({ ClientId: 'client', Token: keep });
  const out: GlobalSignOutResponse = await client.globalSignOut({ AccessToken: result.AccessToken });
  try {
    await client.getTokensFromRefreshToken({ ClientId: 'client', RefreshToken: keep });
  } catch (e) {
    if (e instanceof CognitoError && e.name === 'RefreshTokenReuseException') return 'reused';
  }
  return `${revoked.$metadata.attempts} ${out.$metadata.attempts}`;
}

/** The verification flow, as a React store and as plain code would read it. */
export async function verifyFlow(client: CognitoClient, token: () => Promise<string>): Promise<VerifyFlowState> {
  const flow: VerifyFlow = await createVerifyFlow({ client, attribute: 'phone_number', accessToken: token, refreshTokens: async () => {} });
  await createVerifyFlow({ client, accessToken: () => 'token' });
  const stop: () => void = flow.subscribe((state: VerifyFlowState) => void state.busy);
  const refused: FlowRefusal | null = await flow.change('+15550005678');
  if (refused === 'SameValue') void flow.getSnapshot().problem?.sentence;
  await flow.send();
  await flow.verify('123456');
  await flow.refresh();
  await flow.load();
  const state = flow.getSnapshot();
  const wait: 'cooldown' | 'limit' | null = state.wait;
  const next: NextStep | undefined = state.problem?.next;
  const where: string | undefined = state.delivery?.Destination;
  const keeps: boolean | null = state.keepsOriginal;
  const phase: 'loading' | 'ready' | 'signedOut' = state.phase;
  const when: number = state.resendAt;
  void [wait, next, where, keeps, phase, when, state.pending, state.value, state.verified, state.tokensStale, state.attribute];
  stop();
  flow.signOut();
  return state;
}
