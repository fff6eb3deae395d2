// Every way a docs site embeds the builder, driven as a reader would: the drop-in widget
// (twice on one page, also under a hostile stylesheet), the iframe page
// under its strict Content Security Policy, and the JS API. Each loads with no console
// error or warning and no CSP violation, and axe finds nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { ECS_ACCESS_DENIED, ROOT, addWidgetFiles, cli, widgetsStyled, holdWasm, openPage, serveDist, servedPage, shownDocuments, widgetsLive } from './harness.mjs';
import { EMBED_CSP, PAGE_CSP } from '../../scripts/static-server.mjs';

const site = servedPage();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Waits until `count` builders are live and show their account field, in the page or its frames. */
function builders(count, frame = (page) => page) {
  return async (page) => {
    await widgetsLive(frame(page));
    const fields = frame(page).getByLabel('AWS account ID');
    await fields.nth(count - 1).waitFor();
    assert.equal(await fields.count(), count);
  };
}

const inFrame = (page) => page.frameLocator('iframe');

/**
 * A fresh page whose console messages of one type (`error`, `warning`) are collected, for
 * tests that expect some, unlike openPage's, where any is a failure.
 */
async function pageRecording(type) {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const messages = [];
  page.on('console', (message) => message.type() === type && messages.push(message.text()));
  return { context, page, messages };
}

/** Appends a `tag` element marked for a builder, with these data attributes. */
function addBuilderElement(page, dataset = {}, tag = 'div') {
  return page.evaluate(([dataset, tag]) => {
    const element = document.createElement(tag);
    if (tag === 'img') element.alt = '';
    Object.assign(element.dataset, { iamPolicyBuilder: '' }, dataset);
    document.body.append(element);
  }, [dataset, tag]);
}

const EXAMPLES = [
  ['examples/docs-page.html', builders(2)],
  ['examples/iframe.html', builders(1, inFrame)],
  ['examples/js-api.html', builders(1)],
  ['embed/embed.html', builders(1)],
];

for (const [path, ready] of EXAMPLES) {
  test(`${path} loads cleanly and axe finds no violation`, async () => {
    const { page, context, trouble } = await openPage(site.browser, site.server.origin, { path: `/${path}`, ready });
    // Checked before axe runs: axe adds a <style> of its own, which the strict policy
    // rightly refuses.
    assert.deepEqual(trouble(), []);
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(violations, []);
    assert.deepEqual(results.incomplete.map((i) => i.id), []);
    await context.close();
  });
}

