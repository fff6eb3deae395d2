// The project's static server (scripts/static-server.mjs), which serve.sh and every
// end-to-end test run on: whatever a request's path holds, it answers, and it keeps
// answering. It needs no build and no browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBED_CSP, NO_FRAMING_CSP, serve, servedPath } from '../../scripts/static-server.mjs';

let server;
let port;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipb-server-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>home</title>');
  mkdirSync(join(dir, 'embed'));
  writeFileSync(join(dir, 'embed', 'embed.html'), '<!doctype html><title>embed</title>');
  writeFileSync(join(dir, 'embed', 'widget.js'), 'export {};');
  mkdirSync(join(dir, 'examples'));
  writeFileSync(join(dir, 'examples', 'docs-page.html'), '<!doctype html><title>docs</title>');
  writeFileSync(join(dir, 'start-0123456789abcdef.js'), 'export {};');
  // dist/embed/ where the README's recipe puts it on a docs site.
  mkdirSync(join(dir, 'iam-policy-builder'));
  writeFileSync(join(dir, 'iam-policy-builder', 'embed.html'), '<!doctype html><title>embed</title>');
  server = await serve(dir);
  port = Number(new URL(server.origin).port);
});

after(() => server?.close());

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
