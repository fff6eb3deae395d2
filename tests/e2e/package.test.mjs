// The npm package in pkg/, used from Node as a docs build script would: build() answers
// every golden request exactly as the CLI does, exportAs() matches the CLI's --format,
// misuse throws a message that says what to pass, and the TypeScript types accept every
// golden request and response as written (and refuse what is not a request).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, cli, cliExport } from './harness.mjs';

const PKG = join(ROOT, 'pkg');
const GOLDEN = join(ROOT, 'crates/iam-policy-core/tests/data');
const { default: init, build, exportAs } = await import(join(PKG, 'iam_policy_builder.js'));
await init({ module_or_path: readFileSync(join(PKG, 'iam_policy_builder_bg.wasm')) });

const goldens = readdirSync(GOLDEN)
  .filter((file) => file.endsWith('.request.json'))
  .map((file) => ({
    name: file.replace('.request.json', ''),
    request: JSON.parse(readFileSync(join(GOLDEN, file), 'utf8')),
    response: JSON.parse(readFileSync(join(GOLDEN, file.replace('.request', '.response')), 'utf8')),
  }));

test('there are golden requests to compare', () => {
  assert.ok(goldens.length >= 20, `${goldens.length} golden requests`);
});

for (const { name, request, response } of goldens) {
  test(`build() answers the ${name} request as the CLI does`, () => {
    const built = build(request);
    assert.deepEqual(built, cli(request));
    assert.deepEqual(built, response);
  });
}

test('exportAs() writes each format as the CLI does', () => {
  const { request } = goldens.find((golden) => golden.name === 'china');
  for (const format of ['json', 'aws-cli', 'cloudformation', 'cloudformation-json', 'terraform', 'cdk']) {
    const exported = exportAs(request, format);
    assert.equal(exported.format, format);
    assert.match(exported.fileName, /^matillion-agent-/);
    assert.equal(exported.text, cliExport(request, format), format);
  }
});

test('exportAs() of some documents writes only their roles, as the CLI does', () => {
  const { request } = goldens.find((golden) => golden.name === 'option-task-role-policy');
  const ids = ['task-role-trust-policy', 'execution-role-secrets-policy', 'task-role-permissions-policy'];
  // Every non-empty set of documents, as a list and as mount()'s text.
  const scopes = [1, 2, 3, 4, 5, 6, 7].map((mask) => ids.filter((_, i) => mask & (1 << i)));
  for (const documents of scopes) {
    for (const format of ['aws-cli', 'cloudformation', 'cloudformation-json', 'terraform', 'cdk']) {
      const expected = cliExport(request, format, documents);
      assert.equal(exportAs(request, format, documents).text, expected, `${format} of ${documents}`);
      assert.equal(exportAs(request, format, documents.join(', ')).text, expected, `${format} of "${documents}"`);
    }
  }
  const secretsOnly = exportAs(request, 'terraform', ['execution-role-secrets-policy']).text;
  assert.doesNotMatch(secretsOnly, /agent_task/);
  assert.equal(exportAs(request, 'terraform').text, cliExport(request, 'terraform'));
  assert.equal(exportAs(request, 'terraform', undefined).text, cliExport(request, 'terraform'));
});