test('the embed page is served under the strict policy and loads only what it names, each with integrity', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    path: '/embed/embed.html',
    ready: builders(1),
  });
  const response = await page.request.get(`${site.server.origin}/embed/embed.html`);
  assert.equal(response.headers()['content-security-policy'], EMBED_CSP);
  assert.equal(response.headers()['referrer-policy'], 'no-referrer');

  const html = readFileSync(join(ROOT, 'dist/embed/embed.html'), 'utf8');
  assert.doesNotMatch(html, /<script>|<script type="module">|<style|style=/, 'no inline script or style');
  const assets = [...html.matchAll(/<(?:link|script)\b[^>]*\b(?:href|src)="([^"]+)"[^>]*>/g)];
  assert.deepEqual(assets.map(([, file]) => file).sort(), [
    'favicon.svg',
    // It tells a framing page its height.
    'frame-height.js',
    // The page's, and the pre-rendered builder's in its declarative shadow root.
    'iam-policy-builder.css',
    'iam-policy-builder.css',
    'iam_policy_builder.js',
    'widget.js',
  ]);
  for (const [tag, file] of assets) {
    const hash = createHash('sha384').update(readFileSync(join(ROOT, 'dist/embed', file))).digest('base64');
    assert.match(tag, new RegExp(`integrity="sha384-${hash.replace(/[+/]/g, '\\$&')}"`), `${file}'s integrity`);
  }
  // The widget script loads the glue and the wasm itself, so it holds both hashes.
  const widget = readFileSync(join(ROOT, 'dist/embed/widget.js'), 'utf8');
  for (const file of ['iam_policy_builder.js', 'iam_policy_builder_bg.wasm']) {
    const hash = createHash('sha384').update(readFileSync(join(ROOT, 'dist/embed', file))).digest('base64');
    assert.ok(widget.includes(`"sha384-${hash}"`), `${file}'s hash in widget.js`);
  }
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('an empty widget element says the builder is loading, without jumping, until it is mounted', async () => {
  const { context, page, messages: errors } = await pageRecording('error');
  const release = await holdWasm(page);
  await page.goto(`${site.server.origin}/examples/index.html`);
  await addBuilderElement(page);
  await addWidgetFiles(page);
  const element = page.locator('[data-iam-policy-builder]');
  const note = element.getByText('Loading the IAM policy builder…');
  await note.waitFor();
  assert.equal(await element.getAttribute('aria-busy'), 'true');
  // Under the builder's own title, in a box a window tall (at most 50em), and legible.
  assert.equal(await element.getByRole('heading', { level: 2 }).textContent(), 'IAM policies for the Matillion agent on ECS Fargate');
  const { height } = await element.locator('.ipb--loading').boundingBox();
  assert.equal(height, Math.min(await page.evaluate(() => innerHeight), 800), 'the loading box is a window tall');
  const contrast = await new AxeBuilder({ page })
    .include({ fromShadowDom: ['[data-iam-policy-builder]', '[data-ipb-loading]'] })
    .withRules(['color-contrast'])
    .analyze();
  assert.deepEqual(contrast.violations.map((v) => v.id), []);
  assert.ok(contrast.passes.some((rule) => rule.id === 'color-contrast'), 'the contrast was checked, not left undecided');
  await page.setViewportSize({ width: 360, height: 800 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'no sideways scroll on a phone');
  release();
  await element.getByLabel('AWS account ID').waitFor();
  assert.equal(await element.getAttribute('aria-busy'), null);
  assert.equal(await page.locator('[data-ipb-loading]').count(), 0, 'the note is gone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a docs page whose builder is far below the screen fetches it only once the page has loaded', async () => {
  const { context, page, messages: errors } = await pageRecording('error');
  // A long docs page: the builder is three screens down.
  await page.route('**/examples/far.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Far</title>
      <link rel="stylesheet" href="../embed/iam-policy-builder.css">
      <script type="module" src="../embed/widget.js"></script></head>
      <body><main><h1>Setting up the agent</h1><p style="height: 300vh">Long text.</p>
      <div data-iam-policy-builder></div></main></body></html>`,
  }));
  await page.goto(`${site.server.origin}/examples/far.html`);
  await page.locator('[data-iam-policy-builder]').getByLabel('AWS account ID').waitFor();
  const [loaded, glue, wasm] = await page.evaluate(() => {
    const start = (suffix) => performance.getEntriesByType('resource').find((entry) => entry.name.endsWith(suffix)).startTime;
    return [performance.getEntriesByType('navigation')[0].loadEventEnd, start('/iam_policy_builder.js'), start('/iam_policy_builder_bg.wasm')];
  });
  assert.ok(glue >= loaded, `the glue was requested at ${glue} ms, before the page had loaded at ${loaded} ms`);
  assert.ok(wasm >= loaded, `the wasm was requested at ${wasm} ms, before the page had loaded at ${loaded} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tampered wasm is refused, and the reader is told the builder could not load', async () => {
  const { context, page, messages: errors } = await pageRecording('error');
  await page.route('**/iam_policy_builder_bg.wasm', async (route) => {
    const original = await route.fetch();
    const body = Buffer.from(await original.body());
    body[body.length - 1] ^= 0xff;
    await route.fulfill({ response: original, body });
  });
  await page.goto(`${site.server.origin}/embed/embed.html`);
  await page.getByRole('alert').getByText('The IAM policy builder could not load').waitFor();
  assert.ok(errors.some((text) => /integrity/i.test(text)), errors.join('\n'));
  assert.equal(await page.getByLabel('AWS account ID').count(), 0);
  await context.close();
});

// Security review, issue 25 item 4: with the glue altered, Chromium refused the iframe
// page's modulepreload for its hash, then widget.js imported the glue again without one
// and the altered code ran. Now nothing of a glue that fails its hash runs, on the iframe
// page (which preloads it in its HTML) or on a docs page (which does not).
for (const [path, what] of [
  ['/embed/embed.html', 'the iframe page'],
  ['/examples/docs-page.html', 'a docs page with the widget'],
]) {
  test(`a tampered JS glue never runs on ${what}, and the reader is told the builder could not load`, async () => {
    const { context, page, messages: errors } = await pageRecording('error');
    await page.route('**/embed/iam_policy_builder.js', async (route) => {
      const original = await route.fetch();
      // Code an attacker would add, which must never run.
      const body = `globalThis.__ipbTampered = true;\n${await original.text()}`;
      await route.fulfill({ status: 200, contentType: 'text/javascript', body });
    });
    await page.goto(`${site.server.origin}${path}`);
    await page.getByRole('alert').getByText('The IAM policy builder could not load').first().waitFor();
    assert.equal(await page.evaluate(() => globalThis.__ipbTampered ?? false), false, 'the altered glue ran');
    assert.ok(errors.some((text) => /integrity/i.test(text)), errors.join('\n'));
    assert.equal(await page.getByLabel('AWS account ID').count(), 0);
    await context.close();
  });
}

test('the iframe page takes its form and its look from the query string', async () => {
  const query = '?region=cn-north-1&account=123456789012&secrets=matillion/agent&theme=dark&compact=true';
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    path: `/embed/embed.html${query}`,
    ready: builders(1),
  });
  assert.equal(await page.getByLabel('Region', { exact: true }).inputValue(), 'cn-north-1');
  const shown = await shownDocuments(page);
  const expected = cli({ account: '123456789012', region: 'cn-north-1', secrets: ['matillion/agent'] });
  for (const document of expected.documents) assert.deepEqual(shown[document.id], document.policy);
  const root = page.locator('.ipb');
  assert.match(await root.getAttribute('class'), /ipb--dark/);
  assert.match(await root.getAttribute('class'), /ipb--compact/);
  assert.deepEqual(trouble(), []);
  await context.close();
});

// Security review, findings 2 and 3: a link could hide the scope control and its warning
// while the policy granted every secret, and load a stylesheet from anywhere.
test('a hostile query string cannot hide a "*" grant or load a stylesheet', async (t) => {
  const elsewhere = await serveDist(join(ROOT, 'dist/embed'));
  // Closed whether the test passes or not: an open server keeps the test file from ending.
  t.after(() => elsewhere.close());
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  const query = new URLSearchParams({
    account: '123456789012',
    region: 'eu-west-1',
    secretScope: 'all',
    options: 'none',
    documents: 'execution-role-secrets-policy',
    exports: 'none',
    stylesheet: `${elsewhere.origin}/iam-policy-builder.css`,
  });
  await page.goto(`${site.server.origin}/embed/embed.html?${query}`);
  await builders(1)(page);

  const card = page.locator('article', { has: page.locator('pre[data-document="execution-role-secrets-policy"]') });
  assert.deepEqual(JSON.parse(await card.locator('pre').textContent()).Statement[0].Resource, '*');
  await card.getByText('can read every secret in every region').waitFor();
  // Nothing the address asked to hide is hidden.
  assert.equal(await page.getByRole('group', { name: 'Which secrets may the execution role read?' }).getByRole('radio').count(), 4);
  assert.equal(await page.getByRole('group', { name: /new, or one you already have/ }).count(), 2);
  assert.equal(await page.locator('pre[data-document]').count(), 2);
  assert.ok(await page.getByRole('tablist').count() > 0, 'the export tabs are shown');
  assert.deepEqual(requests.filter((url) => !url.startsWith(site.server.origin)), []);
  for (const name of ['data-options', 'data-documents', 'data-exports', 'data-stylesheet']) {
    assert.ok(warnings.some((w) => w.includes(`${name} `) && w.includes("in the page's address was ignored")), `${name}: ${warnings.join('\n')}`);
  }
  await context.close();
});

test('embed.html keeps its policy on a host that sends no header', async (t) => {
  // dist/embed/ served as a plain folder: /embed.html, with no Content-Security-Policy.
  const plainHost = await serveDist(join(ROOT, 'dist/embed'), { plain: true });
  const elsewhere = await serveDist(join(ROOT, 'dist'));
  t.after(() => Promise.all([plainHost.close(), elsewhere.close()]));
  const { page, context } = await pageRecording('error');
  const response = await page.goto(`${plainHost.origin}/embed.html`);
  assert.equal(response.headers()['content-security-policy'], undefined);
  await builders(1)(page);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.equal(meta, PAGE_CSP);
  const blocked = await page.evaluate(async (href) => {
    const violation = new Promise((resolve) =>
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true }),
    );
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.append(link);
    return violation;
  }, `${elsewhere.origin}/embed/iam-policy-builder.css`);
  assert.match(blocked, /^style-src/);
  await context.close();
});

