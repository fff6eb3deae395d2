// The runner on Amazon EKS, as a person meets it: the first question of the form is where
// the agent runs; choosing EKS asks for the cluster's issuer, the namespace and the
// service accounts and writes the runner role's trust policy (IRSA's exact :sub and :aud,
// or Pod Identity's pods.eks.amazonaws.com), and a pod's real error pasted at the top is
// read beside the box. A docs page about EKS sets the platform on its widget, which draws
// EKS's title before the wasm and keeps it once live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EKS_ISSUER, EKS_NO_PROVIDER, addWidgetFiles, cli, focused, holdWasm, openPage, pasteBoxReads, servedPage, shownDocuments,
  widgetsLive,
} from './harness.mjs';

const site = servedPage();

const HOST_PATH = EKS_ISSUER.replace('https://', '');

/** What the person types below, as a request: the CLI's answer is what the page must show. */
const TYPED = {
  platform: 'eks',
  account: '123456789012',
  region: 'eu-west-1',
  secrets: ['matillion/agent'],
  oidcIssuer: EKS_ISSUER,
  kubernetesNamespace: 'dpc',
  serviceAccounts: ['matillion-runner-sa'],
};

/** The labels of controls only the ECS form has. */
const ECS_ONLY = [
  'Task failed to start? Paste the error from the ECS console',
  'Let EC2 assume the task role too',
  "Only this account's ECS tasks may assume the task role",
  'Parameter Store parameters',
  "Also build the task role's permissions policy",
  'Task role name',
  'Task execution role name',
];

/** The labels of controls only the EKS form has. */
const EKS_ONLY = [
  "Runner pod can't get AWS credentials? Paste its error",
  'IAM roles for service accounts (IRSA)',
  "The cluster's OpenID Connect provider URL",
  'Kubernetes namespace',
  'Service accounts',
  'EKS cluster name',
];

/** How many controls with each of these labels the page has. */
async function counts(page, labels) {
  return Promise.all(labels.map((label) => page.getByLabel(label, { exact: true }).count()));
}

test('choosing Amazon EKS asks for the cluster and writes the IRSA trust with the exact :sub and :aud; Pod Identity trusts pods.eks.amazonaws.com', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  // The ECS form is as it was, with the new question above it.
  assert.ok(await page.getByLabel('ECS Fargate', { exact: true }).isChecked());
  assert.deepEqual(await counts(page, EKS_ONLY), EKS_ONLY.map(() => 0));
  await page.getByLabel('AWS account ID').fill(TYPED.account);

  await page.getByLabel('Amazon EKS', { exact: true }).check();
  await page.getByRole('heading', { level: 1, name: 'IAM policies for the Matillion agent on Amazon EKS' }).waitFor();
  // Only what EKS needs: none of the ECS-only controls, each of EKS's (the cluster's name
  // too: the commands use it either way).
  assert.deepEqual(await counts(page, ECS_ONLY), ECS_ONLY.map(() => 0));
  assert.deepEqual(await counts(page, EKS_ONLY), EKS_ONLY.map(() => 1));
  assert.equal(await page.getByRole('group', { name: 'Which secrets may the runner role read?' }).getByRole('radio').count(), 4);
  // What was typed before the switch is kept.
  assert.equal(await page.getByLabel('AWS account ID').inputValue(), TYPED.account);

  await page.getByLabel('Region', { exact: true }).fill(TYPED.region);
  await page.getByLabel('Secret names').fill(TYPED.secrets[0]);
  await page.getByLabel("The cluster's OpenID Connect provider URL").fill(TYPED.oidcIssuer);
  await page.getByLabel('Kubernetes namespace').fill(TYPED.kubernetesNamespace);
  await page.getByLabel('Service accounts', { exact: true }).fill(TYPED.serviceAccounts[0]);
  const trustCard = page.locator('pre[data-document="runner-role-trust-policy"]');
  await trustCard.filter({ hasText: ':dpc:' }).waitFor();
  const irsa = await shownDocuments(page);
  assert.deepEqual(Object.keys(irsa), ['runner-role-trust-policy', 'runner-role-permissions-policy']);
  const [statement] = irsa['runner-role-trust-policy'].Statement;
  assert.equal(statement.Action, 'sts:AssumeRoleWithWebIdentity');
  assert.deepEqual(statement.Principal, { Federated: `arn:aws:iam::123456789012:oidc-provider/${HOST_PATH}` });
  assert.deepEqual(statement.Condition, {
    StringEquals: {
      [`${HOST_PATH}:aud`]: 'sts.amazonaws.com',
      [`${HOST_PATH}:sub`]: 'system:serviceaccount:dpc:matillion-runner-sa',
    },
  });
  for (const document of cli(TYPED).documents) assert.deepEqual(irsa[document.id], document.policy, document.id);

  await page.getByLabel('EKS Pod Identity', { exact: true }).check();
  await trustCard.filter({ hasText: 'pods.eks.amazonaws.com' }).waitFor();
  assert.equal(await page.getByLabel("The cluster's OpenID Connect provider URL").count(), 0);
  // Said under the choice, where it was made.
  const credentials = page.getByRole('group', { name: "How do the runner's pods get AWS credentials?" });
  await credentials.getByText(/EKS Pod Identity does not work for pods on Fargate/).waitFor();
  const pod = await shownDocuments(page);
  const [podStatement] = pod['runner-role-trust-policy'].Statement;
  assert.deepEqual(podStatement.Principal, { Service: 'pods.eks.amazonaws.com' });
  assert.deepEqual(podStatement.Action, ['sts:AssumeRole', 'sts:TagSession']);
  assert.deepEqual(podStatement.Condition.StringEquals, {
    'aws:RequestTag/kubernetes-namespace': 'dpc',
    'aws:RequestTag/kubernetes-service-account': 'matillion-runner-sa',
  });
  for (const document of cli({ ...TYPED, eksCredentials: 'pod-identity' }).documents) {
    assert.deepEqual(pod[document.id], document.policy, document.id);
  }

  // And back: the ECS form, its documents, the account still there.
  await page.getByLabel('ECS Fargate', { exact: true }).check();
  await page.getByRole('heading', { level: 1, name: 'IAM policies for the Matillion agent on ECS Fargate' }).waitFor();
  assert.deepEqual(Object.keys(await shownDocuments(page)), ['task-role-trust-policy', 'execution-role-secrets-policy']);
  assert.deepEqual(await counts(page, EKS_ONLY), EKS_ONLY.map(() => 0));
  assert.equal(await page.getByLabel('AWS account ID').inputValue(), TYPED.account);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('a link to the EKS form opens the EKS form', async () => {
  const link = `/#ipb=1&platform=eks&account=123456789012&region=eu-west-1&secrets=matillion/agent&issuer=${encodeURIComponent(EKS_ISSUER)}&ns=dpc&eksauth=irsa`;
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, { path: link });
  await page.getByRole('heading', { level: 1, name: 'IAM policies for the Matillion agent on Amazon EKS' }).waitFor();
  assert.ok(await page.getByLabel('Amazon EKS', { exact: true }).isChecked());
  assert.equal(await page.getByLabel("The cluster's OpenID Connect provider URL").inputValue(), EKS_ISSUER);
  const { documents } = cli(TYPED);
  const shown = await shownDocuments(page);
  for (const document of documents) assert.deepEqual(shown[document.id], document.policy, document.id);
  assert.deepEqual(trouble(), []);
  await context.close();
});

