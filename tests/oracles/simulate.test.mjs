// An independent IAM evaluator (@cloud-copilot/iam-simulate) checks that every secret
// resource the builder writes allows the secret it names and nothing next to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { ROOT, cli } from '../e2e/harness.mjs';

const DATA = join(ROOT, 'crates/iam-policy-core/tests/data');
const GOLDEN = readdirSync(DATA).filter((name) => name.endsWith('.request.json'));

async function decision(policy, account, partition, resource) {
  const response = await runSimulation(
    {
      identityPolicies: [{ name: 'generated', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        principal: `arn:${partition}:iam::${account}:role/agent-execution`,
        action: 'secretsmanager:GetSecretValue',
        resource: { resource, accountId: resource.split(':')[4] },
        contextVariables: {},
      },
    },
    {},
  );
  assert.notEqual(response.resultType, 'error', JSON.stringify(response.errors));
  return response.overallResult;
}

/** What a resource must allow and deny: (ARN of a real secret, expected decision). */
function probes(resource) {
  const fields = resource.split(':');
  const otherAccount = [...fields.slice(0, 4), '999999999999', ...fields.slice(5)].join(':');
  if (resource.endsWith('-??????')) {
    const base = resource.slice(0, -'-??????'.length);
    return [
      [`${base}-AbC123`, 'Allowed'],
      [`${base}-extra-AbC123`, 'ImplicitlyDenied'],
      [`${base}2-AbC123`, 'ImplicitlyDenied'],
      [otherAccount.replace(/-\?{6}$/, '-AbC123'), 'ImplicitlyDenied'],
    ];
  }
  if (resource.endsWith('*')) {
    const base = resource.slice(0, -1);
    return [
      [`${base}db-AbC123`, 'Allowed'],
      [otherAccount.replace(/\*$/, 'db-AbC123'), 'ImplicitlyDenied'],
    ];
  }
  // A complete ARN with its own suffix: exactly that secret.
  return [
    [resource, 'Allowed'],
    [resource.replace(/-(\w{6})$/, '-extra-$1'), 'ImplicitlyDenied'],
    [otherAccount, 'ImplicitlyDenied'],
  ];
}

for (const file of GOLDEN) {
  const request = JSON.parse(readFileSync(join(DATA, file), 'utf8'));
  const response = cli(request);
  const execution = response.documents.find((d) => d.id === 'execution-role-secrets-policy');
  if (!execution?.complete) continue;
  const statement = execution.policy.Statement[0];
  const resources = [statement.Resource].flat().filter((r) => r !== '*');
  if (resources.length === 0) continue;
  test(`${file}: each secret resource allows its secret and denies its neighbours`, async () => {
    const [, partition, , , account] = resources[0].split(':');
    for (const resource of resources) {
      // Each resource alone: another resource of the same list (prod/*) may rightly cover
      // what this one must not.
      const alone = { ...execution.policy, Statement: [{ ...statement, Resource: [resource] }] };
      for (const [secret, expected] of probes(resource)) {
        assert.equal(await decision(alone, account, partition, secret), expected, `${resource} vs ${secret}`);
      }
    }
  });
}