test('misuse throws an Error that says what to pass', () => {
  assert.throws(() => build(), {
    message: /^build\(\): the request must be an object such as \{ account: "123456789012"/,
  });
  assert.throws(() => build('eu-west-1'), { message: /^build\(\): the request must be an object/ });
  assert.throws(() => build({ acount: '123456789012' }), {
    message: /^build\(\): the request is not valid: unknown field `acount`, expected one of `account`/,
  });
  assert.throws(() => build({ secrets: 'matillion/agent' }), {
    message: /^build\(\): the request is not valid: invalid type: string "matillion\/agent", expected a sequence/,
  });
  assert.throws(() => exportAs({}, 'pulumi'), { message: /^exportAs\(\): unknown format “pulumi” — use one of json, aws-cli/ });
  assert.throws(() => exportAs({}, 'terraform', ['trust-policy']), {
    message: /^exportAs\(\): documents: unknown document “trust-policy” — use one of task-role-trust-policy, execution-role-secrets-policy, task-role-permissions-policy, runner-role-trust-policy, runner-role-permissions-policy$/,
  });
  assert.throws(() => exportAs({}, 'terraform', []), { message: /^exportAs\(\): documents: no document named — name at least one of task-role-trust-policy/ });
  assert.throws(() => exportAs({}, 'terraform', [1]), { message: /^exportAs\(\): documents must be a list of document ids/ });
});

test('bad values are problems in the answer, never a throw', () => {
  const answer = build({ account: '1234', region: 'eu-wset-1', secrets: ['matillion/agent'] });
  assert.deepEqual(
    answer.problems.filter((p) => p.severity === 'error').map((p) => [p.field, p.code]),
    [['account', 'account-length'], ['region', 'region-unknown']],
  );
  assert.equal(answer.documents.length, 2);
});

test('the manifest exports only files the package has', () => {
  const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'iam-policy-builder');
  assert.equal(manifest.type, 'module');
  const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  for (const file of [...manifest.files, ...targets]) {
    assert.ok(existsSync(join(PKG, file)), `pkg/${file}`);
  }
  assert.match(readFileSync(join(PKG, 'README.md'), 'utf8'), /^# iam-policy-builder\n/);
});

test('the packed tarball installs and works by its package name, as the README shows', () => {
  const project = join(tmpdir(), `ipb-npm-${process.pid}`);
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  const run = (command, args, cwd) => {
    const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
    assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  try {
    const tarball = run('npm', ['pack', '--silent', '--pack-destination', project], PKG).trim().split('\n').pop();
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'docs-site', private: true, type: 'module' }));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(project, tarball)], project);
    // The README's Node example, as a docs build script would run it.
    writeFileSync(join(project, 'build-docs.mjs'), `import { readFile } from 'node:fs/promises';
import init, { build } from 'iam-policy-builder';
await init({
  module_or_path: await readFile(new URL(import.meta.resolve('iam-policy-builder/iam_policy_builder_bg.wasm'))),
});
const response = build({ account: '123456789012', region: 'eu-west-1', secrets: ['matillion/agent'] });
console.log(JSON.stringify(response.documents[1].policy.Statement[0].Resource));
`);
    const printed = run('node', ['build-docs.mjs'], project);
    assert.equal(printed.trim(), '["arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????"]');
    for (const file of ['widget.js', 'iam-policy-builder.css', 'README.md', 'iam_policy_builder.d.ts']) {
      assert.ok(existsSync(join(project, 'node_modules/iam-policy-builder', file)), file);
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

/** Runs tsc over TypeScript sources written to target/ts-check; returns its output. */
function typeCheck(files) {
  const dir = join(ROOT, 'target/ts-check');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  const result = spawnSync(
    join(ROOT, 'node_modules/.bin/tsc'),
    ['--noEmit', '--strict', '--exactOptionalPropertyTypes', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--lib', 'es2022,esnext.disposable,dom', ...Object.keys(files).map((name) => join(dir, name))],
    { encoding: 'utf8' },
  );
  return { status: result.status, output: result.stdout + result.stderr };
}

const IMPORT = "import type { BuildRequest, BuildResponse, MountOptions, ExportResult } from '../../pkg/iam_policy_builder.js';\n";

// Every type the package exports, used as a program that reads a response would: if the
// generated declaration lost or renamed one, or a union fell behind what the builder
// accepts, this stops compiling.
const USAGE = `import type {
  Access, AccessDecision, BuildRequest, BuildResponse, Control, Diagnosis, DiagnosisCause, DiagnosisStep,
  DocumentId, ExistingPolicy, ExportFormat, ExportResult, ExportTab, FieldValue, Fix, HeadingLevel,
  IamPolicy, IamPrincipal, IamStatement, MountOptions, NewPolicy, NewStatement, Origin, Placement,
  PolicyDocumentEntry, PolicyKind, Problem, ProblemCode, ProblemField, SecretScope, Severity, Size,
  Target, Theme,
} from '../../pkg/iam_policy_builder.js';
import init, { build, exportAs, mount } from '../../pkg/iam_policy_builder.js';
await init();
const scope: SecretScope = 'prefix';
const request: BuildRequest = { account: '123456789012', secrets: ['a'], secretScope: scope, ecsError: 'AccessDeniedException' };
const answer: BuildResponse = build(request);
const code: ProblemCode | undefined = answer.problems[0]?.code;
const severities: Severity[] = answer.problems.map((problem: Problem) => problem.severity);
const fix: Fix | undefined = answer.problems.find((problem) => problem.fix !== undefined)?.fix;
const set: FieldValue[] = fix?.set ?? [];
const fields: ProblemField[] = set.map((value) => value.field);
const diagnosis: Diagnosis | undefined = answer.diagnosis;
const cause: DiagnosisCause | undefined = diagnosis?.cause;
const steps: DiagnosisStep[] = diagnosis?.steps ?? [];
const commands: string[] = steps.flatMap((step) => (step.command === undefined ? [] : [step.command]));
const decisions: AccessDecision[] = (answer.access ?? []).map((access: Access) => access.before);
const target: Target = answer.target;
const account: string | null = target.account;
const statements: (NewStatement | IamStatement)[] = [];
for (const entry of answer.documents) {
  const document: PolicyDocumentEntry = entry;
  const id: DocumentId = document.id;
  const kind: PolicyKind = document.kind;
  const origin: Origin = document.origin;
  const placement: Placement = document.placement;
  const size: Size = document.size;
  const policy: IamPolicy = document.policy;
  statements.push(...(Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]));
  const over: boolean = size.characters > size.limit;
  export_(id, kind, origin, placement.steps, over);
}
const written: NewPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs-tasks.amazonaws.com' } }] };
const anyone: IamPrincipal = { AWS: '*' };
const pasted: ExistingPolicy = { Id: 'trust', Statement: { Effect: 'Deny', NotPrincipal: anyone, NotAction: 'sts:TagSession' } };
const tab: ExportTab = 'terraform';
const format: ExportFormat = tab;
const exported: ExportResult = exportAs(request, format);
const secretsOnly: ExportResult = exportAs(request, 'cdk', ['execution-role-secrets-policy']);
const asText: ExportResult = exportAs(request, 'cdk', 'task-role-trust-policy task-role-permissions-policy');
const notReady: string | undefined = exported.notReady ?? secretsOnly.notReady;
const placeholders: boolean = exported.placeholders || asText.placeholders;
const control: Control = 'ecs-error';
const theme: Theme = 'dark';
const headingLevel: HeadingLevel = 3;
const options: MountOptions = { secrets: ['a', 'b'], documents: ['task-role-trust-policy'], options: [control, 'kms-keys'], exports: [tab], theme, headingLevel, compact: true };
const widget = mount(document.body, options);
const warnings: string[] = widget.warnings;
widget.destroy();
mount(document.body, { options: 'none', fromUrl: true });
mount(document.body);
function export_(...seen: unknown[]): void { void seen; }
export { code, severities, fields, cause, commands, decisions, account, written, pasted, exported, notReady, placeholders, warnings };
`;

test('the TypeScript types describe every golden request and response exactly', () => {
  const files = {};
  for (const { name, request, response } of goldens) {
    files[`${name}.mts`] = `${IMPORT}
export const request: BuildRequest = ${JSON.stringify(request, null, 2)};
export const response: BuildResponse = ${JSON.stringify(response, null, 2)};
`;
  }
  files['usage.mts'] = USAGE;
  // The React component, as a React site's page uses it.
  files['react.mts'] = `import { createElement } from 'react';
import { IamPolicyBuilder, type IamPolicyBuilderProps } from '../../pkg/react.js';
const props: IamPolicyBuilderProps = { region: 'eu-west-1', secrets: ['matillion/agent'], compact: true, className: 'builder', style: { marginBlock: '2em' } };
export const element = createElement(IamPolicyBuilder, props);
`;
  const checked = typeCheck(files);
  assert.equal(checked.status, 0, checked.output);
});

test('the TypeScript types refuse what the core would refuse', () => {
  const checked = typeCheck({
    'wrong.mts': `${IMPORT}
export const misspelt: BuildRequest = { acount: '123456789012' };
export const scope: BuildRequest = { secretScope: 'everything' };
export const theme: MountOptions = { theme: 'purple' };
export const level: MountOptions = { headingLevel: 6 };
export const control: MountOptions = { options: ['advanced'] };
export const tab: MountOptions = { exports: ['json'] };
export const response: BuildResponse = { documents: [], problems: [], target: { partition: 'aws' } };
export const decided: ExportResult = { format: 'pulumi', fileName: 'x', text: '' };
import { exportAs } from '../../pkg/iam_policy_builder.js';
export const documents = exportAs({}, 'terraform', ['trust-policy']);
`,
    'wrong-react.mts': `import type { IamPolicyBuilderProps } from '../../pkg/react.js';
export const props: IamPolicyBuilderProps = { headingLevel: 9 };
`,
  });
  assert.notEqual(checked.status, 0);
  assert.match(checked.output, /'acount' does not exist in type 'BuildRequest'/);
  assert.match(checked.output, /Type '"everything"' is not assignable to type 'SecretScope/);
  assert.match(checked.output, /Type '"purple"' is not assignable to type 'Theme'/);
  assert.match(checked.output, /Type '6' is not assignable to type 'HeadingLevel'/);
  assert.match(checked.output, /Type '"advanced"' is not assignable to type 'Control'/);
  assert.match(checked.output, /Type '"json"' is not assignable to type 'ExportTab'/);
  assert.match(checked.output, /missing the following properties from type 'Target': dnsSuffix, region, account, taskRole/);
  assert.match(checked.output, /Type '"pulumi"' is not assignable to type 'ExportFormat'/);
  assert.match(checked.output, /Type '"trust-policy"' is not assignable to type 'DocumentId'/);
  assert.match(checked.output, /wrong-react.mts.*Type '9' is not assignable/);
});
