// Reusing roles people already have, driven the way a person does it: paste what the
// console shows, read the merged and fixed documents and why, copy them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BROKEN_SECRETS_POLICY,
  ETL_TRUST_POLICY,
  REUSED_ROLES,
  cli,
  existingRoles,
  openPage,
  servedPage,
  shownDocuments,
} from './harness.mjs';

const site = servedPage();

const REQUEST = REUSED_ROLES;

test('pasted policies come back merged and fixed, as the CLI makes them, with the reasons and the changes', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await existingRoles(page);
  const expected = cli(REQUEST);
  const shown = await shownDocuments(page);
  for (const document of expected.documents) {
    assert.equal(document.origin, 'existing', document.id);
    assert.deepEqual(shown[document.id], document.policy, document.id);
  }
  // Nothing the role trusted is lost: EC2 is still there, ECS tasks were added.
  assert.deepEqual(shown['task-role-trust-policy'].Statement[0].Principal.Service, ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com']);
  // The other statement of the secrets policy is kept as it was.
  assert.deepEqual(shown['execution-role-secrets-policy'].Statement[0], JSON.parse(BROKEN_SECRETS_POLICY).Statement[0]);
  // Why it granted nothing, per secret.
  const rows = await page.locator('.ipb__access-item').allInnerTexts();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /matillion\/agent[\s\S]*Not allowed[\s\S]*has no -\?\?\?\?\?\? suffix/);
  assert.match(rows[1], /prod\/db[\s\S]*Not allowed[\s\S]*names region eu-west-2, not eu-west-1/);
  // The changes, in words, and the added lines marked as insertions.
  const changes = await page.locator('.ipb__changes li').allInnerTexts();
  assert.ok(changes.some((c) => c.includes('Added ecs-tasks.amazonaws.com to the Service principals of statement 1')), changes.join('\n'));
  const inserted = await page.locator('pre[data-document="task-role-trust-policy"] ins').allInnerTexts();
  assert.ok(inserted.some((line) => line.includes('"ecs-tasks.amazonaws.com"')), inserted.join('|'));
  assert.ok(!inserted.some((line) => line.includes('"Action"')), 'untouched lines are not marked');
  // Copy gives the merged document itself, not the marked-up text.
  await page.getByRole('button', { name: 'Copy the task role trust policy' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied the task role trust policy' }).waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), expected.documents[0].policy);
  // The console links open the named role's tabs, and each secret's page.
  const trustLink = page.getByRole('link', { name: /Open matillion-etl-instance-role's trust relationships/ });
  assert.equal(await trustLink.getAttribute('href'), expected.documents[0].placement.consoleUrl);
  assert.equal(await trustLink.getAttribute('rel'), 'noopener noreferrer');
  const secretLinks = await page.locator('.ipb__access-item a').evaluateAll((links) => links.map((a) => a.href));
  assert.deepEqual(secretLinks, expected.access.map((a) => a.consoleUrl));
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('choosing "a new role" again gives the fresh document, and choosing "existing" brings the paste back', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await existingRoles(page);
  await page.getByLabel('A new role').first().check();
  const fresh = await shownDocuments(page);
  assert.deepEqual(fresh['task-role-trust-policy'], cli({ ...REQUEST, existingTrustPolicy: '' }).documents[0].policy);
  await page.getByLabel(/A role I already have, such as Matillion ETL/).check();
  assert.equal(await page.getByLabel("The task role's current trust policy").inputValue(), ETL_TRUST_POLICY);
  const merged = await shownDocuments(page);
  assert.deepEqual(merged['task-role-trust-policy'], cli(REQUEST).documents[0].policy);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('bad JSON and the wrong kind of policy are named on their field, and nothing is replaced', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await existingRoles(page);
  const trust = page.getByLabel("The task role's current trust policy");
  await trust.fill(ETL_TRUST_POLICY.replace('"2012-10-17",', '"2012-10-17"'));
  await page.getByText('line 3, column 5: expected a comma before the next key').waitFor();
  assert.equal(await trust.getAttribute('aria-invalid'), 'true');
  await page.getByText(/Not ready to paste yet: fill in or fix The task role's current trust policy/).first().waitFor();
  await page.getByLabel("The execution role's current secrets policy").fill(ETL_TRUST_POLICY);
  await page.getByText(/This is a trust policy .* it belongs in “The task role's current trust policy”/).waitFor();
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('the role choice works from the keyboard alone', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await page.getByLabel('AWS account ID').fill('123456789012');
  await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
  await page.getByLabel('Secret names').fill('matillion/agent');
  // Into the task role's choice with Tab, across it with the arrow keys, as radio groups go.
  const newRole = page.getByLabel('A new role').first();
  await newRole.focus();
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByLabel(/A role I already have, such as Matillion ETL/).isChecked());
  for (let tabs = 0; tabs < 6; tabs++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.tagName === 'TEXTAREA')) break;
  }
  const focused = await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent);
  assert.equal(focused, "The task role's current trust policy");
  await page.keyboard.insertText(ETL_TRUST_POLICY);
  const shown = await shownDocuments(page);
  assert.deepEqual(shown['task-role-trust-policy'].Statement[0].Principal.Service, ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com']);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('what a pasted policy grants beyond named principals and resources is said on its card and in the exports', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await page.getByLabel('AWS account ID').fill('123456789012');
  await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
  await page.getByLabel('Secret names').fill('matillion/agent');
  await page.getByLabel(/A role I already have, such as Matillion ETL/).check();
  await page.getByLabel("The task role's current trust policy").fill(
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}',
  );
  await page.getByLabel(/A role I already have: check and fix/).check();
  await page.getByLabel("The execution role's current secrets policy").fill(
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  );
  const trust = page.getByRole('article', { name: 'Task role trust policy' });
  await trust.getByText(/trusts any principal \("Principal": "\*"\): anyone in any AWS account may assume the role/).waitFor();
  const secrets = page.getByRole('article', { name: 'Task execution role inline policy' });
  await secrets.getByText(/allows every action \("Action": "\*"\) on every resource/).waitFor();
  await page.getByRole('tab', { name: 'Terraform' }).click();
  const terraform = await page.locator('pre[data-export="terraform"]').innerText();
  assert.equal(terraform.split('\n').filter((line) => line.startsWith('# GRANTS MORE: ')).length, 2, terraform);
  assert.deepEqual(trouble(), []);
  await context.close();
});
