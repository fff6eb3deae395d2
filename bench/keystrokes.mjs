// Keystroke latency in the page, shared by bench.mjs and bench/keystrokes-quick.mjs.

/** The p-th percentile of `xs` (nearest rank). */
export const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

/** The median of `xs`: its 50th percentile (for an even count, the upper middle). */
export const median = (xs) => percentile(xs, 50);

/**
 * Script time of each keystroke's update (serve the page with `{ isolated: true }` for a
 * 5 µs clock; it is 100 µs otherwise): every 'input' listener the page registers is
 * wrapped, and the clock stops in a microtask queued after the listener returns — after
 * the microtasks Yew queued for its render, before the browser paints.
 */
export async function keystrokes(browser, origin, secrets) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__inputTimes = [];
    const add = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (type, listener, options) {
      if (type !== 'input' || typeof listener !== 'function') return add.call(this, type, listener, options);
      return add.call(this, type, function (event) {
        const start = performance.now();
        const result = listener.call(this, event);
        queueMicrotask(() => window.__inputTimes.push(performance.now() - start));
        return result;
      }, options);
    };
  });
  await page.goto(origin);
  // The form is pre-rendered: wait until it is hydrated, or the keys would time nothing.
  await page.waitForFunction(() => !document.querySelector('main#app[aria-busy]'));
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('serve the page with { isolated: true }: the clock is too coarse otherwise');
  await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
  await page.getByLabel('Secret names').fill(Array.from({ length: secrets }, (_, i) => `matillion/pipeline-${i}`).join('\n'));
  await page.evaluate(() => (window.__inputTimes = []));
  const account = page.getByLabel('AWS account ID');
  // Eight rounds of twelve key presses: enough samples for a stable p95.
  for (let round = 0; round < 8; round += 1) {
    await account.fill('');
    await account.focus();
    await page.keyboard.type('123456789012', { delay: 20 });
  }
  await page.waitForTimeout(200);
  const times = await page.evaluate(() => window.__inputTimes);
  await context.close();
  return times;
}