/** The two builders of the docs page, as locators inside their shadow roots. */
function docsWidgets(page) {
  const hosts = page.locator('[data-iam-policy-builder]');
  return [hosts.nth(0), hosts.nth(1)];
}

test('two widgets on one page keep their own settings and their own state', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    path: '/examples/docs-page.html',
    ready: builders(2),
  });
  const [full, trimmed] = docsWidgets(page);

  // Each shows what its attributes asked for.
  assert.equal(await full.locator('pre[data-document]').count(), 2);
  assert.deepEqual(await trimmed.getByRole('heading', { level: 4 }).allTextContents(), [
    'Task execution role inline policy',
    'The task execution role as code',
  ]);
  assert.deepEqual(await trimmed.getByRole('tab').allTextContents(), ['Terraform', 'CloudFormation (YAML)']);
  // Its exports cover only the role it shows (issue 27 item 3), and name no tab it lacks.
  const terraform = await trimmed.locator('pre[data-export="terraform"]').innerText();
  assert.match(terraform, /aws_iam_role/);
  assert.doesNotMatch(terraform, /task_role/);
  assert.doesNotMatch(await trimmed.locator('.ipb__card--wide .ipb__role').last().innerText(), /AWS CLI/);
  assert.equal(await trimmed.getByRole('heading', { level: 3 }).first().textContent(), 'IAM policies for the Matillion agent on ECS Fargate');
  assert.equal(await full.getByRole('heading', { level: 2 }).first().textContent(), 'IAM policies for the Matillion agent on ECS Fargate');
  assert.equal(await trimmed.getByLabel('Let EC2 assume the task role too').count(), 0);
  assert.equal(await trimmed.getByLabel('Customer managed KMS keys').count(), 1);
  assert.equal(await full.getByLabel('Secret names').inputValue(), 'matillion/agent');
  assert.equal(await trimmed.getByLabel('Secret names').inputValue(), '');
  const dark = await trimmed.locator('.ipb').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(dark, 'rgb(22, 24, 29)');

  // Typing in one leaves the other exactly as it was.
  const before = await trimmed.locator('.ipb').innerHTML();
  await full.getByLabel('AWS account ID').pressSequentially('123456789012');
  await full.getByLabel('Secret names').fill('prod/db');
  const fullPolicy = JSON.parse(await full.locator('pre[data-document="execution-role-secrets-policy"]').textContent());
  assert.deepEqual(fullPolicy.Statement[0].Resource, ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????']);
  assert.equal(await trimmed.locator('.ipb').innerHTML(), before);

  // And the other way round.
  await trimmed.getByLabel('AWS account ID').pressSequentially('210987654321');
  assert.equal(await full.getByLabel('AWS account ID').inputValue(), '123456789012');
  assert.deepEqual(
    JSON.parse(await full.locator('pre[data-document="execution-role-secrets-policy"]').textContent()),
    fullPolicy,
  );
  assert.deepEqual(trouble(), []);
  await context.close();
});

