// The page is rendered at build time and hydrated when its wasm arrives: the form is real,
// labelled, typeable HTML from the first paint, with the empty form's documents on screen;
// what is typed before the wasm is kept and used, and a button pressed then is pressed
// once live; the hydrated page is the page a client render gives; only the first screen's
// files load before the builder, whose every feature then works offline; and with
// JavaScript off, plain HTML still serves what it can. The iframe page is pre-rendered
// too, into a declarative shadow root, and its live builder takes over what was typed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ECS_ACCESS_DENIED,
  REUSED_ROLES,
  ROOT,
  builderLive,
  cli,
  cliExport,
  existingRoles,
  holdWasm,
  launchBrowser,
  openPage,
  pastedEcsError,
  serveDist,
  shownDocuments,
  widgetsLive,
} from './harness.mjs';
import { AxeBuilder } from '@axe-core/playwright';
import { firstScreenFiles } from '../../scripts/size-report.mjs';

const REQUEST = { account: '123456789012', region: 'eu-west-1', secrets: ['matillion/agent', 'prod/db'], ec2Principal: false };
// The same dist/ with #app emptied, as Trunk alone writes it: the client renders the form.
const CLIENT_RENDERED = join(ROOT, 'target/client-rendered');

const shared = {};
before(async () => {
  rmSync(CLIENT_RENDERED, { recursive: true, force: true });
  cpSync(join(ROOT, 'dist'), CLIENT_RENDERED, { recursive: true });
  const index = readFileSync(join(CLIENT_RENDERED, 'index.html'), 'utf8');
  const emptied = index.replace(/(<main id="app"[^>]*>)[\s\S]*<\/main>/, '$1</main>');
  assert.notEqual(emptied, index, 'dist/index.html holds a pre-rendered builder');
  writeFileSync(join(CLIENT_RENDERED, 'index.html'), emptied);
  shared.server = await serveDist();
  shared.client = await serveDist(CLIENT_RENDERED);
  shared.browser = await launchBrowser();
});
after(async () => {
  await shared.browser?.close();
  await shared.server?.close();
  await shared.client?.close();
});

/**
 * A fresh page at `path` with its wasm held back, as soon as its HTML is parsed: the
 * pre-rendered builder, not yet live. `trouble` collects console errors and warnings;
 * `release` lets the wasm through.
 */
async function beforeLive(path = '/', contextOptions = {}) {
  const context = await shared.browser.newContext(contextOptions);
  const page = await context.newPage();
  const trouble = [];
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && trouble.push(message.text()));
  const release = await holdWasm(page);
  await page.goto(shared.server.origin + path, { waitUntil: 'domcontentloaded' });
  return { context, page, trouble, release };
}

const advanced = (page) => page.locator('details.ipb__advanced:not(.ipb__ecs-error)');

async function fillForm(page) {
  if ((await advanced(page).getAttribute('open')) === null) await page.getByText('Advanced options').click();
  await page.getByLabel('AWS account ID').fill(REQUEST.account);
  await page.getByLabel('Region', { exact: true }).fill(REQUEST.region);
  await page.getByLabel('Secret names').fill(REQUEST.secrets.join('\n'));
  await page.getByLabel('Let EC2 assume the task role too').uncheck();
}

/**
 * The builder as a tree a person meets: each element's name, its attributes (sorted),
 * its controls' live value, checked and open state, and its text — without Yew's
 * hydration markers (comments), and without the value/checked attributes a pre-render
 * writes and a client render sets as properties instead.
 */
const tree = (page) => treeOf(page.locator('#app'));

/** tree() of the element `locator` finds (which may be in a shadow root). */
const treeOf = (locator) =>
  locator.evaluate((app) => {
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent;
      if (node.nodeType !== Node.ELEMENT_NODE) return null;
      const attributes = [...node.attributes]
        .filter((a) => !['value', 'checked'].includes(a.name) || !['INPUT', 'TEXTAREA'].includes(node.tagName))
        .map((a) => `${a.name}=${a.value}`)
        .sort();
      const state = 'value' in node && ['INPUT', 'TEXTAREA', 'SELECT'].includes(node.tagName)
        ? { value: node.value, checked: node.checked ?? null }
        : {};
      const children = [...node.childNodes].map(walk).filter((c) => c !== null);
      // Adjacent text nodes are one text to a reader.
      const merged = children.reduce((all, c) => {
        if (typeof c === 'string' && typeof all.at(-1) === 'string') all[all.length - 1] += c;
        else all.push(c);
        return all;
      }, []);
      return { tag: node.tagName, attributes, ...state, children: merged.filter((c) => c !== '') };
    };
    return walk(app);
  });