/** A docs page about EKS: a widget with the platform set, its choice not offered. */
const EKS_WIDGET = {
  iamPolicyBuilder: '',
  platform: 'eks',
  options: 'eks-credentials eks-error secret-scope existing-roles',
  documents: 'runner-role-trust-policy runner-role-permissions-policy',
};

/** Opens the examples' index with an EKS widget added, its wasm held back until release(). */
async function eksWidget() {
  const opened = await openPage(site.browser, site.server.origin, { path: '/examples/index.html', ready: async () => {} });
  const release = await holdWasm(opened.page);
  await opened.page.evaluate((settings) => {
    const element = document.createElement('div');
    Object.assign(element.dataset, settings);
    document.body.append(element);
  }, EKS_WIDGET);
  await addWidgetFiles(opened.page);
  return { ...opened, release };
}

for (const [where, open] of [
  ['the page', async () => {
    const opened = await openPage(site.browser, site.server.origin);
    await opened.page.getByLabel('Amazon EKS', { exact: true }).check();
    return opened;
  }],
  ["an EKS docs page's widget", async () => {
    const opened = await eksWidget();
    opened.release();
    await widgetsLive(opened.page);
    return opened;
  }],
]) {
  test(`in ${where}, a real pod's error pasted is read beside the box, announced, and leads to the diagnosis`, async () => {
    const { page, context, trouble } = await open();
    const box = page.getByLabel("Runner pod can't get AWS credentials? Paste its error");
    await box.fill(EKS_NO_PROVIDER);
    // Said right under the box, in a polite status line the box names as its description.
    const status = await pasteBoxReads(page, box, "Read: The cluster's OIDC provider is not registered in IAM.");
    // The form is filled from the error, and says so.
    assert.equal(await page.getByLabel('Region', { exact: true }).inputValue(), 'eu-west-2');
    assert.equal(await page.getByLabel("The cluster's OpenID Connect provider URL").inputValue(), 'oidc.eks.eu-west-2.amazonaws.com/id/8175BB95BF8BEEDA432DDA4146DAD965');
    await page.getByText('The pasted error names the region eu-west-2.').waitFor();
    // To the diagnosis card, by script: a fragment link cannot reach into a shadow root.
    await status.getByRole('link', { name: 'Go to the diagnosis' }).click();
    assert.match(await focused(page), /^section\..*ipb__diagnosis/);
    const commands = await page.locator('.ipb__diagnosis code').allInnerTexts();
    assert.ok(commands.some((c) => c.includes('eks.amazonaws.com') || c.includes('oidc')), commands.join('\n'));
    // Text that is no EKS error is invalid, and says so at once, without leaving the box.
    await box.fill('hello, this is not an error');
    await status.getByText(/does not recognise this text as an IRSA or EKS Pod Identity error/).waitFor();
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(trouble(), []);
    await context.close();
  });
}

test("a docs page's EKS widget draws EKS's title before the wasm, keeps it once live, and offers no platform choice", async () => {
  const { page, context, trouble, release } = await eksWidget();
  const host = page.locator('[data-iam-policy-builder]');
  const title = host.getByRole('heading', { level: 2 });
  await page.locator('[data-ipb-loading]').waitFor();
  assert.equal(await title.textContent(), 'IAM policies for the Matillion agent on Amazon EKS');
  const before = await host.locator('.ipb__intro').textContent();
  assert.match(before, /runner role's trust policy/);
  release();
  await widgetsLive(page);
  assert.equal(await title.textContent(), 'IAM policies for the Matillion agent on Amazon EKS');
  assert.equal(await host.locator('.ipb__intro').textContent(), before);
  assert.equal(await page.getByLabel('Amazon EKS', { exact: true }).count(), 0);
  assert.ok(await page.getByLabel('IAM roles for service accounts (IRSA)', { exact: true }).isChecked());
  assert.deepEqual(trouble(), []);
  await context.close();
});
