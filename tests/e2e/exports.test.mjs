// The exports on the page are the CLI's, tab by tab, and the tabs work from the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { cliExport, openPage, servedPage } from './harness.mjs';

const site = servedPage();

const REQUEST = {
  account: '123456789012',
  region: 'cn-north-1',
  secrets: ['matillion/agent', 'prod/db'],
  sourceConditions: true,
};
const TABS = [
  ['AWS CLI', 'aws-cli', 'matillion-agent-iam.sh'],
  ['CloudFormation (YAML)', 'cloudformation', 'matillion-agent-iam.yaml'],
  ['CloudFormation (JSON)', 'cloudformation-json', 'matillion-agent-iam.template.json'],
  ['Terraform', 'terraform', 'matillion-agent-iam.tf'],
  ['AWS CDK (TypeScript)', 'cdk', 'matillion-agent-roles.ts'],
];

async function fill(page) {
  await page.getByLabel('AWS account ID').fill(REQUEST.account);
  await page.getByLabel('Region', { exact: true }).fill(REQUEST.region);
  await page.getByLabel('Secret names').fill(REQUEST.secrets.join('\n'));
  await page.getByText('Advanced options').click();
  await page.getByLabel("Only this account's ECS tasks may assume the task role").check();
}

test('each tab shows what the CLI exports for the same request', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await fill(page);
  for (const [label, format] of TABS) {
    await page.getByRole('tab', { name: label }).click();
    assert.equal(await page.getByRole('tab', { name: label }).getAttribute('aria-selected'), 'true');
    const shown = await page.locator(`pre[data-export="${format}"]`).textContent();
    assert.equal(shown, cliExport(REQUEST, format), label);
  }
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('arrow keys, Home and End move between the tabs', async () => {
  const { page, context } = await openPage(site.browser, site.server.origin);
  await fill(page);
  await page.getByRole('tab', { name: 'AWS CLI' }).focus();
  await page.keyboard.press('ArrowRight');
  const focused = () => page.evaluate(() => document.activeElement.textContent);
  assert.equal(await focused(), 'CloudFormation (YAML)');
  assert.equal(await page.getByRole('tab', { name: 'CloudFormation (YAML)' }).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('End');
  assert.equal(await focused(), 'AWS CDK (TypeScript)');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'AWS CLI');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(), 'AWS CDK (TypeScript)');
  await page.keyboard.press('Home');
  assert.equal(await focused(), 'AWS CLI');
  await context.close();
});

test('an export copies and downloads exactly', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await fill(page);
  await page.getByRole('tab', { name: 'Terraform' }).click();
  await page.getByRole('button', { name: 'Copy the Terraform export' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied the Terraform export' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), cliExport(REQUEST, 'terraform'));
  await page.getByRole('tab', { name: 'CloudFormation (YAML)' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the CloudFormation (YAML) export' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'matillion-agent-iam.yaml');
  assert.equal(await readFile(await download.path(), 'utf8'), cliExport(REQUEST, 'cloudformation'));
  assert.deepEqual(trouble(), []);
  await context.close();
});
