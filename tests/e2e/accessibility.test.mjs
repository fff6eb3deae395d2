// axe-core finds no WCAG 2.2 AA violation in any state a person passes through, on a
// laptop and on a 320 px phone, and the whole job can be done with the keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import {
  cli, openPage, servedPage, shownDocuments, tooManySecrets, existingRoles, pastedEcsError,
  EKS_IRSA, eksIrsa, eksPodIdentity, eksExistingRunnerRole, pastedEksError,
} from './harness.mjs';

const site = servedPage();

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function leave(page, label) {
  await page.getByLabel(label, { exact: true }).focus();
  await page.getByLabel(label, { exact: true }).blur();
}

/** Amazon EKS's states are checked at the widths and in the colour schemes of its issue. */
const EKS = { widths: [1280, 360], schemes: ['light', 'dark'] };

/** Each state: a name, the steps that reach it from a fresh page, and where it is checked
 * (by default at 1280 and 320 px, light). */
const STATES = [
  ['empty', async () => {}],
  ['account in error', async (page) => {
    await page.getByLabel('AWS account ID').fill('12345');
    await leave(page, 'AWS account ID');
  }],
  ['region in error, with a suggestion', async (page) => {
    await page.getByLabel('Region', { exact: true }).fill('eu-wset-1');
    await leave(page, 'Region');
  }],
  ['secrets in error', async (page) => {
    await page.getByLabel('Secret names').fill('my secret\nm\u0430tillion');
    await leave(page, 'Secret names');
  }],
  ['every field empty and visited', async (page) => {
    for (const label of ['AWS account ID', 'Region', 'Secret names']) await leave(page, label);
  }],
  ['too many secrets for one policy, with the shared-prefix fix', tooManySecrets],
  ['existing roles: a trust policy merged, a secrets policy fixed', existingRoles],
  ['an ECS error pasted into the empty page', pastedEcsError],
  ['all valid', async (page) => {
    await page.getByLabel('AWS account ID').fill('123456789012');
    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByLabel('Secret names').fill('matillion/agent');
  }],
  ['advanced options open and in use', async (page) => {
    await page.getByLabel('AWS account ID').fill('123456789012');
    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByLabel('Secret names').fill('matillion/agent');
    await page.getByText('Advanced options').click();
    await page.getByLabel("Only this account's ECS tasks may assume the task role").check();
    await page.getByLabel('Customer managed KMS keys').fill('alias/agent');
    await leave(page, 'Customer managed KMS keys');
    await page.getByLabel("Also build the task role's permissions policy").check();
    await page.getByLabel('Every secret whose name starts with a prefix').check();
  }],
  ['an export tab chosen', async (page) => {
    await page.getByLabel('AWS account ID').fill('123456789012');
    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByLabel('Secret names').fill('matillion/agent');
    await page.getByRole('tab', { name: 'Terraform' }).click();
  }],
  ['copied', async (page) => {
    await page.getByLabel('AWS account ID').fill('123456789012');
    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByLabel('Secret names').fill('matillion/agent');
    await page.getByRole('button', { name: 'Copy the task execution role inline policy' }).click();
    await page.getByText('Copied ✓').waitFor();
  }],
  ['Amazon EKS chosen, nothing typed', (page) => page.getByLabel('Amazon EKS', { exact: true }).check(), EKS],
  ['Amazon EKS with IRSA: issuer, namespace and service accounts typed', eksIrsa, EKS],
  ['Amazon EKS with its fields in error', async (page) => {
    await page.getByLabel('Amazon EKS', { exact: true }).check();
    await page.getByLabel("The cluster's OpenID Connect provider URL").fill('arn:aws:eks:eu-west-1:123456789012:cluster/prod');
    await leave(page, "The cluster's OpenID Connect provider URL");
    await page.getByLabel('Kubernetes namespace').fill('Matillion');
    await leave(page, 'Kubernetes namespace');
    await page.getByLabel('Service accounts', { exact: true }).fill('matillion_runner');
    await leave(page, 'Service accounts');
  }, EKS],
  ['Amazon EKS with Pod Identity, a cluster named and the advanced options in use', eksPodIdentity, EKS],
  ['Amazon EKS with the runner role reused: its trust policy merged', eksExistingRunnerRole, EKS],
  ['an EKS error pasted into the empty page', pastedEksError, EKS],
  ['text that is no EKS error pasted', async (page) => {
    await page.getByLabel('Amazon EKS', { exact: true }).check();
    await page.getByLabel("Runner pod can't get AWS credentials? Paste its error").fill('hello, this is not an error');
    await page.getByText(/does not recognise this text as an IRSA or EKS Pod Identity error/).waitFor();
  }, EKS],
];