/** Computed styles that decide how the builder looks, for a sample of its elements. */
async function widgetStyles(page) {
  return page.evaluate(() => {
    const properties = [
      'display', 'visibility', 'opacity', 'box-sizing', 'font-family', 'font-size', 'font-style',
      'font-weight', 'line-height', 'letter-spacing', 'word-spacing', 'text-transform', 'text-align',
      'direction', 'color', 'background-color', 'margin-top', 'margin-left', 'padding-top',
      'padding-left', 'border-top-width', 'border-top-style', 'border-top-color', 'cursor',
    ];
    return [...document.querySelectorAll('[data-iam-policy-builder]')].map((host) => {
      const elements = [host, ...host.shadowRoot.querySelectorAll(
        '.ipb, .ipb__title, .ipb__intro, label, input, textarea, button, pre, .ipb__card, .ipb__card-title, li, summary',
      )];
      const box = host.getBoundingClientRect();
      return {
        visible: box.height > 400,
        elements: elements.map((el) => {
          const style = getComputedStyle(el);
          return `${el.tagName} ${el.className}: ${properties.map((p) => `${p}=${style.getPropertyValue(p)}`).join('; ')}`;
        }),
      };
    });
  });
}

/** Computed styles of the host page's own elements. */
async function hostStyles(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('body, header, h1, h2, p, a, main')].map((el) => {
      const style = getComputedStyle(el);
      return `${el.tagName}: ${[...style].map((p) => `${p}=${style.getPropertyValue(p)}`).join('; ')}`;
    }));
}

