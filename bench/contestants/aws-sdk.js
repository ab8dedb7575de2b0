// AWS SDK for JavaScript v3. These operations are unsigned (optional auth): no credentials needed.
import {
  CognitoIdentityProviderClient,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';

export async function create({ endpoint, token }) {
  const client = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint });
  return {
    sendCode: () => client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' })),
    verify: () => client.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: '123456' })),
    getUser: () => client.send(new GetUserCommand({ AccessToken: token })),
    update: () => client.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'n@example.com' }] })),
  };
}
