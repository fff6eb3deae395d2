// The project's static server (scripts/static-server.mjs), which serve.sh and every
// end-to-end test run on: whatever a request's path holds, it answers, and it keeps
// answering, with the headers the README asks of a host; and the build's compressor
// (scripts/compress.mjs), whose copies it serves. It needs no build and no browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get as httpGet } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { EMBED_CSP, NO_FRAMING_CSP, isHashedName, serve, servedPath } from '../../scripts/static-server.mjs';
import { compressTree } from '../../scripts/compress.mjs';

let server;
let port;
const dir = mkdtempSync(join(tmpdir(), 'ipb-server-'));

before(async () => {
  // Large enough for compression to pay, as the built files are.
  const text = (title) => `<!doctype html><title>${title}</title>\n${'<p>The builder, in words.</p>\n'.repeat(40)}`;
  writeFileSync(join(dir, 'index.html'), text('home'));
  mkdirSync(join(dir, 'embed'));
  writeFileSync(join(dir, 'embed', 'embed.html'), text('embed'));
  writeFileSync(join(dir, 'embed', 'widget.js'), 'export {};');
  writeFileSync(join(dir, 'embed', 'iam-policy-builder.css'), '.ipb { color: black; }\n'.repeat(20));
  writeFileSync(join(dir, 'embed', 'iam_policy_builder.js'), 'export default function init() {}\n'.repeat(20));
  writeFileSync(join(dir, 'embed', 'iam_policy_builder_bg.wasm'), Buffer.concat([Buffer.from('\0asm\x01\0\0\0'), Buffer.alloc(500)]));
  mkdirSync(join(dir, 'examples'));
  writeFileSync(join(dir, 'examples', 'docs-page.html'), text('docs'));
  writeFileSync(join(dir, 'start-0123456789abcdef.js'), 'export {};');
  writeFileSync(join(dir, 'app-0123456789abcdef_bg.wasm'), Buffer.alloc(500));
  // dist/embed/ where the README's recipe puts it on a docs site.
  mkdirSync(join(dir, 'iam-policy-builder'));
  writeFileSync(join(dir, 'iam-policy-builder', 'embed.html'), text('embed'));
  compressTree(dir);
  server = await serve(dir);
  port = Number(new URL(server.origin).port);
});

after(() => server?.close());

/**
 * GETs `path` with exactly these request headers (Node's client adds no Accept-Encoding
 * and decodes nothing); resolves to { status, headers, body } with the body's bytes as sent.
 */
