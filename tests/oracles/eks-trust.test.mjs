// The runner role's trust policy, for every EKS golden request, through an independent IAM
// evaluator (@cloud-copilot/iam-simulate): the listed service accounts may assume the role,
// one of another namespace, another name or another cluster may not.
//
// Pod Identity's trust is evaluated as written. IRSA's is not something the evaluator can
// judge as written: its web-identity condition keys are a fixed list of providers, and an
// EKS issuer's `oidc.eks.<region>.amazonaws.com/id/<ID>:sub` is not on it (its pattern
// forbids the `/`). So the issuer is renamed — the provider's ARN and every key's prefix,
// one name for the other throughout, in the policy and the request alike — to Cognito's
// `cognito-identity.amazonaws.com`, whose `:sub` and `:aud` it models. String conditions do
// not see what a key is called, so the decision is the one IAM makes for the real names;
// the test also checks the evaluator used the keys rather than ignoring them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { ROOT, cli } from '../e2e/harness.mjs';

const DATA = join(ROOT, 'crates/iam-policy-core/tests/data');
const STAND_IN = 'cognito-identity.amazonaws.com';

async function decide(trust, principal, action, contextVariables, roleArn) {
  const account = roleArn.split(':')[4];
  const result = await runSimulation(
    {
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trust,
      request: { principal, action, resource: { resource: roleArn, accountId: account }, contextVariables },
    },
    {},
  );
  assert.notEqual(result.resultType, 'error', JSON.stringify(result.errors));
  assert.deepEqual(result.result?.ignoredContextKeys ?? [], [], 'the evaluator ignored the condition keys');
  return result.overallResult;
}

/** The policy with one name put for another everywhere it occurs. */
function renamed(policy, from, to) {
  return JSON.parse(JSON.stringify(policy).split(from).join(to));
}

const cases = readdirSync(DATA)
  .filter((f) => f.startsWith('eks-') && f.endsWith('.request.json'))
  .sort()
  .map((file) => ({ file, request: JSON.parse(readFileSync(join(DATA, file), 'utf8')) }));

for (const { file, request } of cases) {
  const response = cli(request);
  if (response.problems.some((p) => p.severity === 'error')) continue;
  const trust = response.documents.find((d) => d.id === 'runner-role-trust-policy').policy;
  const { partition, account, runnerRole } = response.target;
  const roleArn = `arn:${partition}:iam::${account}:role/${runnerRole}`;
  const namespace = request.kubernetesNamespace ?? 'matillion';
  const accounts = request.serviceAccounts ?? ['matillion-runner-sa'];
  const concrete = (name) => name.replaceAll('*', 'x').replaceAll('?', 'y');
  const typedWildcard = /[*?]/.test(namespace) || accounts.some((a) => /[*?]/.test(a));
  const pastedPattern = response.problems.some((p) => p.code === 'web-identity-trust-too-broad');

  if (request.eksCredentials === 'pod-identity') {
    test(`${file}: Pod Identity lets EKS Auth in for the listed service accounts only`, async () => {
      const clusterArn = request.clusterName ? `arn:${partition}:eks:${response.target.region}:${account}:cluster/${request.clusterName}` : 'arn:aws:eks:eu-west-1:123456789012:cluster/any';
      const tags = (ns, sa, cluster = clusterArn) => ({
        'aws:RequestTag/kubernetes-namespace': ns,
        'aws:RequestTag/kubernetes-service-account': sa,
        'aws:RequestTag/eks-cluster-arn': cluster,
        'aws:TagKeys': ['kubernetes-namespace', 'kubernetes-service-account', 'eks-cluster-arn'],
      });
      for (const action of ['sts:AssumeRole', 'sts:TagSession']) {
        for (const sa of accounts) {
          assert.equal(await decide(trust, 'pods.eks.amazonaws.com', action, tags(concrete(namespace), concrete(sa)), roleArn), 'Allowed', `${action} ${sa}`);
          assert.equal(await decide(trust, 'pods.eks.amazonaws.com', action, tags('kube-system', concrete(sa)), roleArn), 'ImplicitlyDenied', `${action} ${sa} in kube-system`);
          if (request.clusterName) {
            assert.equal(await decide(trust, 'pods.eks.amazonaws.com', action, tags(concrete(namespace), concrete(sa), clusterArn.replace('cluster/', 'cluster/other-')), roleArn), 'ImplicitlyDenied', `${action} another cluster`);
          }
        }
        assert.equal(await decide(trust, 'pods.eks.amazonaws.com', action, tags(concrete(namespace), 'default'), roleArn), 'ImplicitlyDenied', `${action} default`);
      }
    });
    continue;
  }

  test(`${file}: IRSA lets the listed service accounts in, and no one else`, async () => {
    const issuer = response.target.issuer;
    const provider = `arn:${partition}:iam::${account}:oidc-provider/${issuer}`;
    // The provider's ARN first: it holds the issuer.
    const policy = renamed(renamed(trust, provider, STAND_IN), issuer, STAND_IN);
    const token = (subject, aud = 'sts.amazonaws.com') => ({ [`${STAND_IN}:sub`]: subject, [`${STAND_IN}:aud`]: aud });
    const assume = (subject, aud, principal = STAND_IN) => decide(policy, principal, 'sts:AssumeRoleWithWebIdentity', token(subject, aud), roleArn);
    for (const sa of accounts) {
      const subject = `system:serviceaccount:${concrete(namespace)}:${concrete(sa)}`;
      assert.equal(await assume(subject), 'Allowed', subject);
      assert.equal(await assume(subject, 'sts.amazon.com'), 'ImplicitlyDenied', `${subject} with another audience`);
      assert.equal(await assume(subject, 'sts.amazonaws.com', 'accounts.google.com'), 'ImplicitlyDenied', `${subject} from another provider`);
    }
    const outsider = `system:serviceaccount:kube-system:${concrete(accounts[0])}`;
    const expected = typedWildcard || pastedPattern ? 'Allowed' : 'ImplicitlyDenied';
    assert.equal(await assume(outsider), expected, outsider);
  });
}

test('there are IRSA and Pod Identity cases to evaluate', () => {
  assert.ok(cases.filter((c) => c.request.eksCredentials === 'pod-identity').length >= 2);
  assert.ok(cases.filter((c) => c.request.eksCredentials !== 'pod-identity').length >= 6);
});
