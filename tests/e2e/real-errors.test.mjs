// Real ECS errors on the page: one text of every family in the corpus of texts people
// pasted in public issues and forums (crates/iam-policy-core/tests/data/real/), pasted
// into the page's error box as a person would. The card says what the CLI says — the
// cause's heading, the message, the builder's own commands — and the form is filled as
// the CLI's response says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, openPage, servedPage } from './harness.mjs';

const site = servedPage();
const CORPUS = JSON.parse(readFileSync(join(ROOT, 'crates/iam-policy-core/tests/data/real/ecs-errors.json'), 'utf8'));

/** The first text of each family. */
function onePerFamily() {
  const seen = new Map();
  for (const entry of CORPUS) if (!seen.has(entry.family)) seen.set(entry.family, entry);
  return [...seen.values()];
}

test('one real text of every family gets, on the page, the diagnosis the CLI gives', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  const box = page.getByLabel('Task failed to start? Paste the error from the ECS console');
  const families = onePerFamily();
  assert.ok(families.length >= 20, `${families.length} families`);
  for (const entry of families) {
    const expected = cli({ ecsError: entry.text }).diagnosis;
    await box.fill(entry.text);
    const card = page.locator('.ipb__diagnosis');
    await card.getByRole('heading', { name: expected.title, exact: true }).waitFor();
    const shown = await card.innerText();
    assert.ok(shown.includes(expected.message.slice(0, 60)), `${entry.source}: ${shown}`);
    const commands = await card.locator('code').allInnerTexts();
    assert.deepEqual(
      commands,
      expected.steps.filter((s) => s.command).map((s) => s.command),
      entry.source,
    );
  }
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('"ECS was unable to assume the role" fills the role the error names', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  const text = CORPUS.find((e) => e.source === 'github:aws-samples/aws-modern-application-workshop#88').text;
  await page.getByLabel('Task failed to start? Paste the error from the ECS console').fill(text);
  await page.getByRole('heading', { name: 'ECS could not assume the role', exact: true }).waitFor();
  const filled = cli({ ecsError: text }).problems.find((p) => p.code === 'filled-from-ecs-error');
  assert.equal(filled.field, 'taskRoleName');
  // The page fills the field as the error is pasted; it and the CLI say the same.
  assert.equal(await page.getByLabel('Task role name', { exact: true }).inputValue(), 'MythicalMysfitsCoreStack-ECSTaskRole-FXO3A6J08BN');
  await page.getByText(filled.message).waitFor();
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('the diagnosis links to the card that is the fix', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  const text = CORPUS.find((e) => e.source === 'github:aws-samples/aws-modern-application-workshop#88').text;
  await page.getByLabel('Task failed to start? Paste the error from the ECS console').fill(text);
  const link = page.locator('.ipb__diagnosis').getByRole('link', { name: 'Go to the fix: the task role trust policy' });
  await link.click();
  const target = await link.getAttribute('href');
  assert.equal(await page.locator(target).innerText(), 'Task role trust policy');
  // Followed by script, so it works inside a widget's shadow root too: the card's heading
  // has the focus, and the address is left alone.
  assert.ok(await page.evaluate(() => document.activeElement.id.endsWith('-task-role-trust-policy-title')));
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.deepEqual(trouble(), []);
  await context.close();
});