test('the hostile stylesheet changes nothing in the widgets, and the widgets change nothing in the page', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    path: '/examples/docs-page.html',
    ready: builders(2),
  });
  const unharmed = await widgetStyles(page);
  // The fixture's stylesheet: uppercase italic text, huge spacing, !important on every
  // element it can name, as a careless or hostile docs theme might.
  const hostile = readFileSync(join(ROOT, 'tests/e2e/fixtures/hostile.css'), 'utf8');
  await page.addStyleTag({ content: hostile });
  const underAttack = await widgetStyles(page);
  assert.deepEqual(underAttack.map((w) => w.visible), [true, true]);
  assert.ok(unharmed[0].elements.length > 30, `${unharmed[0].elements.length} elements compared`);
  assert.deepEqual(underAttack, unharmed);

  // The builder's own stylesheet, linked in the page, styles nothing of the page.
  const withBuilderCss = await hostStyles(page);
  await page.evaluate(() => document.querySelector('link[href$="iam-policy-builder.css"]').remove());
  assert.deepEqual(await hostStyles(page), withBuilderCss);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('the JS API builds, mounts, destroys and mounts again', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    path: '/examples/js-api.html',
    ready: builders(1),
  });
  const built = JSON.parse(await page.locator('#built').textContent());
  const expected = cli({ account: '123456789012', region: 'cn-north-1', secrets: ['matillion/agent'] });
  assert.deepEqual(built, expected.documents[0].policy);
  assert.match(JSON.stringify(built), /ec2\.amazonaws\.com\.cn/);

  await page.getByRole('button', { name: 'Remove the builder' }).click();
  assert.equal(await page.getByLabel('AWS account ID').count(), 0);
  assert.equal(await page.locator('#builder').evaluate((el) => el.shadowRoot.childNodes.length), 0);
  await page.getByRole('button', { name: 'Mount the builder again' }).click();
  await page.getByLabel('AWS account ID').waitFor();
  assert.equal(await page.getByLabel('Region', { exact: true }).inputValue(), 'cn-north-1');
  assert.deepEqual(await page.getByRole('tab').allTextContents(), ['AWS CDK (TypeScript)', 'Terraform']);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('bad widget settings are named in a console warning, and the widget still works', async () => {
  const { context, page, messages: warnings } = await pageRecording('warning');
  await page.goto(`${site.server.origin}/examples/index.html`);
  await addBuilderElement(page);
  await addWidgetFiles(page);
  await page.getByLabel('AWS account ID').waitFor();
  // Added once the widget runs: elements that arrive later are mounted too.
  await addBuilderElement(page, { theme: 'purple', colour: 'red' });
  const later = page.locator('[data-iam-policy-builder]').nth(1);
  await later.getByLabel('AWS account ID').waitFor();
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.equal(warnings[0], 'iam-policy-builder: data-theme (theme)="purple" is not auto, light or dark; using auto.');
  assert.match(warnings[1], /^iam-policy-builder: data-colour \(colour\) is not a setting of the builder; it takes data-platform, data-eks-error, data-ecs-error, data-account, /);
  await later.getByLabel('AWS account ID').fill('123456789012');
  assert.match(await later.locator('pre[data-document="task-role-trust-policy"]').textContent(), /ecs-tasks/);

  // An element removed from the page takes its builder with it.
  await page.evaluate(() => document.querySelectorAll('[data-iam-policy-builder]')[1].remove());
  assert.equal(await page.getByLabel('AWS account ID').count(), 1);
  await context.close();
});