test('without JavaScript the form is labelled HTML, the trust policy is complete, and a note says what needs JavaScript', async () => {
  const context = await shared.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(shared.server.origin);
  for (const label of ['AWS account ID', 'Region', 'Secret names', 'Let EC2 assume the task role too']) {
    assert.equal(await page.getByLabel(label, { exact: label === 'Region' }).count(), 1, label);
  }
  const shown = await shownDocuments(page);
  assert.deepEqual(shown['task-role-trust-policy'], cli({}).documents[0].policy);
  assert.equal(cli({}).documents[0].id, 'task-role-trust-policy');
  // (Playwright's text locators skip <noscript>; the paragraph in it is what shows.)
  const note = page.locator('noscript p');
  assert.equal(await note.isVisible(), true);
  assert.match(await note.textContent(), /^With JavaScript off you can read the form/);
  assert.equal(await page.locator('#app').getAttribute('aria-busy'), 'true', 'the page says it is not live');
  await context.close();
});

test('what is typed, ticked and chosen before the wasm arrives is kept and used', async () => {
  const { context, page, trouble, release } = await beforeLive();
  // The pre-rendered form takes keys while the wasm is held back.
  await fillForm(page);
  await page.getByRole('radio', { name: 'Every secret whose name starts with a prefix' }).check();
  assert.equal(await page.locator('#app').getAttribute('aria-busy'), 'true');
  release();
  await builderLive(page);
  assert.equal(await page.getByLabel('AWS account ID').inputValue(), REQUEST.account);
  assert.equal(await page.getByLabel('Secret names').inputValue(), REQUEST.secrets.join('\n'));
  assert.equal(await page.getByLabel('Let EC2 assume the task role too').isChecked(), false);
  // The live form used every value: the documents are the CLI's for the same request.
  const expected = cli({ ...REQUEST, secretScope: 'prefix' });
  const shown = await shownDocuments(page);
  assert.deepEqual(shown['task-role-trust-policy'], expected.documents[0].policy);
  assert.equal(await page.getByRole('radio', { name: 'Every secret whose name starts with a prefix' }).isChecked(), true);
  assert.equal(await page.locator('details.ipb__advanced:not(.ipb__ecs-error)').getAttribute('open'), '', 'Advanced options stay open');
  // The prefix field the choice reveals is live.
  await page.getByLabel('Secret name prefix').fill('prod/');
  assert.match(JSON.stringify(await shownDocuments(page)), /secret:prod\/\*/);
  assert.deepEqual(trouble, []);
  await context.close();
});

test('the hydrated page is the client-rendered page, on arrival and after the first update', async () => {
  const hydrated = await openPage(shared.browser, shared.server.origin);
  const rendered = await openPage(shared.browser, shared.client.origin);
  assert.deepEqual(await tree(hydrated.page), await tree(rendered.page), 'on arrival');
  await fillForm(hydrated.page);
  await fillForm(rendered.page);
  assert.deepEqual(await tree(hydrated.page), await tree(rendered.page), 'after typing');
  const expected = cli(REQUEST);
  const shown = await shownDocuments(hydrated.page);
  for (const document of expected.documents) assert.deepEqual(shown[document.id], document.policy, document.id);
  assert.deepEqual(hydrated.trouble(), []);
  assert.deepEqual(rendered.trouble(), []);
  await hydrated.context.close();
  await rendered.context.close();
});

