// An app that verifies an email through the verification flow (`cognito-verify/flow`): the
// benchmark reports its bundle size beside the verify-email apps. It is bundled, not run.
import { CognitoClient } from '../js/index.js';
import { createVerifyFlow } from '../js/flow.js';

export async function verifyWithFlow({ endpoint, token, code, render }) {
  const client = new CognitoClient({ endpoint });
  const flow = await createVerifyFlow({ client, accessToken: () => token });
  flow.subscribe(render);
  await flow.send();
  await flow.verify(code);
  return flow.getSnapshot();
}
