// The same builder in Firefox (Debian's firefox-esr, driven through geckodriver by
// selenium-webdriver): the page, the iframe embed page and the widget on a real docs site
// each take typed keys and show the documents the CLI prints for the same request. Chromium
// runs everything else; this catches what only another engine breaks (wasm loading, shadow
// roots, module scripts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, cli, serveDist } from '../e2e/harness.mjs';
import { Key } from 'selenium-webdriver';
import { firefox } from './firefox.mjs';

const REQUEST = { account: '123456789012', region: 'eu-west-1', secrets: ['matillion/agent', 'prod/db'] };

let browser;
before(async () => {
  browser = await firefox();
});
after(() => browser?.quit());

/** Runs `source`, a function's source, in the page with `args`; what it returns, awaited. */
function run(source, ...args) {
  return browser.executeScript(`return (${source})(...arguments);`, ...args);
}

/** Polls `source` in the page until it returns something truthy (10 s at most). */
function waitFor(source, ...args) {
  return browser.wait(() => run(source, ...args), 10_000, `timed out waiting for ${source}`);
}

// Runs in the page: every root to search, the document's and each open shadow root's.
const ROOTS = `function roots() {
  const all = [document];
  for (let i = 0; i < all.length; i += 1) {
    for (const element of all[i].querySelectorAll('*')) if (element.shadowRoot) all.push(element.shadowRoot);
  }
  return all;
}`;

/** The form control whose label starts with `name`, in the page or a shadow root. */
function field(name) {
  return waitFor(
    `(name) => { ${ROOTS}
      for (const root of roots()) for (const label of root.querySelectorAll('label')) {
        if (label.textContent.trim().startsWith(name) && label.control) return label.control;
      }
      return null; }`,
    name,
  );
}

/** The documents shown, parsed, keyed by id, once `count` are on screen. */
function shownDocuments(count) {
  return waitFor(
    `(count) => { ${ROOTS}
      const shown = {};
      for (const root of roots()) for (const pre of root.querySelectorAll('pre[data-document]')) {
        try { shown[pre.dataset.document] = JSON.parse(pre.textContent); } catch { return null; }
      }
      const account = JSON.stringify(shown).includes('123456789012');
      return Object.keys(shown).length >= count && account ? shown : null; }`,
    count,
  );
}

/**
 * Types `text` over what the field holds, with real key events: Backspace for each
 * character (Send Keys puts the caret at the end), then the text. WebDriver's Element
 * Clear fires no input event, so a form that keeps what was typed would put it back.
 */
async function retype(name, text) {
  const control = await field(name);
  const length = await run('(control) => control.value.length', control);
  await control.sendKeys(Key.BACK_SPACE.repeat(length) + text);
}

/**
 * Waits until the builder is live: the page hydrated (#app no longer aria-busy), the
 * iframe page's pre-render replaced by the mounted builder. Typing into the pre-render is
 * tested in Chromium; here a field found in it could be replaced while being typed into.
 */
function live() {
  return waitFor(`() => {
    const app = document.querySelector('main#app');
    if (app) return !app.hasAttribute('aria-busy');
    const host = document.querySelector('[data-iam-policy-builder]');
    return Boolean(host?.shadowRoot?.querySelector('.ipb[id]')) && !host.hasAttribute('aria-busy')
      && !host.shadowRoot.querySelector('[data-ipb-prerendered]');
  }`);
}

async function typeRequest() {
  await live();
  await retype('AWS account ID', REQUEST.account);
  await retype('Region', REQUEST.region);
  await retype('Secret names', REQUEST.secrets.join('\n'));
}

async function documentsMatchTheCli() {
  const expected = cli(REQUEST);
  const shown = await shownDocuments(expected.documents.length);
  for (const document of expected.documents) assert.deepEqual(shown[document.id], document.policy, document.id);
}

test('Firefox: the page takes typed keys and shows the CLI documents', async () => {
  const server = await serveDist();
  try {
    await browser.get(`${server.origin}/`);
    await typeRequest();
    await documentsMatchTheCli();
  } finally {
    await server.close();
  }
});

test('Firefox: the iframe embed page, under its Content Security Policy', async () => {
  const server = await serveDist();
  try {
    await browser.get(`${server.origin}/embed/embed.html?compact=true`);
    await typeRequest();
    await documentsMatchTheCli();
  } finally {
    await server.close();
  }
});

test('Firefox: the widget on a real MkDocs Material site, in its shadow root', async () => {
  const server = await serveDist(join(ROOT, 'target/sites/mkdocs'));
  try {
    await browser.get(`${server.origin}/roles/`);
    const inShadow = await waitFor(
      `() => document.querySelector('[data-iam-policy-builder]')?.shadowRoot?.querySelector('.ipb') !== null
        && document.querySelector('[data-iam-policy-builder]')?.shadowRoot !== null`,
    );
    assert.equal(inShadow, true);
    await typeRequest();
    await documentsMatchTheCli();
    const builders = await run(`() => document.querySelectorAll('[data-iam-policy-builder]').length`);
    assert.equal(builders, 1);
  } finally {
    await server.close();
  }
});
