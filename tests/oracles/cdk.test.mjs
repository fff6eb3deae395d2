// The CDK export of every set of documents compiles with tsc against aws-cdk-lib, and what
// the CDK synthesises from it creates or attaches to exactly the roles of those documents
// and holds exactly their policies (the CDK's own rendering, tokens resolved).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli } from '../e2e/harness.mjs';

const DATA = join(ROOT, 'crates/iam-policy-core/tests/data');
// Under the repository, so `aws-cdk-lib` resolves from its node_modules.
const WORK = join(ROOT, 'target/cdk-oracle');

const IDS = ['task-role-trust-policy', 'execution-role-secrets-policy', 'task-role-permissions-policy'];
// Every set of documents an export can cover.
const SCOPES = [1, 2, 3, 4, 5, 6, 7].map((mask) => IDS.filter((_, i) => mask & (1 << i)));
const RUNNER_DOCUMENTS = ['runner-role-trust-policy', 'runner-role-permissions-policy'];

function exportCdk(request, documents) {
  const result = spawnSync(join(ROOT, 'target/release/iam-policy-builder'), ['--format', 'cdk', '--documents', documents.join(',')], {
    input: JSON.stringify(request),
    encoding: 'utf8',
  });
  if (result.status === 2 || result.error) throw new Error(result.stderr || String(result.error));
  return result.stdout;
}

// Where each stack is "deployed": not the request's region or account, so a construct that
// takes the agent's ARNs from Aws.REGION / Aws.ACCOUNT_ID resolves to ARNs the core's
// documents do not grant.
const DEPLOYED_REGION = 'zz-elsewhere-9';
const DEPLOYED_ACCOUNT = '000000000009';

/** Ref of pseudo parameters and Fn::Join, as CloudFormation resolves them in a stack
 * deployed in DEPLOYED_REGION and DEPLOYED_ACCOUNT. */
function resolve(value, target) {
  const pseudo = {
    'AWS::Partition': target.partition,
    'AWS::Region': DEPLOYED_REGION,
    'AWS::AccountId': DEPLOYED_ACCOUNT,
    'AWS::URLSuffix': target.dnsSuffix,
  };
  if (Array.isArray(value)) return value.map((v) => resolve(v, target));
  if (value && typeof value === 'object') {
    if ('Ref' in value && value.Ref in pseudo) return pseudo[value.Ref];
    if ('Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'];
      return parts.map((p) => resolve(p, target)).join(separator);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, target)]));
  }
  return value;
}

/**
 * Writes what IAM reads the same way one way: lists for single values, and one statement
 * per service principal — the CDK's CompositePrincipal gives each service its own Allow
 * statement where the Matillion docs list both in one, which grants exactly the same.
 */
function normalise(policy) {
  const list = (v) => (v === undefined ? undefined : [v].flat());
  const perService = (s) =>
    s.Principal && !s.Condition && [s.Principal.Service].flat().length > 1
      ? [s.Principal.Service].flat().map((service) => ({ ...s, Principal: { Service: service } }))
      : [s];
  return {
    Version: policy.Version,
    Statement: policy.Statement.flatMap(perService).map((s) => ({
      ...s,
      Action: list(s.Action),
      Resource: list(s.Resource),
      ...(s.Principal?.Service ? { Principal: { Service: list(s.Principal.Service) } } : {}),
      ...(s.Condition
        ? {
            Condition: Object.fromEntries(
              Object.entries(s.Condition).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, list(v)]))]),
            ),
          }
        : {}),
    })),
  };
}