test('the first screen loads only its own files, and the glue and wasm only once they are in and the form has had its first frame', async () => {
  const context = await shared.browser.newContext();
  const page = await context.newPage();
  const requested = [];
  const trouble = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname.slice(1) || 'index.html'));
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && trouble.push(message.text()));
  await page.goto(shared.server.origin);
  await builderLive(page);
  const first = firstScreenFiles();
  // What comes later is the builder itself: the JS glue and the wasm, nothing else.
  const later = [...new Set(requested.filter((name) => !first.has(name)))];
  assert.deepEqual(later.map((name) => name.replace(/-[0-9a-f]{12,16}/, '')).sort(), ['iam-policy-builder-web.js', 'iam-policy-builder-web_bg.wasm']);
  // Not before the page's own files are in and its document is parsed and started: the
  // start script waits for the first frame, then for the browser's first idle moment.
  // (First contentful paint is the time the frame reaches the screen, which a loaded
  // software compositor may report later than the frame itself, so it is not compared.)
  const [ready, lastFirstScreenFile, laterStart] = await page.evaluate((later) => {
    const resources = performance.getEntriesByType('resource');
    const isLater = (entry) => later.some((name) => entry.name.endsWith(`/${name}`));
    return [
      performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
      Math.max(...resources.filter((entry) => !isLater(entry) && !entry.name.endsWith('.svg')).map((entry) => entry.responseEnd)),
      Math.min(...resources.filter(isLater).map((entry) => entry.startTime)),
    ];
  }, later);
  assert.ok(laterStart >= ready, `the builder was requested at ${laterStart} ms, before the document was ready at ${ready} ms`);
  assert.ok(laterStart >= lastFirstScreenFile, `the builder was requested at ${laterStart} ms, before the first screen's files were in (${lastFirstScreenFile} ms)`);
  const firstLater = requested.findIndex((name) => !first.has(name));
  assert.deepEqual(requested.slice(firstLater).filter((name) => first.has(name) && !name.endsWith('.svg')), [], 'no first-screen file after the builder');
  assert.deepEqual(trouble, []);
  await context.close();
});

/** Where every control of the builder is in the page: what a reader would see move. */
const controlBoxes = (page) =>
  page.locator('#app').evaluate((app) =>
    [...app.querySelectorAll('input, textarea, button, summary, pre')].map((element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return [element.tagName, x + scrollX, y + scrollY, width, height].join(' ');
    }));

test('a button pressed before the wasm arrives is said, moves nothing, and is pressed once the builder is live', async () => {
  const { context, page, trouble, release } = await beforeLive('/', { permissions: ['clipboard-read', 'clipboard-write'] });
  const before = await controlBoxes(page);
  await page.getByRole('button', { name: 'Copy the task role trust policy' }).click();
  const note = page.getByRole('status').filter({ hasText: 'Copy the task role trust policy: one moment, the builder is starting.' });
  await note.waitFor();
  assert.deepEqual(await controlBoxes(page), before, 'the note moves no control of the form');
  assert.equal(await page.locator('#app').getAttribute('aria-busy'), 'true');
  release();
  await builderLive(page);
  // The press is made on the live button: the trust policy is copied, and said.
  await page.getByRole('status').filter({ hasText: 'Copied the task role trust policy' }).waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), cli({}).documents[0].policy);
  assert.equal(await page.locator('.ipb--starting').count(), 0, 'the note is gone once live');
  assert.deepEqual(trouble, []);
  await context.close();
});

for (const width of [1280, 360]) {
  test(`at ${width} px the note for a held press sits inside the window, unclipped and legible`, async () => {
    const { context, page, release } = await beforeLive('/', { viewport: { width, height: 800 } });
    await page.getByRole('button', { name: 'Copy the task role trust policy' }).click();
    const note = page.locator('.ipb--starting');
    await note.getByText('one moment, the builder is starting').waitFor();
    const fit = await note.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return {
        inside: box.left >= 0 && box.right <= innerWidth && box.top >= 0 && box.bottom <= innerHeight,
        clipped: element.scrollWidth > element.clientWidth,
        pageScrolls: document.documentElement.scrollWidth > innerWidth,
      };
    });
    assert.deepEqual(fit, { inside: true, clipped: false, pageScrolls: false });
    const contrast = await new AxeBuilder({ page }).include('.ipb--starting').withRules(['color-contrast']).analyze();
    assert.deepEqual(contrast.violations.map((v) => v.id), []);
    assert.ok(contrast.passes.some((rule) => rule.id === 'color-contrast'), 'the contrast was checked, not left undecided');
    release();
    await builderLive(page);
    await context.close();
  });
}

