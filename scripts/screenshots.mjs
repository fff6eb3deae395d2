// Regenerates the README's screenshots from the built page: `node scripts/screenshots.mjs`
// after `trunk build --release` (scripts/test.sh does both).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, launchBrowser, serveDist } from '../tests/e2e/harness.mjs';

const OUT = join(ROOT, 'docs/screenshots');
const SHOTS = [
  { name: 'page-light.png', width: 1280, scheme: 'light', fill: 'valid' },
  { name: 'page-dark.png', width: 1280, scheme: 'dark', fill: 'valid' },
  { name: 'page-narrow.png', width: 320, scheme: 'light', fill: 'valid' },
  { name: 'page-errors.png', width: 1280, scheme: 'light', fill: 'errors' },
];
const FILLS = {
  valid: { account: '1234-5678-9012', region: 'eu-west-1', secrets: 'matillion/agent\nprod/snowflake' },
  errors: { account: '12345678901', region: 'eu-wset-1', secrets: 'matillion/agent\nmy secret' },
};

await mkdir(OUT, { recursive: true });
const server = await serveDist();
const browser = await launchBrowser();
try {
  for (const shot of SHOTS) {
    const page = await browser.newPage({
      viewport: { width: shot.width, height: 900 },
      colorScheme: shot.scheme,
    });
    await page.goto(server.origin);
    const fill = FILLS[shot.fill];
    await page.getByLabel('AWS account ID').fill(fill.account);
    await page.getByLabel('Region', { exact: true }).fill(fill.region);
    await page.getByLabel('Secret names').fill(fill.secrets);
    await page.getByLabel('AWS account ID').focus();
    await page.getByLabel('Secret names').focus();
    await page.getByLabel('Secret names').blur();
    await page.screenshot({ path: join(OUT, shot.name), fullPage: true });
    await page.close();
    console.log(`wrote docs/screenshots/${shot.name}`);
  }
} finally {
  await browser.close();
  await server.close();
}