for (const [name, reach, { widths = [1280, 320], schemes = ['light'] } = {}] of STATES) {
  for (const width of widths) {
    for (const colorScheme of schemes) {
      const scheme = colorScheme === 'light' ? '' : `, ${colorScheme}`;
      test(`axe: no violations when ${name}, at ${width} px${scheme}`, async () => {
        const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
          permissions: ['clipboard-read', 'clipboard-write'],
        });
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width, height: 900 });
        await reach(page);
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assert.deepEqual(violations, []);
        // "Incomplete" is axe unable to decide; none is accepted unreviewed.
        assert.deepEqual(results.incomplete.map((i) => i.id), []);
        // Nothing scrolls sideways but the JSON blocks.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `the page scrolls ${overflow} px sideways`);
        assert.deepEqual(trouble(), []);
        await context.close();
      });
    }
  }
}

/** Presses Tab (or Shift+Tab) until the focused element's text or label matches. */
async function tabTo(page, pattern, { back = false, most = 80 } = {}) {
  for (let i = 0; i < most; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement;
      const label = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return (label ?? el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
    });
    if (pattern.test(name)) return name;
  }
  throw new Error(`no focusable element matching ${pattern}`);
}

test('the whole job with the keyboard alone: fill, fix via the suggestion, copy each document', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await tabTo(page, /^AWS account ID$/);
  await page.keyboard.type('1234-5678-9012');
  await tabTo(page, /^Region$/);
  await page.keyboard.type('eu-wset-1');
  await tabTo(page, /^Secret names$/);
  await page.keyboard.type('matillion/agent');
  // Leaving the region showed its problem and the fix sits between region and secrets.
  await tabTo(page, /^Use eu-west-1$/, { back: true });
  await page.keyboard.press('Enter');
  assert.equal(await page.getByLabel('Region', { exact: true }).inputValue(), 'eu-west-1');
  assert.equal(await page.evaluate(() => document.activeElement.id.endsWith('-region')), true, 'focus returns to the field');
  const expected = cli({ account: '123456789012', region: 'eu-west-1', secrets: ['matillion/agent'] });
  await tabTo(page, /^Copy the task role trust policy$/);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Copied the task role trust policy' }).waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), expected.documents[0].policy);
  await tabTo(page, /^Copy the task execution role inline policy$/);
  await page.keyboard.press('Space');
  await page.getByRole('status').filter({ hasText: 'Copied the task execution role inline policy' }).waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), expected.documents[1].policy);
  // The disclosure opens from the keyboard too.
  await tabTo(page, /^Advanced options$/, { back: true });
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('details.ipb__advanced').evaluate((d) => d.open), true);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('on Amazon EKS, the whole job with the keyboard alone: choose the platform and the credentials, fill, copy the trust policy', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  // Into the platform choice with Tab (its chosen answer takes the focus), across it with
  // the arrow keys, as radio groups go.
  await tabTo(page, /^ECS Fargate$/);
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByLabel('Amazon EKS', { exact: true }).isChecked());
  await page.getByRole('heading', { name: 'IAM policies for the Matillion agent on Amazon EKS' }).waitFor();
  await tabTo(page, /^AWS account ID$/);
  await page.keyboard.type(EKS_IRSA.account);
  await tabTo(page, /^Region$/);
  await page.keyboard.type(EKS_IRSA.region);
  await tabTo(page, /^Secret names$/);
  await page.keyboard.type(EKS_IRSA.secrets[0]);
  await tabTo(page, /^IAM roles for service accounts \(IRSA\)$/);
  await tabTo(page, /^The cluster's OpenID Connect provider URL$/);
  await page.keyboard.type(EKS_IRSA.oidcIssuer);
  await tabTo(page, /^Kubernetes namespace$/);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(EKS_IRSA.kubernetesNamespace);
  await tabTo(page, /^Service accounts$/);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(EKS_IRSA.serviceAccounts.join('\n'));
  const expected = cli(EKS_IRSA);
  await tabTo(page, /^Copy the runner role trust policy$/);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Copied the runner role trust policy' }).waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), expected.documents[0].policy);
  // Back up to the credentials and across to Pod Identity: the issuer's field goes.
  await tabTo(page, /^IAM roles for service accounts \(IRSA\)$/, { back: true, most: 120 });
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByLabel('EKS Pod Identity', { exact: true }).isChecked());
  await page.locator('pre[data-document="runner-role-trust-policy"]').filter({ hasText: 'pods.eks.amazonaws.com' }).waitFor();
  assert.equal(await page.getByLabel("The cluster's OpenID Connect provider URL").count(), 0);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('documents on the page match what the keyboard journey built', async () => {
  const { page, context } = await openPage(site.browser, site.server.origin);
  await page.getByLabel('AWS account ID').fill('123456789012');
  await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
  await page.getByLabel('Secret names').fill('matillion/agent');
  const shown = await shownDocuments(page);
  assert.equal(Object.keys(shown).length, 2);
  await context.close();
});
