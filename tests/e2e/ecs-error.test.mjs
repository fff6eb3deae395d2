// A task that failed to start: paste the error, get the cause and the fixed documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ECS_ACCESS_DENIED, cli, focused, openPage, pasteBoxReads, pastedEcsError, servedPage, shownDocuments, widgetsLive,
} from './harness.mjs';

const site = servedPage();

test('pasting the error into the empty page fills the fields, says what is wrong and builds the fix', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await pastedEcsError(page);
  // The fields the error names are filled in the form itself, and say where from.
  assert.equal(await page.getByLabel('AWS account ID').inputValue(), '123456789012');
  assert.equal(await page.getByLabel('Region', { exact: true }).inputValue(), 'eu-west-1');
  assert.equal(await page.getByLabel('Secret names').inputValue(), 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-Xy12Ab');
  // One sentence on every host, whether the page or the core filled the field.
  await page.getByText('The ECS error names account 123456789012.').waitFor();
  assert.ok(cli({ ecsError: ECS_ACCESS_DENIED }).problems.some((p) => p.message === 'The ECS error names account 123456789012.'));
  // The diagnosis: the role, and the commands to check with.
  const card = page.locator('.ipb__diagnosis');
  assert.match(await card.innerText(), /matillion-agent-exec/);
  const commands = await card.locator('code').allInnerTexts();
  assert.ok(commands.some((c) => c.startsWith("aws iam simulate-principal-policy --policy-source-arn 'arn:aws:iam::123456789012:role/matillion-agent-exec'")), commands.join('\n'));
  // The documents are the CLI's for the error alone, and the secrets policy allows the call.
  const expected = cli({ ecsError: ECS_ACCESS_DENIED });
  const shown = await shownDocuments(page);
  for (const document of expected.documents) assert.deepEqual(shown[document.id], document.policy, document.id);
  assert.deepEqual(shown['execution-role-secrets-policy'].Statement[0].Resource, ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-Xy12Ab']);
  await page.getByRole('button', { name: 'Copy the task execution role inline policy' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied the task execution role inline policy' }).waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), expected.documents[1].policy);
  assert.deepEqual(trouble(), []);
  await context.close();
});

for (const [where, path, ready] of [
  ['the page', '/', undefined],
  ["a widget's shadow root", '/examples/js-api.html', widgetsLive],
]) {
  test(`in ${where}, the paste box says what it read beside itself, announces it, and takes the reader to the diagnosis`, async () => {
    const { page, context, trouble } = await openPage(site.browser, site.server.origin, { path, ready });
    const box = page.getByLabel('Task failed to start? Paste the error from the ECS console');
    await box.fill(ECS_ACCESS_DENIED);
    // Said right under the box, in a polite status line the box names as its description.
    const status = await pasteBoxReads(page, box, "Read: The task's execution role may not read a secret.");
    // The link moves the focus to the diagnosis card, by script: a fragment link cannot
    // reach into a shadow root.
    await status.getByRole('link', { name: 'Go to the diagnosis' }).click();
    assert.match(await focused(page), /^section\..*ipb__diagnosis/);
    // And from the diagnosis to the fix's card.
    await page.getByRole('link', { name: /^Go to the fix: the task execution role inline policy/ }).click();
    assert.match(await focused(page), /^h\d\.ipb__card-title/);
    // Text that is no ECS error is invalid, and says so at once, without leaving the box.
    await box.fill('hello, this is not an error');
    await status.getByText(/does not recognise this text as an ECS error/).waitFor();
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    assert.equal(await status.getByRole('link').count(), 1);
    assert.deepEqual(trouble(), []);
    await context.close();
  });
}

test('a network error says no policy change helps and changes no document', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await page.getByLabel('AWS account ID').fill('123456789012');
  await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
  await page.getByLabel('Secret names').fill('matillion/agent');
  const before = await shownDocuments(page);
  await page.getByLabel('Task failed to start? Paste the error from the ECS console')
    .fill('ResourceInitializationError: There is a connection issue between the task and AWS Secrets Manager. Check your task network configuration.');
  await page.getByRole('heading', { name: 'The task could not reach AWS' }).waitFor();
  await page.getByText(/no policy change helps/).waitFor();
  assert.deepEqual(await shownDocuments(page), before);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('a KMS error opens the options at the key field and says where to find the key', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await page.getByLabel('Task failed to start? Paste the error from the ECS console').fill(
    'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-Xy12Ab from secrets manager: AccessDeniedException: Access to KMS is not allowed',
  );
  await page.getByRole('heading', { name: 'The role may not decrypt the secret' }).waitFor();
  const kms = page.getByLabel('Customer managed KMS keys');
  await kms.waitFor({ state: 'visible' });
  await page.getByText(/enter its KMS key here \(Secrets Manager console → the secret → Encryption key/).waitFor();
  assert.match(await page.locator('.ipb__diagnosis').innerText(), /Encryption key/);
  assert.deepEqual(trouble(), []);
  await context.close();
});
