// Types of the package entry. Inputs, outputs and options are generated from the Rust types into
// ../pkg/cognito_verify.d.ts; the client, the error class and `init` are declared here.
import type {
  CognitoCallOptions,
  CognitoClientConfig,
  CognitoErrorFields,
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse,
  GetUserRequest,
  GetUserResponse,
  InitiateAuthRequest,
  InitiateAuthResponse,
  ResponseMetadata,
  UpdateUserAttributesRequest,
  UpdateUserAttributesResponse,
  VerifyUserAttributeRequest,
  VerifyUserAttributeResponse,
} from '../pkg/cognito_verify.js';

export type {
  AttributeType,
  AuthFlow,
  AuthenticationResultType,
  CodeDeliveryDetailsType,
  CognitoCallOptions,
  CognitoClientConfig,
  CognitoErrorFields,
  DeliveryMediumType,
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse,
  GetUserRequest,
  GetUserResponse,
  InitiateAuthRequest,
  InitiateAuthResponse,
  MFAOptionType,
  NewDeviceMetadataType,
  ResponseMetadata,
  UpdateUserAttributesRequest,
  UpdateUserAttributesResponse,
  VerifyUserAttributeRequest,
  VerifyUserAttributeResponse,
} from '../pkg/cognito_verify.js';

/**
 * A Cognito user-pools client for the browser. Every method resolves to the operation's output with
 * `$metadata`, or rejects with a `CognitoError`; a bad configuration rejects the first call with
 * `ValidationError`.
 */
export declare class CognitoClient {
  /** Give `region` or `endpoint`. */
  constructor(config: CognitoClientConfig);
  /** Sends a verification code for an attribute (`email`, `phone_number`) of the signed-in user. */
  getUserAttributeVerificationCode(
    input: GetUserAttributeVerificationCodeRequest,
    options?: CognitoCallOptions,
  ): Promise<GetUserAttributeVerificationCodeResponse>;
  /** Verifies an attribute with the code the user received. */
  verifyUserAttribute(
    input: VerifyUserAttributeRequest,
    options?: CognitoCallOptions,
  ): Promise<VerifyUserAttributeResponse>;
  /** Reads the signed-in user's attributes (`email`, `email_verified`...). */
  getUser(input: GetUserRequest, options?: CognitoCallOptions): Promise<GetUserResponse>;
  /** Changes attributes; a changed email or phone gets a code to verify it. */
  updateUserAttributes(
    input: UpdateUserAttributesRequest,
    options?: CognitoCallOptions,
  ): Promise<UpdateUserAttributesResponse>;
  /** Signs in (`USER_PASSWORD_AUTH`) or refreshes tokens (`REFRESH_TOKEN_AUTH`). */
  initiateAuth(input: InitiateAuthRequest, options?: CognitoCallOptions): Promise<InitiateAuthResponse>;
}

/** Client-side error names; service errors carry the AWS exception name. */
export type ClientErrorName =
  | 'ValidationError'
  | 'NetworkError'
  | 'TimeoutError'
  | 'AbortError'
  | 'InvalidResponseError';

/** Every rejection of every method. */
export declare class CognitoError extends Error implements CognitoErrorFields {
  constructor(fields: CognitoErrorFields);
  /** The AWS exception name (`CodeMismatchException`, `LimitExceededException`...) or a `ClientErrorName`. */
  name: string;
  message: string;
  $fault: 'client' | 'server';
  retryable: boolean;
  $metadata: ResponseMetadata;
  field?: string;
}

/** Loads the WebAssembly module ahead of the first call (optional). */
export default function init(
  moduleOrPath?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module,
): Promise<void>;
