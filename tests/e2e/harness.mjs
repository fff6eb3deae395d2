// Shared by the end-to-end tests: serve dist/ on loopback, launch Debian's Chromium,
// and record anything a person would call broken (console errors, off-origin requests).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Serves a built site (dist/ by default) on 127.0.0.1 at a free port; resolves to { origin, close }. */
export function serveDist(dir = join(ROOT, 'dist'), options = {}) {
  return serve(dir, 0, options);
}

/**
 * For a test file: serves dist/ and starts Chromium before its tests, stops both after.
 * Returns an object whose `server` and `browser` are set once the tests run.
 */
export function servedPage() {
  const shared = {};
  before(async () => {
    shared.server = await serveDist();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/** Debian's Chromium, which every browser run here starts. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Its flags: root needs --no-sandbox; the rest keep it off the network. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chromium from Debian's package, with the flags that keep it off the network. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/**
 * Waits until the page's builder is live: its form is on screen and, on the standalone
 * page (pre-rendered, so the form shows before the wasm), hydrated — `#app` is no longer
 * aria-busy.
 */
export async function builderLive(page) {
  await page.getByLabel('AWS account ID').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('main#app[aria-busy]'));
}

/**
 * Waits until every widget in `scope` (a page, or a frame's locator) is live: mounted, and
 * not the build-time pre-render the iframe page shows before its wasm (which has the
 * fields too, with the defaults rather than the settings).
 */
export async function widgetsLive(scope) {
  await scope.locator('[data-ipb-prerendered]').first().waitFor({ state: 'detached' });
  await scope.locator('[data-iam-policy-builder][aria-busy]').first().waitFor({ state: 'detached' });
  await scope.getByLabel('AWS account ID').first().waitFor();
}

/**
 * Opens the page and records every console error and warning, uncaught exception,
 * Content Security Policy violation (in any frame) and request that leaves the origin;
 * `trouble()` lists them, `logged()` the page's console.log lines. `ready` waits for
 * what the page must show before a test starts; `init` are functions run in every
 * document before the page's scripts; `viewport` the window's size, as on a phone.
 */
export async function openPage(
  browser,
  origin,
  {
    permissions = [],
    path = '/',
    ready = builderLive,
    init = [],
    viewport = undefined,
  } = {},
) {
  const context = await browser.newContext({ permissions, ...(viewport && { viewport }) });
  // Scripts of the test's own (`init`), run in every document before the page's.
  for (const script of init) await context.addInitScript(script);
  // Playwright's init scripts are exempt from the page's CSP; the listener reports through
  // the console, which is recorded below.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
    });
  });
  const page = await context.newPage();
  const trouble = [];
  const logged = [];
  page.on('console', (message) => {
    if (message.type() === 'log') logged.push(message.text());
    if (message.type() === 'error' || message.type() === 'warning') {
      trouble.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => trouble.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) {
      trouble.push(`request off the origin: ${request.url()}`);
    }
  });
  await page.goto(origin + path);
  await ready(page);
  return { page, context, trouble: () => trouble, logged: () => logged };
}

/**
 * Holds back every wasm response of `page` (a slow connection, as long as the test needs);
 * resolves to the function that lets them through.
 */
