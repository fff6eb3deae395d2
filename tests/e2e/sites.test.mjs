// The builder inside real docs sites, built by the real generators (scripts/build.sh --sites:
// mdBook, MkDocs with Material and its instant navigation, Docusaurus with the React
// component) and driven as a reader would: it mounts once, takes typed keys and shows the
// CLI's documents, copies, follows the site's light/dark switch live (axe clean in both),
// survives the site's own navigation away and back (one builder, no console error, no
// listener left behind), keeps the host's layout at 360 px, leaves the site's keyboard
// shortcuts alone, and loads nothing from another origin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { ROOT, cli, launchBrowser, openPage, readmeSnippet, serveDist, shownDocuments } from './harness.mjs';
import { SITES } from './sites.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const REQUEST = { account: '123456789012', region: 'eu-west-1', secrets: ['matillion/agent', 'prod/pipelines'] };

// Counts listeners added and not removed on the objects that outlive a page's content
// (window, document, <html>, <body>, media queries): a builder destroyed on navigation
// must leave their count as it found it.
function countLongLivedListeners() {
  const live = new Map();
  const longLived = (target) =>
    target === window ||
    target === document ||
    target === document.documentElement ||
    target === document.body ||
    (typeof MediaQueryList !== 'undefined' && target instanceof MediaQueryList);
  const key = (type, listener, options) =>
    `${type}|${typeof options === 'boolean' ? options : Boolean(options?.capture)}|${listener && (listener.__ipbId ??= Math.random())}`;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (longLived(this) && listener) {
      const keys = live.get(this) ?? new Set();
      keys.add(key(type, listener, options));
      live.set(this, keys);
    }
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    live.get(this)?.delete(key(type, listener, options));
    return remove.call(this, type, listener, options);
  };
  window.__ipbListeners = () => [...live.values()].reduce((sum, keys) => sum + keys.size, 0);
}

const builderCount = (page) => page.locator('.ipb').count();

/**
 * Builders no longer on the page that are still alive after a garbage collection: a
 * builder that was not destroyed keeps its DOM reachable from the wasm, where a destroyed
 * one lets it go. Read from the heap through the DevTools protocol.
 */
async function detachedBuilders(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { result: prototype } = await cdp.send('Runtime.evaluate', { expression: 'HTMLElement.prototype' });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      // The list holds the prototypes too (HTMLDivElement.prototype…), whose getters throw.
      functionDeclaration: `function () {
        return this.filter((e) => { try { return e.classList.contains('ipb') && !e.isConnected; } catch { return false; } }).length;
      }`,
      returnByValue: true,
    });
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** Waits for one builder's form, and a little longer, so a second mount would show. */
async function oneBuilder(page) {
  await page.getByLabel('AWS account ID').waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await builderCount(page), 1, 'exactly one builder');
}

/** The builder's text and background colours, and the host's, as computed. */
function colours(page, host) {
  return page.locator(host).first().evaluate((element) => {
    const inner = getComputedStyle(element.shadowRoot.querySelector('.ipb'));
    return { fg: inner.color, bg: inner.backgroundColor };
  });
}