test('the CDK export of every set of documents type-checks and, deployed in another region and account, synthesises exactly those documents for every golden request', () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const cases = [];
  for (const file of readdirSync(DATA).filter((f) => f.endsWith('.request.json')).sort()) {
    const request = JSON.parse(readFileSync(join(DATA, file), 'utf8'));
    const response = cli(request);
    if (response.problems.some((p) => p.severity === 'error')) continue;
    // On EKS the one role is the runner role's, written whole for either of its documents.
    for (const scope of response.target.runnerRole ? [RUNNER_DOCUMENTS] : SCOPES) {
      const module = `case${cases.length}`;
      const source = exportCdk(request, scope);
      writeFileSync(join(WORK, `${module}.ts`), source);
      cases.push({ file: `${file} / ${scope.join('+')}`, module, response, scope, source });
    }
  }
  writeFileSync(
    join(WORK, 'synth.ts'),
    [
      "import { App, Stack } from 'aws-cdk-lib';",
      // On EKS the construct is the runner role's.
      ...cases.map((c, i) => `import { ${c.response.target.runnerRole ? 'MatillionRunnerRole' : 'MatillionAgentRoles'} as Roles${i} } from './${c.module}';`),
      'const app = new App();',
      // Environment-agnostic stacks: the CDK writes the stack's region and account as
      // pseudo parameters, which resolve() then places somewhere else.
      ...cases.map((_, i) => `new Roles${i}(new Stack(app, 'Case${i}'), 'Roles');`),
      'const assembly = app.synth();',
      `console.log(JSON.stringify([${cases.map((_, i) => `assembly.getStackByName('Case${i}').template`).join(', ')}]));`,
    ].join('\n'),
  );
  writeFileSync(
    join(WORK, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, skipLibCheck: true, outDir: 'out', rootDir: '.' },
      include: ['*.ts'],
    }),
  );
  // Type errors fail here, with tsc's own messages.
  execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', WORK], { stdio: 'inherit' });
  // The repository's package.json says "module"; tsc wrote CommonJS.
  writeFileSync(join(WORK, 'out/package.json'), JSON.stringify({ type: 'commonjs' }));
  const templates = JSON.parse(execFileSync('node', [join(WORK, 'out/synth.js')], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } }));

  cases.forEach(({ file, response, scope, source }, i) => {
    const resources = Object.values(templates[i].Resources ?? {});
    const roles = resources.filter((r) => r.Type === 'AWS::IAM::Role');
    const named = (name) => roles.find((r) => r.Properties.RoleName === name)?.Properties;
    const { taskRole, executionRole } = response.target;
    const documents = Object.fromEntries(response.documents.filter((d) => scope.includes(d.id)).map((d) => [d.id, d.policy]));
    const existing = (id) => response.documents.some((d) => d.id === id && d.origin === 'existing');
    const same = (exported, id, { withoutSids = false } = {}) => {
      const strip = (policy) => (withoutSids ? { ...policy, Statement: policy.Statement.map(({ Sid, ...s }) => s) } : policy);
      assert.deepEqual(strip(normalise(resolve(exported, response.target))), strip(normalise(documents[id])), `${file}: ${id}`);
    };
    // A role the construct does not create (its policy was pasted, or only its permissions
    // policy is covered) is looked up by name (Role.fromRoleName); its inline policies are
    // AWS::IAM::Policy resources attached to that name.
    const attached = (role) =>
      resources.filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((name) => resolve(name, response.target) === role));
    if (response.target.runnerRole) {
      const { runnerRole } = response.target;
      if (existing('runner-role-trust-policy')) {
        assert.equal(named(runnerRole), undefined, `${file}: the existing runner role is created`);
        const [permissions] = attached(runnerRole);
        same(permissions.Properties.PolicyDocument, 'runner-role-permissions-policy');
      } else {
        const runner = named(runnerRole);
        // A principal takes no Sid; a Sid labels a statement and grants nothing.
        same(runner.AssumeRolePolicyDocument, 'runner-role-trust-policy', { withoutSids: true });
        same(runner.Policies[0].PolicyDocument, 'runner-role-permissions-policy');
      }
      return;
    }
    const coversTask = scope.some((id) => id.startsWith('task-role-'));
    const coversExecution = scope.includes('execution-role-secrets-policy');
    assert.equal(source.includes('public readonly taskRole:'), coversTask, `${file}: taskRole`);
    assert.equal(source.includes('public readonly executionRole:'), coversExecution, `${file}: executionRole`);
    const createsTask = scope.includes('task-role-trust-policy') && !existing('task-role-trust-policy');
    const createsExecution = coversExecution && !existing('execution-role-secrets-policy');
    assert.deepEqual(
      roles.map((r) => r.Properties.RoleName).sort(),
      [createsTask && taskRole, createsExecution && executionRole].filter(Boolean).sort(),
      `${file}: the roles created`,
    );
    const task = named(taskRole);
    // `assumedBy` takes no Sid; a Sid labels a statement and grants nothing.
    if (createsTask) same(task.AssumeRolePolicyDocument, 'task-role-trust-policy', { withoutSids: true });
    const taskPolicies = [...(task?.Policies ?? []).map((p) => p.PolicyDocument), ...attached(taskRole).map((p) => p.Properties.PolicyDocument)];
    assert.equal(taskPolicies.length, documents['task-role-permissions-policy'] ? 1 : 0, `${file}: the task role's policies`);
    if (taskPolicies.length) same(taskPolicies[0], 'task-role-permissions-policy');
    const execution = named(executionRole);
    const executionPolicies = [...(execution?.Policies ?? []).map((p) => p.PolicyDocument), ...attached(executionRole).map((p) => p.Properties.PolicyDocument)];
    assert.equal(executionPolicies.length, documents['execution-role-secrets-policy'] ? 1 : 0, `${file}: the execution role's policies`);
    if (executionPolicies.length) same(executionPolicies[0], 'execution-role-secrets-policy');
    if (createsExecution) {
      assert.deepEqual(
        execution.ManagedPolicyArns.map((arn) => resolve(arn, response.target)),
        [`arn:${response.target.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`],
      );
    }
  });
  assert.ok(cases.length >= 15 * SCOPES.length, `only ${cases.length} cases`);
});
