// The built page, driven the way a person uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, openPage, servedPage, shownDocuments } from './harness.mjs';

const site = servedPage();

const REQUEST = { account: '123456789012', region: 'eu-west-1', secrets: ['matillion/agent', 'prod/db'] };

async function fillForm(page) {
  await page.getByLabel('AWS account ID').fill('1234 5678 9012');
  await page.getByLabel('Region', { exact: true }).fill(REQUEST.region);
  await page.getByLabel('Secret names').fill(REQUEST.secrets.join('\n'));
}

test('the documents on the page are the CLI documents for the same request', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await fillForm(page);
  const shown = await shownDocuments(page);
  const expected = cli(REQUEST);
  assert.equal(expected.documents.length, 2);
  for (const document of expected.documents) {
    assert.deepEqual(shown[document.id], document.policy, document.id);
  }
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('Copy puts the exact document on the clipboard and says so', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await fillForm(page);
  const copy = page.getByRole('button', { name: 'Copy the task execution role inline policy' });
  await copy.click();
  await page.getByRole('status').filter({ hasText: 'Copied the task execution role inline policy' }).waitFor();
  const pasted = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.deepEqual(pasted, cli(REQUEST).documents[1].policy);
  await page.getByText('Copied ✓').waitFor();
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('a mistyped region is reported next to the field and fixed with one click', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await fillForm(page);
  const region = page.getByLabel('Region', { exact: true });
  await region.fill('eu-wset-1');
  await region.blur();
  await assert.doesNotReject(page.getByText('did you mean eu-west-1').waitFor());
  assert.equal(await region.getAttribute('aria-invalid'), 'true');
  await page.getByRole('button', { name: 'Use eu-west-1' }).click();
  assert.equal(await region.inputValue(), 'eu-west-1');
  assert.equal(await region.getAttribute('aria-invalid'), 'false');
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('advanced options build the same three documents as the CLI, with problems next to their fields', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await fillForm(page);
  await page.getByText('Advanced options').click();
  await page.getByLabel("Only this account's ECS tasks may assume the task role").check();
  await page.getByLabel('Let EC2 assume the task role too').uncheck();
  await page.getByLabel('Customer managed KMS keys').fill('1234abcd-12ab-34cd-56ef-1234567890ab');
  await page.getByLabel('Parameter Store parameters').fill('/matillion/proxy');
  await page.getByLabel("Also build the task role's permissions policy").check();
  await page.getByLabel('Secrets pipelines read at run time').fill('pipelines/snowflake');
  await page.getByLabel('S3 staging buckets').fill('s3://staging-bucket/matillion/');
  const expected = cli({
    ...REQUEST,
    sourceConditions: true,
    ec2Principal: false,
    kmsKeys: ['1234abcd-12ab-34cd-56ef-1234567890ab'],
    parameters: ['/matillion/proxy'],
    taskRolePolicy: true,
    runtimeSecrets: ['pipelines/snowflake'],
    stagingBuckets: ['s3://staging-bucket/matillion/'],
  });
  assert.equal(expected.documents.length, 3);
  const shown = await shownDocuments(page);
  for (const document of expected.documents) {
    assert.deepEqual(shown[document.id], document.policy, document.id);
  }

  const kms = page.getByLabel('Customer managed KMS keys');
  await kms.fill('alias/agent');
  await kms.blur();
  const problems = page.locator(`#${(await kms.getAttribute('aria-describedby')).split(' ')[1]}`);
  await assert.doesNotReject(problems.getByText("not on an alias").waitFor());
  assert.equal(await kms.getAttribute('aria-invalid'), 'true');

  await page.getByLabel('Every secret whose name starts with a prefix').check();
  await page.getByLabel('Secret name prefix').fill('matillion/');
  const execution = (await shownDocuments(page))['execution-role-secrets-policy'];
  assert.deepEqual(execution.Statement[0].Resource, ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/*']);
  assert.deepEqual(trouble(), []);
  await context.close();
});
