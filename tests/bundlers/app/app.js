// The same tiny app for every bundler and runtime: one success, the verification flow's first state
// and one typed error against the stub server at `stub`. Resolves to what it saw.
import { CognitoClient, CognitoError } from 'cognito-verify';
import { createVerifyFlow } from 'cognito-verify/flow';

export async function run(stub) {
  const client = new CognitoClient({ endpoint: stub, maxAttempts: 1 });
  const result = {};
  try {
    const sent = await client.getUserAttributeVerificationCode({ AccessToken: 'ok.bundler', AttributeName: 'email' });
    result.destination = sent.CodeDeliveryDetails?.Destination;
    result.attempts = sent.$metadata.attempts;
    const flow = await createVerifyFlow({ client, accessToken: () => 'ok.bundler' });
    await new Promise((done) => {
      if (!flow.getSnapshot().busy) return done();
      const stop = flow.subscribe((state) => !state.busy && (stop(), done()));
    });
    result.flow = `${flow.getSnapshot().phase} ${flow.getSnapshot().value}`;
    await client.verifyUserAttribute({ AccessToken: 'err.CodeMismatchException.bundler', AttributeName: 'email', Code: '000000' });
    result.error = 'no error';
  } catch (err) {
    result.isCognitoError = err instanceof CognitoError;
    result.isError = err instanceof Error;
    result.name = err.name;
    result.message = err.message;
    result.requestId = err.$metadata?.requestId;
  }
  return result;
}
