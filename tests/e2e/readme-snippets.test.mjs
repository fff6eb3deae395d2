// A docs author copies the README's embed snippets as they are: dist/embed/ goes to
// /iam-policy-builder/ on a fresh site, each snippet into a page of its own, and each page
// must work with nothing else added.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launchBrowser, openPage, readmeSnippet, widgetsLive } from './harness.mjs';
import { serve } from '../../scripts/static-server.mjs';

const SITE = join(ROOT, 'target/readme-site');
const snippet = readmeSnippet;

const page = (title, body) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"></head>
<body><main><h1>${title}</h1>
${body}
</main></body>
</html>
`;

const shared = {};
before(async () => {
  rmSync(SITE, { recursive: true, force: true });
  mkdirSync(SITE, { recursive: true });
  cpSync(join(ROOT, 'dist/embed'), join(SITE, 'iam-policy-builder'), { recursive: true });
  writeFileSync(join(SITE, 'widget.html'), page('Widget snippet', snippet('widget')));
  writeFileSync(join(SITE, 'iframe.html'), page('Iframe snippet', `${snippet('iframe')}\n${snippet('iframe-height')}`));
  writeFileSync(join(SITE, 'snippet.js'), snippet('js-api'));
  writeFileSync(
    join(SITE, 'js-api.html'),
    page('JS API snippet', `<link rel="stylesheet" href="/iam-policy-builder/iam-policy-builder.css">
<div id="builder"></div>
<script type="module" src="/snippet.js"></script>`),
  );
  shared.server = await serve(SITE);
  shared.browser = await launchBrowser();
});
after(async () => {
  await shared.browser?.close();
  await shared.server?.close();
});

test('the widget snippet gives two working, differently configured builders', async () => {
  const { page: tab, context, trouble } = await openPage(shared.browser, shared.server.origin, {
    path: '/widget.html',
    ready: (p) => p.getByLabel('AWS account ID').nth(1).waitFor(),
  });
  const [first, second] = [0, 1].map((n) => tab.locator('[data-iam-policy-builder]').nth(n));
  await first.getByLabel('AWS account ID').fill('123456789012');
  const policy = JSON.parse(await first.locator('pre[data-document="execution-role-secrets-policy"]').textContent());
  assert.deepEqual(policy.Statement[0].Resource, ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????']);
  assert.deepEqual(await second.getByRole('tab').allTextContents(), ['Terraform', 'CloudFormation (YAML)']);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('the iframe snippet shows the builder with the settings in its query string, in a frame as tall as it', async () => {
  const { page: tab, context, trouble } = await openPage(shared.browser, shared.server.origin, {
    path: '/iframe.html',
    ready: (p) => widgetsLive(p.frameLocator('iframe')),
  });
  const frame = tab.frameLocator('iframe');
  assert.equal(await frame.getByLabel('Region', { exact: true }).inputValue(), 'eu-west-1');
  const iframe = tab.locator('iframe');
  assert.equal(await iframe.getAttribute('allow'), 'clipboard-write');
  assert.equal(await iframe.getAttribute('referrerpolicy'), 'no-referrer');
  assert.ok((await iframe.getAttribute('title')).length > 10);
  // The height snippet fits the frame to the builder: nothing scrolls inside it.
  await tab.waitForFunction(() => {
    const frame = document.querySelector('iframe');
    const root = frame.contentDocument?.documentElement;
    return root && root.scrollHeight > 800 && frame.clientHeight === Math.ceil(root.getBoundingClientRect().height);
  });
  assert.deepEqual(trouble(), []);
  await context.close();
});

test('the JS API snippet builds the documents, then mounts and destroys a builder', async () => {
  const { page: tab, context, trouble, logged } = await openPage(shared.browser, shared.server.origin, {
    path: '/js-api.html',
    // The snippet mounts and at once destroys: what stays is an empty shadow root.
    ready: (p) => p.waitForFunction(() => document.querySelector('#builder').shadowRoot?.childNodes.length === 0),
  });
  assert.ok(
    logged().some((line) => line.includes('arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????')),
    logged().join('\n'),
  );
  assert.equal(await tab.getByLabel('AWS account ID').count(), 0);
  assert.deepEqual(trouble(), []);
  await context.close();
});
