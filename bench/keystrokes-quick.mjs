// The keystroke part of the bench alone, for trying a change quickly:
// `node bench/keystrokes-quick.mjs` after `scripts/build.sh`.
import { launchBrowser, serveDist } from '../tests/e2e/harness.mjs';
import { keystrokes, percentile } from './keystrokes.mjs';

const server = await serveDist(undefined, { isolated: true });
const browser = await launchBrowser();
try {
  for (const secrets of [1, 100, 1000]) {
    const times = await keystrokes(browser, server.origin, secrets);
    const ms = (p) => `${percentile(times, p).toFixed(2)} ms`;
    console.log(`${secrets} secrets: p50 ${ms(50)}, p95 ${ms(95)} over ${times.length} key presses`);
  }
} finally {
  await browser.close();
  await server.close();
}