export async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** The fenced code block after `<!-- snippet: name -->` in the README: what docs authors copy. */
export function readmeSnippet(name) {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const found = readme.match(new RegExp(`<!-- snippet: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``));
  if (!found) throw new Error(`README.md has no "${name}" snippet`);
  return found[1];
}

/** The CLI's answer for a request: what the page must agree with. */
export function cli(request) {
  const result = spawnSync(join(ROOT, 'target/release/iam-policy-builder'), ['--compact'], {
    input: JSON.stringify(request),
    encoding: 'utf8',
  });
  if (result.status === 2 || result.error) throw new Error(result.stderr || String(result.error));
  return JSON.parse(result.stdout);
}

/** The CLI's export of a request in one format, as text. */
/** The CLI's export of `request` as `format`, of only `documents` (ids) when given. */
export function cliExport(request, format, documents) {
  const only = documents ? ['--documents', documents.join(' ')] : [];
  const result = spawnSync(join(ROOT, 'target/release/iam-policy-builder'), ['--format', format, ...only], {
    input: JSON.stringify(request),
    encoding: 'utf8',
  });
  if (result.status === 2 || result.error) throw new Error(result.stderr || String(result.error));
  return result.stdout;
}

/** The documents the page shows, parsed, keyed by id. */
export async function shownDocuments(page) {
  const shown = {};
  for (const pre of await page.locator('pre[data-document]').all()) {
    shown[await pre.getAttribute('data-document')] = JSON.parse(await pre.textContent());
  }
  return shown;
}

/** A state the layout and accessibility checks share: 300 long names under one path, too
 * many for one policy, with the error's "Use the prefix …" fix on screen. */
export async function tooManySecrets(page) {
  await page.getByLabel('AWS account ID').fill('123456789012');
  await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
  const names = Array.from({ length: 300 }, (_, i) => `matillion/a-rather-long-team-name/production/${i}-agent-client-credentials`);
  await page.getByLabel('Secret names').fill(names.join('\n'));
  await page.getByRole('button', { name: /^Use the prefix / }).first().waitFor();
}

/** Matillion ETL's EC2 role's trust policy, as the console's editor shows it. */
export const ETL_TRUST_POLICY = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {
                "Service": "ec2.amazonaws.com"
            },
            "Action": "sts:AssumeRole"
        }
    ]
}`;

/** A hand-written execution-role policy that grants nothing: a secret ARN without its
 * suffix, another in the wrong region, beside a statement that has nothing to do with it. */
export const BROKEN_SECRETS_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Logs", "Effect": "Allow", "Action": "logs:CreateLogStream", "Resource": "*" },
    {
      "Sid": "Secrets",
      "Effect": "Allow",
      "Action": "secretsmanager:GetSecretValue",
      "Resource": [
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent",
        "arn:aws:secretsmanager:eu-west-2:123456789012:secret:prod/db-??????"
      ]
    }
  ]
}`;

/** What existingRoles() types, as a request: the CLI's answer is what the page must show. */
export const REUSED_ROLES = {
  account: '123456789012',
  region: 'eu-west-1',
  secrets: ['matillion/agent', 'prod/db'],
  taskRoleName: 'matillion-etl-instance-role',
  existingTrustPolicy: ETL_TRUST_POLICY,
  existingSecretsPolicy: BROKEN_SECRETS_POLICY,
};

/** Both roles reused, typed as REUSED_ROLES says: the ETL role's trust policy and a broken
 * secrets policy pasted. */
export async function existingRoles(page) {
  await page.getByLabel('AWS account ID').fill(REUSED_ROLES.account);
  await page.getByLabel('Region', { exact: true }).fill(REUSED_ROLES.region);
  await page.getByLabel('Secret names').fill(REUSED_ROLES.secrets.join('\n'));
  await page.getByLabel(/A role I already have, such as Matillion ETL/).check();
  await page.getByLabel('Task role name').fill(REUSED_ROLES.taskRoleName);
  await page.getByLabel("The task role's current trust policy").fill(REUSED_ROLES.existingTrustPolicy);
  await page.getByLabel(/A role I already have: check and fix/).check();
  await page.getByLabel("The execution role's current secrets policy").fill(REUSED_ROLES.existingSecretsPolicy);
  await page.getByText('What your policy granted before the fix').waitFor();
}

/** What a stopped task shows when its execution role may not read its secret. */
export const ECS_ACCESS_DENIED = 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-Xy12Ab from secrets manager: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/matillion-agent-exec/4f1b6c0e is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-Xy12Ab because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: 3f2a9c1e';

/** The ECS error pasted into an empty page. */
export async function pastedEcsError(page) {
  await page.getByLabel('Task failed to start? Paste the error from the ECS console').fill(ECS_ACCESS_DENIED);
  await page.getByRole('heading', { name: "The task's execution role may not read a secret" }).waitFor();
}

/** One entry of the real-world corpus (crates/iam-policy-core/tests/data/real/, each
 * verbatim with its source), found by its source. */
export function realEntry(file, source) {
  const entries = JSON.parse(readFileSync(join(ROOT, 'crates/iam-policy-core/tests/data/real', file), 'utf8'));
  const entry = entries.find((e) => e.source === source);
  if (!entry) throw new Error(`${file} has no entry from ${source}`);
  return entry;
}

/** A cluster's OpenID Connect provider URL as the EKS console shows it (AWS's own
 * placeholder id, which AWS's docs use in every IRSA example). */
export const EKS_ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

/** What eksIrsa() types, as a request: the CLI's answer is what the page must show. */
export const EKS_IRSA = {
  platform: 'eks',
  account: '123456789012',
  region: 'eu-west-1',
  secrets: ['matillion/agent'],
  oidcIssuer: EKS_ISSUER,
  kubernetesNamespace: 'matillion-dpc',
  serviceAccounts: ['matillion-runner-sa', 'matillion-runner-script-runner-sa'],
};

/** Amazon EKS chosen, and the runner's account, region, secret, the cluster's issuer, the
 * namespace and the service accounts typed, as EKS_IRSA says. */
export async function eksIrsa(page) {
  await page.getByLabel('Amazon EKS', { exact: true }).check();
  await page.getByLabel('AWS account ID').fill(EKS_IRSA.account);
  await page.getByLabel('Region', { exact: true }).fill(EKS_IRSA.region);
  await page.getByLabel('Secret names').fill(EKS_IRSA.secrets.join('\n'));
  await page.getByLabel("The cluster's OpenID Connect provider URL").fill(EKS_IRSA.oidcIssuer);
  await page.getByLabel('Kubernetes namespace').fill(EKS_IRSA.kubernetesNamespace);
  await page.getByLabel('Service accounts', { exact: true }).fill(EKS_IRSA.serviceAccounts.join('\n'));
  await page.locator('pre[data-document="runner-role-trust-policy"]').filter({ hasText: 'matillion-dpc' }).waitFor();
}

/** eksIrsa(), then EKS Pod Identity chosen, a cluster named, and the advanced options (the
 * KMS key, the runtime secrets and staging buckets the runner role's policy grants) in use. */
export async function eksPodIdentity(page) {
  await eksIrsa(page);
  await page.getByLabel('EKS Pod Identity', { exact: true }).check();
  await page.getByLabel('EKS cluster name').fill('matillion-production-cluster');
  await page.getByText('Advanced options').click();
  await page.getByLabel('Customer managed KMS keys').fill('1234abcd-12ab-34cd-56ef-1234567890ab');
  await page.getByLabel('Secrets pipelines read at run time').fill('matillion/pipelines/snowflake-password');
  await page.getByLabel('S3 staging buckets').fill('s3://my-staging-bucket/matillion/');
  await page.locator('pre[data-document="runner-role-trust-policy"]').filter({ hasText: 'pods.eks.amazonaws.com' }).waitFor();
}

/** The trust policy IAM's console wizard gives a web-identity role: the audience, no subject. */
export const EKS_WIZARD_TRUST_POLICY = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {
                "Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
            },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {
                    "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud": "sts.amazonaws.com"
                }
            }
        }
    ]
}`;

/** eksIrsa(), then the runner role said to exist, named, and its trust policy (the console
 * wizard's) pasted to merge into. */
export async function eksExistingRunnerRole(page) {
  await eksIrsa(page);
  await page.getByLabel(/A role I already have: add the runner's service accounts/).check();
  await page.getByLabel('Runner role name').fill('dpc-runner-role');
  await page.getByLabel("The runner role's current trust policy").fill(EKS_WIZARD_TRUST_POLICY);
  await page.getByRole('article', { name: 'Runner role trust policy' }).locator('.ipb__changes').waitFor();
}

/** A real runner pod's error (opencost/opencost#1217): IAM has no provider for the issuer. */
export const EKS_NO_PROVIDER = realEntry('eks-errors.json', 'github:opencost/opencost#1217').text;

/** Amazon EKS chosen in an empty page, and the pod's error pasted. */
export async function pastedEksError(page) {
  await page.getByLabel('Amazon EKS', { exact: true }).check();
  await page.getByLabel("Runner pod can't get AWS credentials? Paste its error").fill(EKS_NO_PROVIDER);
  await page.getByRole('heading', { name: "The cluster's OIDC provider is not registered in IAM" }).waitFor();
}

/** The element that has the focus, looking inside shadow roots. */
export function focused(page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active ? `${active.tagName.toLowerCase()}.${active.className}` : null;
  });
}

/**
 * Waits until the error paste box `box` says `read` right under it, in a polite status line
 * the box names as its description, and the box is valid; resolves to the status line.
 */
export async function pasteBoxReads(page, box, read) {
  const status = page.locator('.ipb__status');
  await status.getByText(read).waitFor();
  assert.equal(await status.getAttribute('role'), 'status');
  const statusId = await status.getAttribute('id');
  assert.ok((await box.getAttribute('aria-describedby')).split(' ').includes(statusId));
  assert.equal(await box.getAttribute('aria-invalid'), 'false');
  return status;
}

/** Links the widget's stylesheet and script into the open page, as a page's script would. */
export function addWidgetFiles(page) {
  return page.evaluate(() => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '../embed/iam-policy-builder.css';
    document.head.append(link);
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '../embed/widget.js';
    document.head.append(script);
  });
}

/**
 * Waits until every widget of the page wears its stylesheet (linked in its shadow root, it
 * may arrive after the builder is mounted): computed styles read before would be the
 * browser's defaults.
 */
export async function widgetsStyled(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('[data-iam-policy-builder]')]
    .every((host) => {
      const root = host.shadowRoot?.querySelector('.ipb');
      return root && getComputedStyle(root).maxWidth !== 'none';
    }));
}