test('the exports, the existing-role tools and the error reader work the first time they are used, with the network gone', async () => {
  const { page, context, trouble } = await openPage(shared.browser, shared.server.origin);
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  await context.setOffline(true);

  await existingRoles(page);
  let shown = await shownDocuments(page);
  for (const document of cli(REUSED_ROLES).documents) assert.deepEqual(shown[document.id], document.policy, `reused: ${document.id}`);

  for (const [label, format] of [['AWS CLI', 'aws-cli'], ['CloudFormation (YAML)', 'cloudformation'], ['CloudFormation (JSON)', 'cloudformation-json'], ['Terraform', 'terraform'], ['AWS CDK (TypeScript)', 'cdk']]) {
    await page.getByRole('tab', { name: label }).click();
    assert.equal(await page.locator(`pre[data-export="${format}"]`).textContent(), cliExport(REUSED_ROLES, format), label);
  }

  await pastedEcsError(page);
  shown = await shownDocuments(page);
  for (const document of cli({ ...REUSED_ROLES, ecsError: ECS_ACCESS_DENIED }).documents) {
    assert.deepEqual(shown[document.id], document.policy, `with the error: ${document.id}`);
  }
  assert.deepEqual(requested, [], 'nothing is fetched once the page is live');
  assert.deepEqual(trouble(), []);
  await context.close();
});

// The iframe page's builder is rendered at build time too, into a declarative shadow root.
const IFRAME_PAGE = '/embed/embed.html';
const iframeBuilder = (page) => page.locator('main[data-iam-policy-builder] div.ipb[id]');

test('the iframe page without JavaScript shows its labelled form and the complete trust policy', async () => {
  const context = await shared.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(shared.server.origin + IFRAME_PAGE);
  for (const label of ['AWS account ID', 'Region', 'Secret names']) {
    assert.equal(await page.getByLabel(label, { exact: label === 'Region' }).count(), 1, label);
  }
  const shown = await shownDocuments(page);
  assert.deepEqual(shown['task-role-trust-policy'], cli({}).documents[0].policy);
  assert.equal(await page.locator('noscript p').isVisible(), true);
  // Styled as the live builder: the stylesheet reached the shadow root.
  assert.notEqual(await iframeBuilder(page).evaluate((b) => getComputedStyle(b).maxWidth), 'none');
  await context.close();
});

test('the iframe page takes typing before the wasm and keeps it, and the focus, in the live builder', async () => {
  const { context, page, trouble, release } = await beforeLive(IFRAME_PAGE);
  await page.getByLabel('AWS account ID').fill(REQUEST.account);
  await page.getByLabel('Region', { exact: true }).fill(REQUEST.region);
  await page.getByLabel('Secret names').fill(REQUEST.secrets.join('\n'));
  // The reader is still in the secrets box, the caret after "matillion".
  await page.getByLabel('Secret names').evaluate((area) => area.setSelectionRange(9, 9));
  assert.equal(await page.locator('main[data-iam-policy-builder]').getAttribute('aria-busy'), 'true');
  release();
  await widgetsLive(page);
  const { secrets, account } = REQUEST;
  assert.equal(await page.getByLabel('AWS account ID').inputValue(), account);
  assert.equal(await page.getByLabel('Secret names').inputValue(), secrets.join('\n'));
  const focus = await page.evaluate(() => {
    const active = document.querySelector('main[data-iam-policy-builder]').shadowRoot.activeElement;
    return [active?.id, active?.selectionStart, active?.selectionEnd];
  });
  assert.match(focus[0] ?? '', /-secrets$/, 'the secrets box still has the focus');
  assert.deepEqual(focus.slice(1), [9, 9], 'and the caret is where it was');
  const shown = await shownDocuments(page);
  const { ec2Principal, ...typed } = REQUEST;
  for (const document of cli(typed).documents) assert.deepEqual(shown[document.id], document.policy, document.id);
  assert.deepEqual(trouble, []);
  await context.close();
});

test('the iframe page\'s live builder is the one it pre-rendered, element for element', async () => {
  const { context, page, release } = await beforeLive(IFRAME_PAGE);
  const prerendered = await treeOf(iframeBuilder(page));
  release();
  await widgetsLive(page);
  assert.deepEqual(await treeOf(iframeBuilder(page)), prerendered);
  await context.close();
});

for (const [what, path] of [['the page', '/'], ['the iframe page', IFRAME_PAGE]]) {
  test(`before the wasm arrives, axe finds nothing on ${what}`, async () => {
    const { context, page, release } = await beforeLive(path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    release();
    await context.close();
  });
}
