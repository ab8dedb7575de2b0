// Types of the package entry. Inputs, outputs, options and the client's methods are generated from
// the Rust types into ../pkg/cognito_verify.d.ts; only the error class and `init` are declared here.
import type { CognitoErrorFields, ResponseMetadata } from '../pkg/cognito_verify.js';

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
export { CognitoClient } from '../pkg/cognito_verify.js';

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
