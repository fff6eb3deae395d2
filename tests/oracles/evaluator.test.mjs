// The core's IAM evaluator against an independent one, @cloud-copilot/iam-simulate, on
// 10,000 generated policy/request pairs (crates/iam-policy-core/examples/evaluator_cases.rs
// says which pieces it draws from). Every pair the core decides must be decided the same
// way; the pairs it calls conditional (a Condition or a policy variable, which the oracle
// decides against an empty request context) are counted and left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { simulate } from './iam-simulate.mjs';
import { ROOT } from '../e2e/harness.mjs';

const PAIRS = 10_000;

function generatedPairs() {
  const lines = execFileSync(
    'cargo',
    ['run', '--quiet', '--release', '-p', 'iam-policy-core', '--example', 'evaluator_cases', '--', String(PAIRS)],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 },
  );
  return lines.trim().split('\n').map((line) => JSON.parse(line));
}

test(`the core evaluator agrees with iam-simulate on ${PAIRS.toLocaleString('en')} generated pairs`, async () => {
  const pairs = generatedPairs();
  assert.equal(pairs.length, PAIRS);
  const disagreements = [];
  let conditional = 0;
  const decided = { Allowed: 0, ImplicitlyDenied: 0, ExplicitlyDenied: 0 };
  for (const pair of pairs) {
    if (pair.core === 'Conditional') {
      conditional++;
      continue;
    }
    const theirs = await simulate(pair);
    if (theirs !== pair.core) disagreements.push({ ...pair, oracle: theirs });
    else decided[theirs]++;
  }
  console.log(
    `evaluator: ${PAIRS - conditional - disagreements.length} agree (${decided.Allowed} allowed, ${decided.ImplicitlyDenied} implicitly denied, ${decided.ExplicitlyDenied} explicitly denied), ${conditional} conditional, ${disagreements.length} disagree`,
  );
  assert.deepEqual(disagreements.slice(0, 5), []);
  // The generator must reach every outcome, or the agreement proves little.
  for (const [outcome, count] of Object.entries(decided)) assert.ok(count > 500, `only ${count} ${outcome}`);
});
