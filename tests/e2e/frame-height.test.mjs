// The iframe example as a reader uses it: the frame is as tall as the builder in it, at a
// desktop's and a phone's width, and follows it as sections open and close and an error is
// pasted, so nothing scrolls inside the frame. The host script that does it (the README's)
// believes only the builder's frame, and only from the origin that frame was loaded from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ECS_ACCESS_DENIED, ROOT, openPage, readmeSnippet, servedPage, widgetsLive } from './harness.mjs';

const site = servedPage();
const FRAME = '#iam-policy-builder';
const inFrame = (page) => page.frameLocator(FRAME);

/** The example page with its builder live, at `width`. */
async function example(width) {
  return openPage(site.browser, site.server.origin, {
    path: '/examples/iframe.html',
    viewport: { width, height: 800 },
    ready: (page) => widgetsLive(inFrame(page)),
  });
}

/**
 * Waits until the frame is exactly as tall as the document in it (the example page and the
 * frame share an origin, so the page can read it), and that document does not scroll;
 * resolves to that height.
 */
async function fitted(page) {
  const fits = await page.waitForFunction((selector) => {
    const frame = document.querySelector(selector);
    const root = frame.contentDocument?.documentElement;
    if (!root) return false;
    const height = Math.ceil(root.getBoundingClientRect().height);
    return frame.clientHeight === height && root.scrollHeight <= root.clientHeight && height;
  }, FRAME);
  return fits.jsonValue();
}

/** The frame's height on the page, in CSS pixels, borders left out. */
const frameHeight = (page) => page.locator(FRAME).evaluate((frame) => frame.clientHeight);

for (const width of [1280, 360]) {
  test(`at ${width} px the frame grows and shrinks with the builder in it`, async () => {
    const { page, context, trouble } = await example(width);
    const start = await fitted(page);
    // The builder is taller than the window: without the script the frame would scroll.
    assert.ok(start > 800, `the builder is ${start} px tall`);

    const frame = inFrame(page);
    const advanced = frame.getByText('Advanced options', { exact: true });
    await advanced.click();
    const opened = await fitted(page);
    assert.ok(opened > start, `opening the advanced options: ${start} → ${opened} px`);
    await advanced.click();
    assert.equal(await fitted(page), start, 'closed again, the frame is as tall as at first');

    await frame.getByText('Task failed to start? Paste the error', { exact: true }).click();
    await frame.getByLabel('Task failed to start? Paste the error from the ECS console').fill(ECS_ACCESS_DENIED);
    await frame.getByRole('heading', { name: "The task's execution role may not read a secret" }).waitFor();
    const diagnosed = await fitted(page);
    assert.ok(diagnosed > start, `an error pasted and diagnosed: ${start} → ${diagnosed} px`);
    assert.deepEqual(trouble(), []);
    await context.close();
  });
}

/**
 * Posts a height message to the example page from a window the test opens in it, and waits
 * until the page has received it (a listener of the test's, added after the page's, saw it).
 */
async function postFrom(page, post) {
  await page.evaluate(() => {
    window.__heights = [];
    addEventListener('message', (event) => window.__heights.push(event.data?.height));
  });
  await post();
  await page.waitForFunction(() => window.__heights.includes(123));
}

test('a height message from another window of the same origin is ignored', async () => {
  const { page, context, trouble } = await example(1280);
  const before = await fitted(page);
  // A frame of the page's own origin (srcdoc), but not the builder's.
  await postFrom(page, () => page.evaluate(() => {
    const other = document.createElement('iframe');
    other.srcdoc = '<script>parent.postMessage({ type: "iam-policy-builder:height", height: 123 }, "*")</script>';
    document.body.append(other);
  }));
  assert.equal(await frameHeight(page), before);
  assert.deepEqual(trouble(), []);
  await context.close();
});

test("a height message from the builder's frame once it shows another origin is ignored", async () => {
  const { page, context } = await example(1280);
  const before = await fitted(page);
  // The same frame (event.source is right), navigated to a page of another origin.
  await context.route('http://elsewhere.test/**', (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!doctype html><title>elsewhere</title><script>parent.postMessage({ type: "iam-policy-builder:height", height: 123 }, "*")</script>',
  }));
  await postFrom(page, () => page.locator(FRAME).evaluate((frame) => {
    frame.contentWindow.location.href = 'http://elsewhere.test/';
  }));
  assert.equal(await frameHeight(page), before);
  await context.close();
});

test("the example page's host script is the README's", () => {
  const words = (text) => text.replace(/\s+/g, ' ').trim();
  const example = readFileSync(join(ROOT, 'examples/iframe.html'), 'utf8');
  assert.ok(words(example).includes(words(readmeSnippet('iframe-height'))), 'examples/iframe.html runs the README\'s iframe-height snippet');
});
