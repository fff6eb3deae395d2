// The build's precompressed copies (scripts/compress.mjs, run last by scripts/build.sh):
// every text file of dist/ has a .br and a .gz next to it that decompress to exactly its
// bytes, and the server sends them to a browser, which reads the page the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ROOT, openPage, servedPage, shownDocuments } from './harness.mjs';
import { compressible } from '../../scripts/compress.mjs';

const DIST = join(ROOT, 'dist');
const site = servedPage();

test('every text file of the build has a .br and a .gz holding exactly its bytes', () => {
  const files = compressible(DIST);
  for (const expected of ['index.html', 'embed/embed.html', 'embed/widget.js', 'embed/iam_policy_builder.js', 'embed/iam_policy_builder_bg.wasm', 'embed/iam-policy-builder.css']) {
    assert.ok(files.includes(expected), `${expected} is compressed`);
  }
  assert.ok(files.some((file) => /^iam-policy-builder-web-[0-9a-f]{12,16}_bg\.wasm$/.test(file)), "the page's wasm is compressed");
  for (const file of files) {
    const original = readFileSync(join(DIST, file));
    for (const [suffix, decompress] of [['.br', brotliDecompressSync], ['.gz', gunzipSync]]) {
      assert.ok(existsSync(join(DIST, file + suffix)), `${file}${suffix} is missing`);
      assert.ok(decompress(readFileSync(join(DIST, file + suffix))).equals(original), `${file}${suffix} holds other bytes`);
    }
  }
});

test('the browser gets the page and the builder brotli-compressed, and they work', async () => {
  const { page, context, trouble } = await openPage(site.browser, site.server.origin);
  const encodings = await page.evaluate(() => performance.getEntriesByType('resource')
    .concat(performance.getEntriesByType('navigation'))
    .map((entry) => [entry.name.replace(location.origin, ''), entry.encodedBodySize < entry.decodedBodySize]));
  for (const [name, compressed] of encodings) assert.ok(compressed, `${name} came uncompressed`);
  assert.ok(encodings.some(([name]) => name.endsWith('.wasm')), encodings.map(([name]) => name).join(', '));
  await page.getByLabel('AWS account ID').fill('123456789012');
  await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
  await page.getByLabel('Secret names').fill('matillion/agent');
  const { 'execution-role-secrets-policy': execution } = await shownDocuments(page);
  assert.deepEqual(execution.Statement[0].Resource, ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????']);
  assert.deepEqual(trouble(), []);
  await context.close();
});
