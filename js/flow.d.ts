// Types of `cognito-verify/flow`.
import type { CodeDeliveryDetailsType } from '../pkg/cognito_verify.js';
import type { CognitoClient } from './index.js';

/** The attribute a flow verifies. */
export type VerifyAttribute = 'email' | 'phone_number';

/** What the user can do after a failure; `sentence` says it in words. */
export type NextStep = 'typeCodeAgain' | 'sendNewCode' | 'wait' | 'chooseAnotherValue' | 'checkInput' | 'signInAgain' | 'tryAgainLater';

/** Why an action made no call. */
export type FlowRefusal =
  | 'Busy'
  | 'SignedOut'
  | 'NotLoaded'
  | 'Waiting'
  | 'AlreadyVerified'
  | 'NoValue'
  | 'Empty'
  | 'SameValue'
  | 'NothingToRefresh';

/** The last failure. */
export interface FlowProblem {
  /** The AWS exception name, a client-side name, `SameValue` or `NoCodeSent`. */
  name: string;
  message: string;
  next: NextStep;
  /** `next` as a plain sentence. */
  sentence: string;
}

/** Everything an app renders from; a new frozen object after every change. */
export interface VerifyFlowState {
  readonly attribute: VerifyAttribute;
  readonly phase: 'loading' | 'ready' | 'signedOut';
  /** The current value, as the service reports it. */
  readonly value: string | null;
  readonly verified: boolean;
  /** A new value awaiting verification in a pool that keeps the original until then. */
  readonly pending: string | null;
  /** Whether the pool keeps the original until a new value is verified; known after a change. */
  readonly keepsOriginal: boolean | null;
  /** Where the last code went. */
  readonly delivery: CodeDeliveryDetailsType | null;
  /** When a resend is allowed again (ms since the epoch; 0: now). */
  readonly resendAt: number;
  /** Why a resend waits: a short cooldown after a send, or the long wait after LimitExceededException. */
  readonly wait: 'cooldown' | 'limit' | null;
  readonly problem: FlowProblem | null;
  /** The call in flight. */
  readonly busy: 'loading' | 'sending' | 'verifying' | 'changing' | 'refreshing' | null;
  /** A verify succeeded, and the ID token's `*_verified` claim is stale until the tokens are refreshed. */
  readonly tokensStale: boolean;
}

export interface VerifyFlowOptions {
  client: CognitoClient;
  /** `'email'` by default. */
  attribute?: VerifyAttribute;
  /** Returns a current access token (from any sign-in). */
  accessToken: () => string | Promise<string>;
  /** Renews the app's tokens after a verify, so the ID token's `*_verified` claim is current. */
  refreshTokens?: () => void | Promise<void>;
}

/** A verification flow. Each action resolves to `null` once its calls are done, or to why it made none. */
export interface VerifyFlow {
  /** The state now (for React's `useSyncExternalStore`, and plain code alike). */
  getSnapshot(): VerifyFlowState;
  /** Calls `listener` after every change of the state; returns the function that unsubscribes. */
  subscribe(listener: (state: VerifyFlowState) => void): () => void;
  /** Reads the user's attributes again (a new flow reads them by itself). */
  load(): Promise<FlowRefusal | null>;
  /** Sends a code, or another once the wait is over (to the pending value where the pool keeps the original). */
  send(): Promise<FlowRefusal | null>;
  /** Checks the code the user typed. */
  verify(code: string): Promise<FlowRefusal | null>;
  /** Submits a new value; the current one is refused (`SameValue`, with a problem saying so). */
  change(value: string): Promise<FlowRefusal | null>;
  /** Renews the tokens after a verify. */
  refresh(): Promise<FlowRefusal | null>;
  /** Ends the flow: replies to calls in flight are dropped. */
  signOut(): void;
}

/** A verification flow for one attribute of the signed-in user. Rejects with a `CognitoError` (`ValidationError`) for bad options. */
export function createVerifyFlow(options: VerifyFlowOptions): Promise<VerifyFlow>;
