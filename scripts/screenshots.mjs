// Regenerates the README's screenshots from the built page, the embed examples and the
// docs sites: `node scripts/screenshots.mjs` after `scripts/build.sh --sites`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, builderLive, existingRoles, launchBrowser, pastedEcsError, serveDist } from '../tests/e2e/harness.mjs';
import { SITES } from '../tests/e2e/sites.mjs';
import { serve } from './static-server.mjs';

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
    await builderLive(page);
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
  // Reusing roles: Matillion ETL's trust policy merged, a broken secrets policy fixed.
  const existing = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await existing.goto(server.origin);
  await builderLive(existing);
  await existingRoles(existing);
  await existing.locator('.ipb__documents').screenshot({ path: join(OUT, 'page-existing-roles.png') });
  await existing.close();
  console.log('wrote docs/screenshots/page-existing-roles.png');
  // A failed task: its ECS error pasted into the empty page.
  const failed = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await failed.goto(server.origin);
  await builderLive(failed);
  await pastedEcsError(failed);
  await failed.screenshot({ path: join(OUT, 'page-ecs-error.png'), fullPage: true });
  await failed.close();
  console.log('wrote docs/screenshots/page-ecs-error.png');
  // The runner on Amazon EKS: IRSA's trust policy for the cluster's issuer, at both widths.
  for (const [name, width] of [['page-eks.png', 1280], ['page-eks-narrow.png', 360]]) {
    const eks = await browser.newPage({ viewport: { width, height: 900 } });
    await eks.goto(server.origin);
    await builderLive(eks);
    await eks.getByLabel('Amazon EKS', { exact: true }).check();
    await eks.getByLabel('AWS account ID').fill('123456789012');
    await eks.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await eks.getByLabel('Secret names').fill('matillion/agent');
    await eks.getByLabel("The cluster's OpenID Connect provider URL").fill('https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE');
    await eks.getByLabel('Secret names').blur();
    await eks.screenshot({ path: join(OUT, name), fullPage: true });
    await eks.close();
    console.log(`wrote docs/screenshots/${name}`);
  }
  // The embed examples (scripts/build.sh writes them into dist/).
  const docs = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await docs.goto(`${server.origin}/examples/docs-page.html`);
  const second = docs.locator('[data-iam-policy-builder]').nth(1);
  await second.getByLabel('AWS account ID').fill('123456789012');
  await second.getByLabel('Region', { exact: true }).fill('eu-west-1');
  await second.getByLabel('Secret names').fill('matillion/agent');
  await second.scrollIntoViewIfNeeded();
  await second.screenshot({ path: join(OUT, 'embed-docs-page.png') });
  console.log('wrote docs/screenshots/embed-docs-page.png');
  // Each real docs site (scripts/build.sh --sites), in its dark theme.
  for (const [name, site] of Object.entries(SITES)) {
    const served = await serve(join(ROOT, 'target/sites', name), 0);
    try {
      const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await tab.goto(`${served.origin}${site.path}`);
      await tab.getByLabel('AWS account ID').fill('123456789012');
      await site.dark(tab);
      await tab.locator(site.host).first().scrollIntoViewIfNeeded();
      await tab.evaluate(() => window.scrollBy(0, -200));
      await tab.screenshot({ path: join(OUT, `site-${name}.png`) });
      console.log(`wrote docs/screenshots/site-${name}.png`);
    } finally {
      await served.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