function get(path, headers = {}) {
  return new Promise((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port, path, headers, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** A response's body decoded by its Content-Encoding. */
function decoded({ headers, body }) {
  const decode = { br: brotliDecompressSync, gzip: gunzipSync }[headers['content-encoding']];
  return decode ? decode(body) : body;
}

/** Sends `path` exactly as written (no client-side normalising or escaping). */
function rawGet(path) {
  return rawRequest(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
}

function rawRequest(text) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

const status = (answer) => Number(answer.split(' ')[1]);

test('a broken percent escape gets 400, and the server keeps serving', async () => {
  for (const path of ['/%E0%A4%A', '/%', '/%zz', '/embed/%E0%A4%A', '/a%00b']) {
    assert.equal(status(await rawGet(path)), 400, path);
  }
  assert.equal(status(await rawGet('/')), 200);
});

test('a request the HTTP parser refuses gets 400, and the server keeps serving', async () => {
  assert.equal(status(await rawRequest('NOT HTTP AT ALL\r\n\r\n')), 400);
  assert.equal(status(await rawGet('/index.html')), 200);
});

test('paths outside the served folder are not found, however they are spelled', async () => {
  for (const path of ['/../package.json', '/%2e%2e/package.json', '/embed/..%2f..%2fpackage.json', '/..%5c..%5cpackage.json']) {
    assert.equal(status(await rawGet(path)), 404, path);
  }
});

test('files are served with nosniff, and the embed page with its policy', async () => {
  const home = await rawGet('/');
  assert.match(home, /x-content-type-options: nosniff/i);
  // The page carries its own policy in a <meta>; the header adds only frame-ancestors.
  assert.equal(header(home, 'content-security-policy'), NO_FRAMING_CSP);
  const embed = await rawGet('/embed/embed.html');
  assert.equal(status(embed), 200);
  assert.ok(embed.toLowerCase().includes(`content-security-policy: ${EMBED_CSP}`.toLowerCase()));
});

/** One response header's value, as sent (lower-case name), or undefined. */
function header(answer, name) {
  const head = answer.split('\r\n\r\n')[0].split('\r\n').slice(1);
  const found = head.find((line) => line.toLowerCase().startsWith(`${name}:`));
  return found?.slice(name.length + 1).trim();
}

// Security review, issue 25 item 6: the page could be framed by any site (frame-ancestors
// was sent under /embed/ only), and dressed up to make its reader click there.
test('no site may frame the page or anything but the iframe page', async () => {
  for (const path of ['/', '/index.html', '/start-0123456789abcdef.js', '/examples/docs-page.html']) {
    const answer = await rawGet(path);
    assert.equal(status(answer), 200, path);
    assert.equal(header(answer, 'content-security-policy'), NO_FRAMING_CSP, path);
    assert.equal(header(answer, 'x-frame-options'), 'DENY', path);
  }
});

test('the iframe page may be framed by its own site, wherever its folder is served', async () => {
  for (const path of ['/embed/embed.html', '/embed/widget.js', '/iam-policy-builder/embed.html']) {
    const answer = await rawGet(path);
    assert.equal(status(answer), 200, path);
    assert.equal(header(answer, 'content-security-policy'), EMBED_CSP, path);
    assert.match(EMBED_CSP, /; frame-ancestors 'self'$/);
    // frame-ancestors names who may frame it; X-Frame-Options could only say "nobody".
    assert.equal(header(answer, 'x-frame-options'), undefined, path);
    assert.equal(header(answer, 'referrer-policy'), 'no-referrer', path);
  }
});

test('servedPath reads what can be read and refuses the rest', () => {
  assert.equal(servedPath('/'), '/index.html');
  assert.equal(servedPath('/embed/'), '/embed/index.html');
  assert.equal(servedPath('/a%20b.html'), '/a b.html');
  assert.equal(servedPath('/%E0%A4%A'), null);
  assert.equal(servedPath('/x%00'), null);
});

// Issue 27 item 13: the site went without compression or cache headers. Now each text file
// goes as the smallest precompressed copy the request accepts, and its cache lifetime
// follows its name.
test('each file goes in the best encoding the request accepts, with the matching headers', async () => {
  const original = readFileSync(join(dir, 'index.html'));
  for (const [accept, encoding] of [
    ['gzip, deflate, br, zstd', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['*', 'br'],
    ['br;q=0, gzip;q=0', undefined],
    ['*;q=0', undefined],
    ['deflate', undefined],
    ['', undefined],
    [null, undefined],
  ]) {
    const answer = await get('/', accept === null ? {} : { 'accept-encoding': accept });
    assert.equal(answer.status, 200, accept);
    assert.equal(answer.headers['content-encoding'], encoding, `Accept-Encoding: ${accept}`);
    assert.equal(answer.headers.vary, 'Accept-Encoding', accept);
    assert.equal(Number(answer.headers['content-length']), answer.body.length, accept);
    assert.deepEqual(decoded(answer), original, accept);
  }
});

test('a file without a precompressed copy, or with one older than itself, goes as it is', async () => {
  writeFileSync(join(dir, 'bare.txt'), 'Written after the build compressed its files.\n'.repeat(20));
  const bare = await get('/bare.txt', { 'accept-encoding': 'br, gzip' });
  assert.equal(bare.headers['content-encoding'], undefined);
  assert.equal(bare.headers.vary, 'Accept-Encoding');
  writeFileSync(join(dir, 'stale.js'), 'export const bytes = "old";'.repeat(50));
  compressTree(dir);
  // Rewritten after its copies were made, as by a build that stopped half way.
  const later = new Date(Date.now() + 5000);
  writeFileSync(join(dir, 'stale.js'), 'export const bytes = "new";'.repeat(50));
  utimesSync(join(dir, 'stale.js'), later, later);
  const stale = await get('/stale.js', { 'accept-encoding': 'br, gzip' });
  assert.equal(stale.headers['content-encoding'], undefined);
  assert.match(stale.body.toString(), /"new"/);
  // Not text: no copies, no Vary.
  writeFileSync(join(dir, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const png = await get('/photo.png', { 'accept-encoding': 'br, gzip' });
  assert.equal(png.headers['content-encoding'], undefined);
  assert.equal(png.headers.vary, undefined);
});

test('hashed names are cached for a year; stable names are revalidated by a strong ETag', async () => {
  for (const path of ['/start-0123456789abcdef.js', '/app-0123456789abcdef_bg.wasm']) {
    const answer = await get(path, { 'accept-encoding': 'br' });
    assert.equal(answer.status, 200, path);
    assert.equal(answer.headers['cache-control'], 'public, max-age=31536000, immutable', path);
  }
  for (const path of ['/', '/index.html', '/embed/embed.html', '/embed/widget.js', '/embed/iam-policy-builder.css', '/embed/iam_policy_builder.js', '/embed/iam_policy_builder_bg.wasm']) {
    const answer = await get(path, { 'accept-encoding': 'gzip' });
    assert.equal(answer.status, 200, path);
    assert.equal(answer.headers['cache-control'], 'no-cache', path);
    assert.match(answer.headers.etag, /^"[A-Za-z0-9_-]+"$/, `${path}: a strong ETag`);
    // The browser's copy is current: 304, no body, the same validator and cache headers.
    for (const ifNoneMatch of [answer.headers.etag, `"other", W/${answer.headers.etag}`, '*']) {
      const again = await get(path, { 'accept-encoding': 'gzip', 'if-none-match': ifNoneMatch });
      assert.equal(again.status, 304, `${path}, If-None-Match: ${ifNoneMatch}`);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, answer.headers.etag);
      assert.equal(again.headers['cache-control'], 'no-cache');
      assert.equal(again.headers.vary, 'Accept-Encoding');
    }
    // An old copy is sent the new bytes.
    const changed = await get(path, { 'accept-encoding': 'gzip', 'if-none-match': '"an-older-version"' });
    assert.equal(changed.status, 200, path);
  }
  // Each encoding is a representation of its own, with its own validator.
  const [br, gzip, identity] = await Promise.all(['br', 'gzip', ''].map((accept) => get('/index.html', { 'accept-encoding': accept })));
  assert.equal(new Set([br.headers.etag, gzip.headers.etag, identity.headers.etag]).size, 3);
  assert.equal((await get('/index.html', { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag })).status, 200);
});

test("a hash Trunk writes with fewer digits is still a hash; a stable name never is", () => {
  // Trunk writes its 64-bit hash in hex without leading zeros: one build in sixteen has 15.
  for (const name of ['iam-policy-builder-web-3c123ff1477e001b_bg.wasm', 'iam-policy-builder-web-c123ff1477e001b.js', 'start-a52f948c62b0ff.js', 'favicon-5dc576e1aa0d24f2.svg']) {
    assert.ok(isHashedName(`/${name}`), name);
  }
  for (const name of ['index.html', 'embed/widget.js', 'embed/frame-height.js', 'embed/iam-policy-builder.css', 'embed/embed.html', 'examples/docs-page.html', 'embed/iam_policy_builder_web_bg.wasm']) {
    assert.ok(!isHashedName(`/${name}`), name);
  }
});

test('every .br and .gz the compressor writes holds exactly the bytes of its file', () => {
  const written = compressTree(dir);
  assert.ok(written.length >= 6, `${written.length} files`);
  for (const [path] of written) {
    const original = readFileSync(join(dir, path));
    assert.deepEqual(brotliDecompressSync(readFileSync(join(dir, `${path}.br`))), original, `${path}.br`);
    assert.deepEqual(gunzipSync(readFileSync(join(dir, `${path}.gz`))), original, `${path}.gz`);
  }
});
