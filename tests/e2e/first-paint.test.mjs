// What a reader of a docs page sees before the builder is live, and what changes when it
// is: the widget's title and introduction are drawn before the wasm and stay where they
// are, nothing on the page moves, the largest paint is not made again by the live builder,
// and the widget's stylesheet is fetched once. Read from the browser's own
// PerformanceObserver entries; what is asserted is a state (a count, a sum, a box), never
// a time. Every page the site serves has a description for search results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, holdWasm, servedPage, widgetsLive } from './harness.mjs';

const site = servedPage();

/** Records every layout shift and largest-contentful-paint entry of a document, from its start. */
function recordPaints() {
  window.__shifts = [];
  window.__largest = [];
  new PerformanceObserver((list) => {
    for (const shift of list.getEntries()) if (!shift.hadRecentInput) window.__shifts.push(shift.value);
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__largest.push(entry.size);
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

const paints = (page) => page.evaluate(() => ({
  shift: window.__shifts.reduce((sum, value) => sum + value, 0),
  largest: [...window.__largest],
}));

/** Every builder header's title and introduction boxes, in page coordinates. */
const headerBoxes = (page) => page.evaluate(() => [...document.querySelectorAll('[data-iam-policy-builder]')]
  .map((host) => [...host.shadowRoot.querySelector('.ipb__header').children]
    .map((part) => {
      const box = part.getBoundingClientRect();
      return [part.tagName, box.x, box.y + scrollY, box.width, box.height];
    })));

/**
 * Opens `path` at `width` with the wasm held back (context.release() lets it through), the
 * paints recorded from the start, and console errors and warnings collected in trouble().
 */
async function heldBack(path, width) {
  const context = await site.browser.newContext({ viewport: { width, height: 800 } });
  await context.addInitScript(recordPaints);
  const page = await context.newPage();
  const trouble = [];
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && trouble.push(message.text()));
  page.on('pageerror', (error) => trouble.push(error.message));
  context.release = await holdWasm(page);
  await page.goto(site.server.origin + path);
  return { page, context, trouble: () => trouble };
}

/** Waits for two animation frames, so what the last change drew has been painted and observed. */
const painted = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

for (const width of [1280, 360]) {
  test(`at ${width} px the docs page's widgets draw their introduction before the wasm, and nothing moves when it arrives`, async () => {
    const { page, context, trouble } = await heldBack('/examples/docs-page.html', width);
    const waiting = page.locator('[data-ipb-loading]');
    await waiting.nth(1).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'IAM policies for the Matillion agent on ECS Fargate' }).count(), 2);
    await painted(page);
    const before = await headerBoxes(page);
    const early = await paints(page);
    assert.ok(early.largest.length > 0, 'a largest paint before the wasm');

    context.release();
    await widgetsLive(page);
    await page.getByLabel('AWS account ID').nth(1).waitFor();
    await painted(page);
    const after = await headerBoxes(page);
    // The first widget's title and introduction are where they were, as large; the second,
    // below the window, moved down with the first's form, and kept its size.
    assert.deepEqual(after[0], before[0]);
    assert.deepEqual(after[1].map(([tag, x, , w, h]) => [tag, x, w, h]), before[1].map(([tag, x, , w, h]) => [tag, x, w, h]));
    const late = await paints(page);
    assert.deepEqual(late.largest, early.largest, 'the live builders made no larger paint');
    // Lighthouse's bound for a good page is 0.1; nothing on the first screen moves at all.
    assert.equal(late.shift, 0, `layout shift ${late.shift}`);
    assert.deepEqual(trouble(), []);
    await context.close();
  });
}

test("the iframe page's live builder takes the pre-render's place without a new largest paint or a shift", async () => {
  for (const width of [1280, 360]) {
    const { page, context, trouble } = await heldBack('/embed/embed.html', width);
    await page.locator('[data-ipb-prerendered]').waitFor();
    await painted(page);
    const early = await paints(page);
    assert.ok(early.largest.length > 0, 'the pre-render made the largest paint');
    context.release();
    await widgetsLive(page);
    await painted(page);
    const late = await paints(page);
    assert.deepEqual(late.largest, early.largest, `at ${width} px the live builder made no larger paint`);
    assert.equal(late.shift, 0, `at ${width} px layout shift ${late.shift}`);
    assert.deepEqual(trouble(), []);
    await context.close();
  }
});

/** Counts the requests for the widget's stylesheet in a page and all its frames until `ready`. */
async function stylesheetRequests(path, ready) {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  context.on('request', (request) => request.url().endsWith('/iam-policy-builder.css') && requests.push(request.url()));
  await page.goto(site.server.origin + path);
  await ready(page);
  await painted(page);
  await context.close();
  return requests;
}

for (const [path, ready] of [
  ['/examples/docs-page.html', async (page) => {
    await widgetsLive(page);
    await page.getByLabel('AWS account ID').nth(1).waitFor();
  }],
  ['/embed/embed.html', widgetsLive],
  ['/examples/iframe.html', (page) => widgetsLive(page.frameLocator('iframe'))],
]) {
  test(`${path} asks for the widget's stylesheet once, and its builders are styled by it`, async () => {
    assert.equal((await stylesheetRequests(path, async (page) => {
      await ready(page);
      // Styled: a live builder's root has the stylesheet's width limit.
      const frame = path.endsWith('iframe.html') ? page.frames()[1] : page.mainFrame();
      assert.ok(await frame.evaluate(() => [...document.querySelectorAll('[data-iam-policy-builder]')]
        .every((host) => getComputedStyle(host.shadowRoot.querySelector('.ipb[id]')).maxWidth !== 'none')));
    })).length, 1);
  });
}

/** Every HTML file of the build, as the paths the server serves them at. */
function htmlPages(dir = join(ROOT, 'dist')) {
  return readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith('.html'))
    .map((file) => `/${relative(join(ROOT, 'dist'), join(dir, file))}`);
}

test('every HTML page the site serves has a description for search results', async () => {
  const pages = htmlPages();
  assert.ok(pages.includes('/index.html') && pages.includes('/embed/embed.html') && pages.includes('/examples/docs-page.html'), pages.join(', '));
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const path of pages) {
    await page.goto(site.server.origin + path);
    const description = await page.locator('meta[name="description"]').getAttribute('content');
    assert.ok(description?.trim().length >= 50, `${path}: ${JSON.stringify(description)}`);
  }
  await context.close();
});

test('with scripting off the docs page keeps no room for builders that cannot come', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.server.origin}/examples/docs-page.html`);
  const heights = await page.locator('[data-iam-policy-builder]').evaluateAll((hosts) => hosts.map((host) => host.getBoundingClientRect().height));
  assert.deepEqual(heights, [0, 0]);
  await context.close();
});
