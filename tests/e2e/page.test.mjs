// The built page, driven the way a person uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, openPage, servedPage, shownDocuments } from './harness.mjs';
import { pageCsp } from '../../scripts/static-server.mjs';

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

test('too many secrets under one path: one click switches to their shared prefix and focuses it', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  await fillForm(page);
  const names = Array.from({ length: 300 }, (_, i) => `matillion/${['agent', 'db', 'dbt'][i % 3]}-${i}`);
  await page.getByLabel('Secret names').fill(names.join('\n'));
  await page.getByText('Every listed secret starts with “matillion/”').waitFor();
  await page.getByRole('button', { name: 'Use the prefix matillion/' }).click();
  const prefix = page.getByLabel('Secret name prefix');
  assert.equal(await prefix.inputValue(), 'matillion/');
  assert.ok(await prefix.evaluate((el) => el === document.activeElement), 'focus is on the prefix it filled in');
  const expected = cli({ ...REQUEST, secrets: names, secretScope: 'prefix', secretPrefix: 'matillion/' });
  assert.deepEqual(expected.problems.filter((p) => p.severity === 'error'), []);
  const shown = await shownDocuments(page);
  assert.deepEqual(shown['execution-role-secrets-policy'], expected.documents.find((d) => d.id === 'execution-role-secrets-policy').policy);
  // The list stays as typed, for switching back.
  assert.equal(await page.getByLabel('Secret names').inputValue(), names.join('\n'));
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

// Security review, finding 5: the page had an inline start script (so no CSP) and no
// integrity on its JS and wasm. Now it is held to the iframe page's strictness.
test('the page runs no inline script, carries the strict policy and has integrity on every file', async () => {
  const html = readFileSync(join(ROOT, 'dist/index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script has a src');
  assert.doesNotMatch(html, /\sstyle=|\son[a-z]+=/, 'no style attribute or handler');
  // One inline stylesheet (the first paint waits for no request), allowed by its hash alone.
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
  assert.equal(styles.length, 1, 'one <style>');
  assert.equal((html.match(/<style/g) ?? []).length, 1, 'no other <style>');
  const styleHash = `sha256-${createHash('sha256').update(styles[0][1]).digest('base64')}`;
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.equal(meta?.[1], pageCsp(styleHash));
  assert.doesNotMatch(meta[1], /unsafe-inline/);
  const hash = (file) => `sha384-${createHash('sha384').update(readFileSync(join(ROOT, 'dist', file))).digest('base64')}`;
  const assets = [...html.matchAll(/<(?:link|script)\b[^>]*\b(?:href|src)="\.?\/?([^"]+)"[^>]*>/g)];
  // The icon and the start script; the glue and the wasm are not linked (the start script
  // fetches them after the first paint), the stylesheet is in the page.
  assert.ok(assets.length >= 2, assets.map(([tag]) => tag).join('\n'));
  assert.ok(!assets.some(([, file]) => file.endsWith('.js') && !file.startsWith('start-')), 'the glue is not preloaded');
  assert.ok(!assets.some(([, file]) => file.endsWith('.wasm')), 'the wasm is not preloaded');
  for (const [tag, file] of assets) assert.ok(tag.includes(`integrity="${hash(file)}"`), `${file}: ${tag}`);
  // The wasm is fetched by the start script, with its hash.
  const [, start] = html.match(/<script type="module"[^>]*src="\.\/(start-[0-9a-f]+\.js)"/);
  const wasm = readdirSync(join(ROOT, 'dist')).find((name) => name.endsWith('.wasm'));
  const glue = readdirSync(join(ROOT, 'dist')).find((name) => name.endsWith('.js') && !name.startsWith('start-'));
  const startScript = readFileSync(join(ROOT, 'dist', start), 'utf8');
  // It is scripts/page-start.js with this build's files and their hashes in its constants.
  assert.ok(startScript.includes(`const WASM = "./${wasm}";\nconst WASM_INTEGRITY = "${hash(wasm)}";`), 'the wasm is fetched with its hash');
  assert.ok(startScript.includes(`const GLUE = "./${glue}";\nconst GLUE_INTEGRITY = "${hash(glue)}";`), 'the glue is preloaded with its hash');
  const unfilled = startScript.replace(/^const (GLUE|GLUE_INTEGRITY|WASM|WASM_INTEGRITY) = .*;$/gm, 'const $1 = null;');
  assert.equal(unfilled, readFileSync(join(ROOT, 'scripts/page-start.js'), 'utf8'), 'nothing else of the start script changes');

  // And the browser applies all of it: a clean load, with no violation, and a stylesheet of
  // anyone else's written into the page is refused.
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  assert.deepEqual(trouble(), []);
  const refused = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true });
    const style = document.createElement('style');
    style.textContent = '.ipb { display: none }';
    document.head.append(style);
  }));
  assert.match(refused, /^style-src/);
  assert.equal(await page.getByLabel('AWS account ID').isVisible(), true);
  await context.close();
});

for (const [file, served] of [
  ['wasm', '**/*.wasm'],
  ['JS glue', '**/iam-policy-builder-web-*.js'],
]) {
  test(`a tampered ${file} is refused and the page says the builder could not load`, async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.route(served, async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[body.length - 1] ^= 1;
      await route.fulfill({ response, body });
    });
    await page.goto(site.server.origin);
    await page.getByRole('alert').getByText('The IAM policy builder could not load').waitFor();
    assert.ok(errors.some((text) => /integrity/i.test(text)), errors.join('\n'));
    assert.equal(await page.getByLabel('AWS account ID').count(), 0);
    await context.close();
  });
}

// Security review, issue 25 item 6: any site could frame the page, and dress it up to make
// its reader click or type there. Only the iframe page may be framed.
test('no page, not even one of this site, can frame the page; the iframe page can be framed', async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${site.server.origin}/examples/index.html`);
  const framed = (src) => page.evaluate((src) => new Promise((resolve) => {
    const frame = Object.assign(document.createElement('iframe'), { src, title: src });
    frame.addEventListener('load', () => resolve(frame.contentDocument?.title ?? null), { once: true });
    document.body.append(frame);
  }), src);
  assert.equal(await framed('/'), null, 'the page was shown in a frame');
  assert.ok(errors.some((text) => text.includes("frame-ancestors 'none'")), errors.join('\n'));
  assert.match(await framed('/embed/embed.html'), /IAM policy builder/);
  await context.close();
});
