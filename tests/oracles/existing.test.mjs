// The fixed secrets policies, put to an independent evaluator: for every golden request
// with a pasted secrets policy, @cloud-copilot/iam-simulate allows each secret, key and
// parameter the fix was to allow — a real secret ARN for each, with its own suffix — and
// still allows what the pasted policy allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli } from '../e2e/harness.mjs';
import { simulate } from './iam-simulate.mjs';

const DATA = join(ROOT, 'crates/iam-policy-core/tests/data');

/** A real ARN the resource stands for: `-??????` a suffix, `*` a name part. */
const probe = (resource) => resource.replace(/\?{6}$/, 'AbC123').replace(/\?/g, 'a').replace(/\*/g, 'x');

for (const file of readdirSync(DATA).filter((f) => f.endsWith('.request.json')).sort()) {
  const request = JSON.parse(readFileSync(join(DATA, file), 'utf8'));
  if (!request.existingSecretsPolicy) continue;
  const response = cli(request);
  const fixed = response.documents.find((d) => d.id === 'execution-role-secrets-policy' && d.origin === 'existing');
  if (!fixed) continue;
  test(`${file}: iam-simulate allows what the fixed policy must, and all the pasted one did`, async () => {
    for (const access of response.access) {
      if (access.before === 'explicitly-denied' || access.before === 'conditional') continue;
      // The builder's own KMS statement is conditioned on kms:ViaService, which an empty
      // request context does not satisfy.
      if (access.action === 'kms:Decrypt') continue;
      const resource = probe(access.resource);
      const after = await simulate({ policy: fixed.policy, action: access.action, resource });
      assert.equal(after, 'Allowed', `${access.entry}: ${access.action} on ${resource}`);
      if (access.before === 'allowed') {
        const before = await simulate({ policy: JSON.parse(request.existingSecretsPolicy), action: access.action, resource });
        assert.equal(before, 'Allowed', `${access.entry} was reported allowed before the fix`);
      } else {
        const before = await simulate({ policy: JSON.parse(request.existingSecretsPolicy), action: access.action, resource });
        assert.notEqual(before, 'Allowed', `${access.entry} was reported ${access.before} before the fix`);
      }
    }
  });
}
