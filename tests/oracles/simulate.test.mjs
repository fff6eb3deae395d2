// An independent IAM evaluator (@cloud-copilot/iam-simulate) checks that every secret
// resource the builder writes allows the secret it names and nothing next to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from './iam-simulate.mjs';
import { ROOT, cli } from '../e2e/harness.mjs';

const DATA = join(ROOT, 'crates/iam-policy-core/tests/data');
const GOLDEN = readdirSync(DATA).filter((name) => name.endsWith('.request.json'));

async function decision(policy, resource) {
  const result = await simulate({ policy, action: 'secretsmanager:GetSecretValue', resource });
  assert.ok(!result.startsWith('error'), result);
  return result;
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
  // On EKS the runner role's one policy holds the secrets the execution role's would.
  const execution = response.documents.find((d) => d.id === 'execution-role-secrets-policy' || d.id === 'runner-role-permissions-policy');
  if (!execution?.complete) continue;
  // The builder's secrets statement: in a pasted policy it follows the role's own.
  const statements = [execution.policy.Statement].flat();
  const statement = statements.find((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
  if (!statement) continue;
  const resources = [statement.Resource].flat().filter((r) => r !== '*');
  if (resources.length === 0) continue;
  test(`${file}: each secret resource allows its secret and denies its neighbours`, async () => {
    for (const resource of resources) {
      // Each resource alone: another resource of the same list (prod/*) may rightly cover
      // what this one must not.
      const alone = { ...execution.policy, Statement: [{ ...statement, Resource: [resource] }] };
      for (const [secret, expected] of probes(resource)) {
        assert.equal(await decision(alone, secret), expected, `${resource} vs ${secret}`);
      }
    }
  });
}
