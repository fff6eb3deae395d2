// Quick keystroke-only run for development: node bench/keystrokes-quick.mjs
import { launchBrowser, serveDist } from '../tests/e2e/harness.mjs';
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const { keystrokes } = await import('./keystrokes.mjs');
const server = await serveDist();
const browser = await launchBrowser();
for (const n of [1, 100, 1000]) {
  const t = await keystrokes(browser, server.origin, n);
  console.log(n, 'p50', percentile(t, 50).toFixed(2), 'p95', percentile(t, 95).toFixed(2), 'count', t.length);
}
await browser.close(); await server.close();