test('the keyboard reaches into each widget and on through it, in page order', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    path: '/examples/docs-page.html',
    ready: builders(2),
  });
  // The focused element, looking through shadow roots: which widget, and its label.
  const focused = () => page.evaluate(() => {
    let element = document.activeElement;
    const hosts = [...document.querySelectorAll('[data-iam-policy-builder]')];
    const widget = hosts.indexOf(element);
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    const label = element?.id ? element.getRootNode().querySelector(`label[for="${element.id}"]`)?.textContent : null;
    return { widget, label: (label ?? element?.textContent ?? '').trim() };
  });
  const reached = [];
  for (let i = 0; i < 120 && reached.filter((r) => r.label === 'AWS account ID').length < 2; i += 1) {
    await page.keyboard.press('Tab');
    reached.push(await focused());
  }
  const accounts = reached.filter((r) => r.label === 'AWS account ID');
  assert.deepEqual(accounts.map((r) => r.widget), [0, 1], 'Tab reaches the first widget, then the second');
  // Typing goes to the field that has focus, in the second widget.
  await page.keyboard.type('123456789012');
  const [first, second] = docsWidgets(page);
  assert.equal(await second.getByLabel('AWS account ID').inputValue(), '123456789012');
  assert.equal(await first.getByLabel('AWS account ID').inputValue(), '');
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('an element that cannot hold a builder is named in a console error, and the others still mount', async () => {
  const { context, page, messages: errors } = await pageRecording('error');
  await page.goto(`${site.server.origin}/examples/index.html`);
  await addBuilderElement(page, {}, 'img');
  await addBuilderElement(page);
  await addWidgetFiles(page);
  await page.getByLabel('AWS account ID').waitFor();
  assert.deepEqual(errors, [
    'iam-policy-builder: mount(): this <img> cannot hold a builder: it cannot take a shadow root (elements such as <img>, <input> or <a> cannot, nor one that already has a closed shadow root). Use an empty <div>.',
  ]);
  await context.close();
});

test('mount() refuses options that are not an object, and a second mount on the same element, saying what to do', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
    path: '/examples/js-api.html',
    ready: builders(1),
  });
  const thrown = await page.evaluate(async () => {
    // The same module instance the page initialised.
    const { mount } = await import('../embed/iam_policy_builder.js');
    const attempt = (element, options) => {
      try {
        mount(element, options);
        return null;
      } catch (error) {
        return error.message;
      }
    };
    return [
      attempt(document.createElement('div'), 'eu-west-1'),
      attempt(document.createElement('div'), ['eu-west-1']),
      attempt(document.getElementById('builder'), {}),
    ];
  });
  assert.deepEqual(thrown, [
    'mount(element, options): options must be an object such as { region: "eu-west-1", theme: "dark" }',
    'mount(element, options): options must be an object such as { region: "eu-west-1", theme: "dark" }',
    'mount(): this element already holds a builder; call destroy() on it first',
  ]);
  assert.deepEqual(trouble(), []);
  await context.close();
});

// Security review, finding 6: inside someone else's page, the page's scripts can read the
// widget, and the widget must not promise otherwise; the iframe page can promise it.
test('a widget says the page around it can read it; the iframe page says nothing leaves it', async () => {
  const docs = await openPage(site.browser, site.server.origin, { path: '/examples/docs-page.html', ready: builders(2) });
  for (const widget of docsWidgets(docs.page)) {
    await widget.getByText("can be read by the page's own scripts").waitFor();
    assert.equal(await widget.getByText('nothing you type is sent anywhere').count(), 0);
  }
  await docs.context.close();
  const framed = await openPage(site.browser, site.server.origin, { path: '/embed/embed.html', ready: builders(1) });
  await framed.page.getByText('Everything happens in this page: nothing you type is sent anywhere.').waitFor();
  await framed.context.close();
});

