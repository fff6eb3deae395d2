// Shared by the end-to-end tests: serve dist/ on loopback, launch Debian's Chromium,
// and record anything a person would call broken (console errors, off-origin requests).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Serves a built page (dist/ by default) on 127.0.0.1 at a free port; resolves to { origin, close }. */
export async function serveDist(DIST = join(ROOT, 'dist')) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = join(DIST, path.endsWith('/') ? `${path}index.html` : path);
    try {
      if (!file.startsWith(DIST)) throw new Error('outside dist');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/**
 * For a test file: serves dist/ and starts Chromium before its tests, stops both after.
 * Returns an object whose `server` and `browser` are set once the tests run.
 */
export function servedPage() {
  const shared = {};
  before(async () => {
    shared.server = await serveDist();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/** Chromium from Debian's package, with the flags that keep it off the network. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Opens the page and records every console error, uncaught exception and request that
 * leaves the origin; `trouble()` lists them.
 */
export async function openPage(browser, origin, { permissions = [], path = '/' } = {}) {
  const context = await browser.newContext({ permissions });
  const page = await context.newPage();
  const trouble = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      trouble.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => trouble.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) {
      trouble.push(`request off the origin: ${request.url()}`);
    }
  });
  await page.goto(origin + path);
  await page.getByLabel('AWS account ID').waitFor();
  return { page, context, trouble: () => trouble };
}

/** The CLI's answer for a request: what the page must agree with. */
export function cli(request) {
  const result = spawnSync(join(ROOT, 'target/release/iam-policy-builder'), ['--compact'], {
    input: JSON.stringify(request),
    encoding: 'utf8',
  });
  if (result.status === 2 || result.error) throw new Error(result.stderr || String(result.error));
  return JSON.parse(result.stdout);
}

/** The CLI's export of a request in one format, as text. */
export function cliExport(request, format) {
  const result = spawnSync(join(ROOT, 'target/release/iam-policy-builder'), ['--format', format], {
    input: JSON.stringify(request),
    encoding: 'utf8',
  });
  if (result.status === 2 || result.error) throw new Error(result.stderr || String(result.error));
  return result.stdout;
}

/** The documents the page shows, parsed, keyed by id. */
export async function shownDocuments(page) {
  const shown = {};
  for (const pre of await page.locator('pre[data-document]').all()) {
    shown[await pre.getAttribute('data-document')] = JSON.parse(await pre.textContent());
  }
  return shown;
}
