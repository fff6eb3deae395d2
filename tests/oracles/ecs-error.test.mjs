// The documents built from an access-denied ECS error alone allow the call that was
// refused, as an independent evaluator (@cloud-copilot/iam-simulate) decides it — in the
// commercial, China and GovCloud partitions, for a secret and a parameter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../e2e/harness.mjs';
import { simulate } from './iam-simulate.mjs';

const WRAP = 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 2 time(s): ';
const denied = (partition, account, role, resource, action) =>
  `${WRAP}AccessDeniedException: User: arn:${partition}:sts::${account}:assumed-role/${role}/7e1 is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

const CASES = [
  ['aws', '123456789012', 'matillion-agent-exec', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-Xy12Ab', 'secretsmanager:GetSecretValue'],
  ['aws-cn', '210987654321', 'agent-exec', 'arn:aws-cn:secretsmanager:cn-north-1:210987654321:secret:prod/db-Qw3Er5', 'secretsmanager:GetSecretValue'],
  ['aws-us-gov', '555566667777', 'exec', 'arn:aws-us-gov:secretsmanager:us-gov-west-1:555566667777:secret:agent-Zz9Yy8', 'secretsmanager:GetSecretValue'],
  ['aws', '123456789012', 'matillion-agent-exec', 'arn:aws:ssm:eu-west-1:123456789012:parameter/matillion/agent/key', 'ssm:GetParameters'],
];

for (const [partition, account, role, resource, action] of CASES) {
  test(`an ECS error alone: ${action} on ${resource} is allowed by the documents built from it`, async () => {
    const response = cli({ ecsError: denied(partition, account, role, resource, action) });
    assert.equal(response.diagnosis.role, role);
    assert.equal(response.target.executionRole, role);
    const policy = response.documents.find((d) => d.id === 'execution-role-secrets-policy').policy;
    assert.equal(await simulate({ policy, action, resource }), 'Allowed');
    // And nothing next to it: the same name in another account is still refused.
    const elsewhere = resource.replace(`:${account}:`, ':999999999999:');
    assert.equal(await simulate({ policy, action, resource: elsewhere }), 'ImplicitlyDenied');
  });
}
