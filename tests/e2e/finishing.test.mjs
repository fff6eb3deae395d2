// Getting a document out of the page and a form into a link: copy when the browser
// refuses, download, the share link, a pasted task definition, and what the page keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { builderLive, cli, openPage, pastedEcsError, servedPage, shownDocuments } from './harness.mjs';

const site = servedPage();

const REQUEST = { account: '123456789012', region: 'eu-west-1', secrets: ['matillion/agent'] };

async function fill(page) {
  await page.getByLabel('AWS account ID').fill(REQUEST.account);
  await page.getByLabel('Region', { exact: true }).fill(REQUEST.region);
  await page.getByLabel('Secret names').fill(REQUEST.secrets.join('\n'));
}

test('when the browser refuses the clipboard, the JSON is selected and the page says what to press', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
  });
  await fill(page);
  await page.getByRole('button', { name: 'Copy the task execution role inline policy' }).click();
  await page.getByText('press Ctrl+C (⌘C on a Mac)').first().waitFor();
  const selected = await page.evaluate(() => window.getSelection().toString());
  assert.deepEqual(JSON.parse(selected), cli(REQUEST).documents[1].policy);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('Download saves the document as a named .json file', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await fill(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the task execution role inline policy' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'matillion-agent-execution-role-secrets-policy.json');
  assert.deepEqual(JSON.parse(await readFile(await download.path(), 'utf8')), cli(REQUEST).documents[1].policy);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('a copied link opens a fresh page with identical documents, and only the button puts the account in a URL', async () => {
  const first = await openPage(site.browser, site.server.origin, { permissions: ['clipboard-read', 'clipboard-write'] });
  await fill(first.page);
  await first.page.getByText('Advanced options').click();
  await first.page.getByLabel('Let EC2 assume the task role too').uncheck();
  await first.page.getByLabel('Parameter Store parameters').fill('/matillion/proxy');
  assert.ok(!first.page.url().includes(REQUEST.account), 'typing never writes the URL');
  const before = await shownDocuments(first.page);
  await first.page.getByRole('button', { name: 'Copy link to this form' }).click();
  await first.page.getByRole('status').filter({ hasText: 'Copied a link to this form. It contains what you entered, including your account ID.' }).waitFor();
  const link = await first.page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#ipb=1&account=123456789012&/);
  assert.ok(!link.includes('?'), 'the form is in the fragment, not the query string');
  assert.ok(!first.page.url().includes(REQUEST.account), 'copying a link does not change this page');

  const second = await openPage(site.browser, site.server.origin, { path: link.slice(site.server.origin.length) });
  assert.deepEqual(await shownDocuments(second.page), before);
  assert.equal(await second.page.getByLabel('Parameter Store parameters').inputValue(), '/matillion/proxy');
  assert.deepEqual([...first.trouble(), ...second.trouble()], []);
  await first.context.close();
  await second.context.close();
});

// Issue 27 item 7: the page removed #ipb=… as soon as it had read it, so a reload or Back
// lost the form the link had opened.
test('an opened link survives a reload and Back until the form is changed, and then leaves the address bar', async () => {
  const fragment = '#ipb=1&account=123456789012&region=eu-west-1&secrets=matillion/agent';
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, { path: `/${fragment}` });
  const account = page.getByLabel('AWS account ID');
  assert.equal(await account.inputValue(), REQUEST.account);

  await page.reload();
  await builderLive(page);
  assert.equal(await account.inputValue(), REQUEST.account, 'a reload shows the link\'s form again');
  assert.equal(await page.evaluate(() => location.hash), fragment);

  await page.goto(`${site.server.origin}/examples/index.html`);
  await page.goBack();
  await builderLive(page);
  assert.equal(await account.inputValue(), REQUEST.account, 'Back shows the link\'s form again');

  // Once changed, the form is no longer the link's: the address stops claiming it is.
  await page.getByLabel('Region', { exact: true }).fill('eu-west-2');
  await page.waitForFunction(() => location.hash === '');
  assert.equal(page.url(), `${site.server.origin}/`);
  // Nothing was stored: a reload now starts from the empty form.
  await page.reload();
  await builderLive(page);
  assert.equal(await account.inputValue(), '');
  assert.deepEqual(trouble(), []);
  await context.close();
});

// Security review, issue 25 item 5: pasted policies and ECS errors went into every link,
// while the page said only that the link held the account ID.
test('a link leaves the pasted texts out unless the box is ticked, and says what it holds', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const share = page.getByRole('button', { name: 'Copy link to this form' });
  const withPasted = page.getByLabel('Also put the pasted ECS error in the link');
  assert.equal(await withPasted.count(), 0, 'no box while nothing is pasted');

  await pastedEcsError(page);
  assert.equal(await withPasted.isChecked(), false, 'left out unless asked');
  const note = 'It contains what you entered, including your account ID. It leaves out the pasted ECS error.';
  await page.getByText(note).waitFor();
  await share.click();
  await page.getByRole('status').filter({ hasText: `Copied a link to this form. ${note}` }).waitFor();
  const without = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(without, /#ipb=1&account=123456789012&/, 'what the error filled in is in the link');
  assert.doesNotMatch(without, /[#&]error=/);
  assert.doesNotMatch(without, /AccessDenied/);

  // With the keyboard: from the button to the box, ticked with Space, back, and Enter.
  await share.focus();
  await page.keyboard.press('Tab');
  assert.equal(await withPasted.evaluate((box) => box === document.activeElement), true, 'Tab goes from the button to the box');
  await page.keyboard.press('Space');
  assert.equal(await withPasted.isChecked(), true);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({
    hasText: 'Copied a link to this form. It contains what you entered, including your account ID and the pasted ECS error.',
  }).waitFor();
  const withError = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(withError, /&error=ResourceInitializationError/);

  const opened = await openPage(site.browser, site.server.origin, { path: withError.slice(site.server.origin.length) });
  await opened.page.getByRole('heading', { name: "The task's execution role may not read a secret" }).waitFor();
  assert.deepEqual([...trouble(), ...opened.trouble()], []);
  await opened.context.close();
  await context.close();
});

test('a pasted task-definition secrets block gives its secrets', async () => {
  const { page, context } = await openPage(site.browser, site.server.origin);
  await page.getByLabel('AWS account ID').fill(REQUEST.account);
  await page.getByLabel('Region', { exact: true }).fill(REQUEST.region);
  await page.getByLabel('Secret names').fill(`"secrets": [
    { "name": "CLIENT_ID", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:agent-AbC123:client_id::" },
    { "name": "CLIENT_SECRET", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:agent-AbC123:client_secret::" }
  ]`);
  const execution = (await shownDocuments(page))['execution-role-secrets-policy'];
  assert.deepEqual(execution.Statement[0].Resource, ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:agent-AbC123']);
  await context.close();
});

test('a whole session leaves no cookie, no stored data and no request off the page', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await fill(page);
  await page.getByText('Advanced options').click();
  await page.getByLabel("Also build the task role's permissions policy").check();
  await page.getByLabel('S3 staging buckets').fill('staging-bucket');
  await page.getByRole('button', { name: 'Copy the task role permissions policy' }).click();
  await page.getByRole('button', { name: 'Copy link to this form' }).click();
  assert.deepEqual(await context.cookies(), []);
  assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);
  assert.deepEqual(trouble(), []);
  await context.close();
});

// New-user defect 1: with the account empty, Copy put a policy holding <account-id> on
// the clipboard and announced "Copied … to the clipboard." as if it were ready.
test('copying or downloading what is not ready says so where the person looks, and to a screen reader', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
  await page.getByLabel('Secret names').fill('matillion/agent');
  const card = page.locator('article', { has: page.locator('pre[data-document="execution-role-secrets-policy"]') });
  await card.getByText('Not ready to paste yet: fill in or fix AWS account ID first.').waitFor();
  await page.getByRole('button', { name: 'Copy the task execution role inline policy' }).click();
  await page.getByRole('status').filter({ hasText: 'It is not ready to use: fill in or fix AWS account ID first' }).waitFor();
  await card.getByText('Copied, not ready').waitFor();
  const pasted = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(pasted, /<account-id>/, 'the placeholder text itself is what was copied');

  // The exports say it as well, in the page's words.
  await page.getByRole('tab', { name: 'Terraform' }).click();
  await page.getByRole('button', { name: 'Download the Terraform export' }).click();
  await page.getByRole('status').filter({ hasText: 'It is not ready to use: fill in or fix AWS account ID first' }).waitFor();
  // Once ready, a copy is announced plainly.
  await page.getByLabel('AWS account ID').fill('123456789012');
  await page.getByRole('button', { name: 'Copy the task execution role inline policy' }).click();
  await page.getByRole('status').filter({ hasText: /^Copied the task execution role inline policy to the clipboard\.$/ }).waitFor();
  await card.getByText('Copied ✓').waitFor();
  assert.deepEqual(trouble(), []);
  await context.close();
});

// New-user defect 5: "Copied ✓" appeared before the buttons and pushed them ~93 px right.
// Nothing a click reveals may move what was clicked: every Copy and Download, both widths.
test('no Copy or Download button moves when it is clicked, at 1280 and 360 px', async () => {
  for (const width of [1280, 360]) {
    const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await page.setViewportSize({ width, height: 900 });
    await fill(page);
    // All three document cards and the exports.
    await page.getByText('Advanced options').click();
    await page.getByLabel("Also build the task role's permissions policy").check();
    const buttons = page.getByRole('button', { name: /^(Copy|Download) the / });
    const count = await buttons.count();
    assert.ok(count >= 6, `${count} buttons`);
    // With the account missing first, so the longer "Copied, not ready" mark is tried too.
    for (const account of ['', '123456789012']) {
      await page.getByLabel('AWS account ID').fill(account);
      for (let i = 0; i < count; i += 1) {
        const button = buttons.nth(i);
        await button.scrollIntoViewIfNeeded();
        const before = await button.boundingBox();
        const name = await button.textContent();
        if (name.startsWith('Download')) {
          await Promise.all([page.waitForEvent('download'), button.click()]);
        } else {
          await button.click();
          // This button's own announcement, then its mark.
          await page.getByRole('status').filter({ hasText: `Copied ${name.replace(/^Copy /, '')} to the clipboard.` }).waitFor();
          await button.locator('xpath=following-sibling::span[contains(@class, "ipb__copied")]').filter({ hasText: 'Copied' }).waitFor();
        }
        const after = await button.boundingBox();
        assert.deepEqual(after, before, `${width} px${account ? '' : ', not ready'}: “${name}” moved`);
      }
    }
    // Issue 27 item 4: "Copy link to this form" showed no mark at all; it shows the same one.
    const share = page.getByRole('button', { name: 'Copy link to this form' });
    await share.scrollIntoViewIfNeeded();
    const before = await share.boundingBox();
    await share.click();
    await page.getByRole('status').filter({ hasText: 'Copied a link to this form.' }).waitFor();
    await share.locator('xpath=following-sibling::span[contains(@class, "ipb__copied")]').filter({ hasText: 'Copied ✓' }).waitFor();
    assert.deepEqual(await share.boundingBox(), before, `${width} px: “Copy link to this form” moved`);
    assert.deepEqual(trouble(), []);
    await context.close();
  }
});

// New-user defect 15: a shared link that turned an advanced option on left "Advanced
// options" closed, so the recipient could not see what was set.
test('a link that sets an advanced option opens the advanced options; one that does not leaves them closed', async () => {
  const advanced = (page) => page.locator('details.ipb__advanced');
  for (const [fragment, open] of [
    ['#ipb=1&account=123456789012&region=eu-west-1&secrets=matillion/agent&kms=1234abcd-12ab-34cd-56ef-1234567890ab', true],
    ['#ipb=1&account=123456789012&ec2=0', true],
    ['#ipb=1&task=1&runtime=etl/db', true],
    ['#ipb=1&account=123456789012&region=eu-west-1&secrets=matillion/agent&scope=region', false],
  ]) {
    const { page, context, trouble } = await openPage(site.browser, site.server.origin, { path: `/${fragment}` });
    assert.equal(await advanced(page).evaluate((details) => details.open), open, fragment);
    assert.deepEqual(trouble(), []);
    await context.close();
  }
});