async function axeClean(page, host, state) {
  const results = await new AxeBuilder({ page }).include(host).withTags(TAGS).analyze();
  assert.deepEqual(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe in the ${state} theme`,
  );
}

for (const [name, site] of Object.entries(SITES)) {
  const dir = join(ROOT, 'target/sites', name);
  describe(`the builder in a real ${name} site`, () => {
    let server;
    let browser;
    before(async () => {
      assert.ok(existsSync(dir), `${dir} is missing: run scripts/build.sh --sites`);
      server = await serveDist(dir);
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    const open = async (options = {}) => {
      const opened = await openPage(browser, server.origin, { path: site.path, ready: oneBuilder, ...options });
      return opened;
    };

    test('mounts once between the paragraphs, takes typed keys and shows the CLI documents, and copies', async () => {
      const { page, context, trouble } = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
      // Between the page's two paragraphs, in the article's flow.
      const order = await page.locator(site.host).first().evaluate((host) => {
        const paragraphs = [...document.querySelectorAll('p')].filter((p) => /task role|name them/.test(p.textContent));
        return paragraphs.map((p) => host.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before');
      });
      assert.deepEqual(order, ['before', 'after']);
      const url = page.url();
      await page.getByLabel('AWS account ID').pressSequentially(REQUEST.account);
      // Letters that are keyboard shortcuts on docs sites (n, p, s, f, /) go into the field.
      const secrets = page.getByLabel('Secret names');
      await secrets.fill('');
      await secrets.pressSequentially(REQUEST.secrets.join('\n'));
      assert.equal(await secrets.inputValue(), REQUEST.secrets.join('\n'));
      assert.equal(page.url(), url, 'typing did not turn the page');
      const shown = await shownDocuments(page);
      for (const document of cli(REQUEST).documents) assert.deepEqual(shown[document.id], document.policy, document.id);

      await page.getByRole('button', { name: 'Copy the task execution role inline policy' }).click();
      const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
      assert.deepEqual(copied, shown['execution-role-secrets-policy']);
      // The export tabs' arrow keys move between tabs; they do not turn the site's page.
      const navigations = [];
      page.on('request', (request) => request.isNavigationRequest() && navigations.push(request.url()));
      const tab = page.getByRole('tab').first();
      await tab.focus();
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tab', { selected: true }).filter({ hasNotText: await tab.textContent() }).waitFor();
      assert.deepEqual(navigations, [], 'ArrowRight on the tabs did not turn the page');
      assert.equal(page.url(), url);
      assert.deepEqual(trouble(), []);
      await context.close();
    });

    test("follows the site's light/dark switch live, with axe clean in both", async () => {
      const { page, context, trouble } = await open();
      const light = await colours(page, site.host);
      await axeClean(page, site.host, 'light');
      await site.dark(page);
      assert.equal(await site.isDark(page), true, 'the site is dark');
      const dark = await colours(page, site.host);
      assert.notDeepEqual(dark, light, 'the builder changed with the site');
      // Dark means light text on a dark background: the text is brighter than the fill.
      const brightness = (rgb) => rgb.match(/[\d.]+/g).slice(0, 3).reduce((sum, v) => sum + Number(v), 0);
      assert.ok(brightness(dark.fg) > brightness(dark.bg), `${dark.fg} on ${dark.bg}`);
      assert.ok(brightness(light.fg) < brightness(light.bg), `${light.fg} on ${light.bg}`);
      await axeClean(page, site.host, 'dark');
      assert.deepEqual(trouble(), []);
      await context.close();
    });

    test("survives the site's navigation away and back: one builder, nothing left behind", async () => {
      const { page, context, trouble } = await open({ init: [countLongLivedListeners] });
      const listeners = [];
      for (let round = 0; round < 3; round += 1) {
        await site.away(page);
        await page.waitForURL(/deploying/);
        await page.waitForLoadState('networkidle');
        assert.equal(await builderCount(page), 0, 'no builder on the other page');
        await site.back(page);
        await oneBuilder(page);
        // What the form shows is the page's starting point again, and it works.
        await page.getByLabel('AWS account ID').fill(REQUEST.account);
        assert.match(JSON.stringify(await shownDocuments(page)), /123456789012/);
        listeners.push(await page.evaluate(() => window.__ipbListeners?.() ?? null));
      }
      // Full reloads (mdBook) start counting afresh each time; single-page sites must not grow.
      assert.equal(new Set(listeners).size, 1, `long-lived listeners after each return: ${listeners.join(', ')}`);
      assert.equal(await detachedBuilders(page), 0, 'every builder the site navigated away from was destroyed');
      assert.deepEqual(trouble(), []);
      await context.close();
    });

    test("keeps the host's layout at 360 px: no horizontal scroll", async () => {
      // Opened at that width, as on a phone: sites lay out their navigation for it then.
      const { page, context, trouble } = await open({ viewport: { width: 360, height: 800 } });
      await page.getByLabel('AWS account ID').fill(REQUEST.account);
      await page.getByLabel('Secret names').fill(REQUEST.secrets.join('\n'));
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(widths[0] <= widths[1], `page ${widths[0]} px wide in a ${widths[1]} px window`);
      const box = await page.locator(site.host).first().boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 360, `builder at ${box.x}–${box.x + box.width}`);
      assert.deepEqual(trouble(), []);
      await context.close();
    });
  });
}

test("the README's recipe for each generator is, word for word, what its tested site uses", () => {
  const site = (path) => readFileSync(join(ROOT, 'sites', path), 'utf8');
  assert.equal(`${readmeSnippet('mdbook-head')}\n`, site('mdbook/theme/head.hbs'));
  assert.ok(site('mdbook/src/roles.md').includes(readmeSnippet('mdbook-chapter')));
  assert.ok(site('mkdocs/mkdocs.yml').includes(readmeSnippet('mkdocs-config')));
  assert.ok(site('mkdocs/docs/roles.md').includes(readmeSnippet('mdbook-chapter')), 'the same element in MkDocs');
  for (const line of readmeSnippet('docusaurus-page').split('\n').filter(Boolean)) {
    assert.ok(site('docusaurus/docs/roles.mdx').includes(line), line);
  }
});