// Issue 27 item 5: native controls (radios, checkboxes, text boxes, scrollbars) are drawn
// in the `color-scheme` they compute, which the host page's reaches through the shadow
// root. A widget in its own palette must draw them in that palette's scheme, whatever the
// host's; one that follows a host's theme variables (mdBook's --fg/--bg) follows its scheme.
for (const reader of ['light', 'dark']) {
  for (const [host, hostCss, followsHost] of [
    ['a light page', ':root { color-scheme: light; }', false],
    ['a dark page', ':root { color-scheme: dark; }', false],
    ['a dark page with theme variables', ':root { color-scheme: dark; --fg: #ddd; --bg: #222; }', 'dark'],
    ['a light page with theme variables', ':root { color-scheme: light; --fg: #111; --bg: #fff; }', 'light'],
  ]) {
    test(`in ${host}, for a reader who prefers ${reader}, every control of every widget is drawn in its widget's scheme`, async () => {
      const context = await site.browser.newContext({ colorScheme: reader });
      const page = await context.newPage();
      await page.goto(`${site.server.origin}/examples/index.html`);
      await page.addStyleTag({ content: hostCss });
      for (const theme of ['auto', 'light', 'dark']) await addBuilderElement(page, { theme, ecsError: 'x' });
      await addWidgetFiles(page);
      await builders(3)(page);
      await widgetsStyled(page);
      const found = await page.evaluate(() =>
        [...document.querySelectorAll('[data-iam-policy-builder]')].map((element) => {
          const controls = [...element.shadowRoot.querySelectorAll('input, textarea, select, button')];
          const schemes = new Set(controls.map((control) => getComputedStyle(control).colorScheme));
          return { theme: element.dataset.theme, controls: controls.length, schemes: [...schemes] };
        }));
      for (const { theme, controls, schemes } of found) {
        const expected = theme === 'auto' ? followsHost || reader : theme;
        assert.ok(controls > 10, `${controls} controls in the ${theme} widget`);
        assert.deepEqual(schemes, [expected], `the ${theme} widget's controls`);
      }
      await context.close();
    });
  }
}

// Issue 27 item 9: every builder named its form "Your agent's AWS details" and its cards'
// area "Generated policies", so a page with two had two landmarks of each name, and its
// JSON blocks and diagnoses too. With four widgets on the docs page (two alike, one with a
// diagnosis), at both widths and in both schemes, no two landmarks share a role and name.
for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 360]) {
    test(`${colorScheme} at ${width} px: four widgets on one page give every landmark a name of its own`, async () => {
      const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
        path: '/examples/docs-page.html',
        ready: builders(2),
        viewport: { width, height: 900 },
      });
      await page.emulateMedia({ colorScheme });
      await addBuilderElement(page, { region: 'eu-west-1', secrets: 'matillion/agent' });
      await addBuilderElement(page, { ecsError: ECS_ACCESS_DENIED, documents: 'execution-role-secrets-policy' });
      await builders(4)(page);
      await page.locator('[data-iam-policy-builder]').nth(3).locator('.ipb__diagnosis').waitFor();
      assert.deepEqual(trouble(), []);
      const results = await new AxeBuilder({ page })
        .withRules(['landmark-unique', 'landmark-no-duplicate-banner', 'landmark-no-duplicate-contentinfo'])
        .analyze();
      const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(violations, []);
      // And every one of them is named for its builder, so a reader can tell them apart.
      const names = await page.evaluate(() => {
        const out = [];
        for (const host of document.querySelectorAll('[data-iam-policy-builder]')) {
          for (const landmark of host.shadowRoot.querySelectorAll('form[aria-label], section[aria-label], section[aria-labelledby], [role="region"]')) {
            const label = landmark.getAttribute('aria-label')
              ?? landmark.getAttribute('aria-labelledby').split(' ').map((id) => host.shadowRoot.getElementById(id).textContent).join(' ');
            out.push(`${landmark.getAttribute('role') ?? landmark.tagName.toLowerCase()}: ${label}`);
          }
        }
        return out;
      });
      assert.ok(names.length > 10, names.join('\n'));
      assert.deepEqual(names.filter((name, i) => names.indexOf(name) !== i), [], names.join('\n'));
      await context.close();
    });
  }
}
