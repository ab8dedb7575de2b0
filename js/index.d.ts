// Types of the package entry. Inputs, outputs, options and every operation's method are generated
// from the Rust declarations into ../pkg/cognito_verify.d.ts; the client class, the error class and
// `init` are declared here.
import type {
  CognitoCallOptions,
  CognitoClientConfig,
  CognitoErrorFields,
  CognitoOperations,
  ResponseMetadata,
} from '../pkg/cognito_verify.js';

export type {
  AttributeType,
  AuthFlow,
  AuthenticationResultType,
  ChallengeNameType,
  CodeDeliveryDetailsType,
  CognitoCallOptions,
  CognitoClientConfig,
  CognitoErrorFields,
  CognitoOperations,
  ConfirmSignUpRequest,
  ConfirmSignUpResponse,
  DeliveryMediumType,
  GetTokensFromRefreshTokenRequest,
  GetTokensFromRefreshTokenResponse,
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse,
  GetUserRequest,
  GetUserResponse,
  GlobalSignOutRequest,
  GlobalSignOutResponse,
  InitiateAuthRequest,
  InitiateAuthResponse,
  MFAOptionType,
  NewDeviceMetadataType,
  ResendConfirmationCodeRequest,
  ResendConfirmationCodeResponse,
  RespondToAuthChallengeRequest,
  RespondToAuthChallengeResponse,
  ResponseMetadata,
  RevokeTokenRequest,
  RevokeTokenResponse,
  SignUpRequest,
  SignUpResponse,
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
}

/** One method per operation (declared with each operation, in `CognitoOperations`). */
export interface CognitoClient extends CognitoOperations {}

/** Client-side error names; service errors carry the AWS exception name. */
export type ClientErrorName =
  | 'ValidationError'
  | 'NetworkError'
  | 'TimeoutError'
  | 'AbortError'
  | 'InvalidResponseError'
  | 'UnsupportedRuntimeError';

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
