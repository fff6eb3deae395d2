// Serves a built site (dist/ by default) on 127.0.0.1 the way a docs host should: the
// right media types, the iframe embed page's security headers on /embed/, no framing of
// anything else, the precompressed copy (scripts/compress.mjs) the browser accepts, and
// cache headers by name: hashed names for a year, stable names revalidated by ETag. Used
// by scripts/serve.sh and by the end-to-end tests.
//
//   node scripts/static-server.mjs [dir] [port]
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve } from 'node:path';
import { COMPRESSED_TYPES, ENCODINGS } from './compress.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/**
 * The policy the page and the iframe embed page carry in a <meta> element, so it holds on
 * any static host: only same-origin scripts, styles and connections, no inline code.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * The embed page's header, as the README tells docs hosts to serve it: the same policy,
 * plus which sites may frame the page (a docs host writes its own origin there), which a
 * <meta> element cannot say.
 */
export const EMBED_CSP = `${PAGE_CSP}; frame-ancestors 'self'`;

/**
 * The standalone page's policy: PAGE_CSP, with the one inline stylesheet it carries allowed
 * by its hash (scripts/finish-page.mjs inlines the stylesheet, which saves the request the
 * first paint waits for). `styleHash` is its `sha256-…`.
 */
export function pageCsp(styleHash) {
  return PAGE_CSP.replace("style-src 'self'", `style-src 'self' '${styleHash}'`);
}

/**
 * Everything but the iframe page may be framed by nobody: a page in someone else's frame
 * can be dressed up to make its reader click or type there (clickjacking). The site frames
 * none of its own pages. X-Frame-Options says the same to browsers that predate
 * frame-ancestors.
 */
export const NO_FRAMING_CSP = "frame-ancestors 'none'";

/**
 * Whether a path is the iframe page, or one of the files it loads: dist/embed/ as served
 * here, or embed.html wherever a docs host put the folder (the README's recipe serves it
 * under /iam-policy-builder/).
 */
export function isIframePage(path) {
  return path.startsWith('/embed/') || basename(path) === 'embed.html';
}

/**
 * Headers for a path: every file gets nosniff; the iframe page gets the strict policy with
 * the sites that may frame it, everything else a policy that no site may frame it. With
 * `isolated`, the site is cross-origin isolated (COOP and COEP), which gives the page's
 * performance.now() 5 µs resolution instead of 100 µs: the bench's keystroke timings use it.
 * With `plain`, only the media type and nosniff: a host that sends no security header.
 */
export function headersFor(path, { isolated = false, plain = false } = {}) {
  const headers = {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
  };
  if (plain) return headers;
  if (isolated) {
    headers['cross-origin-opener-policy'] = 'same-origin';
    headers['cross-origin-embedder-policy'] = 'require-corp';
  }
  if (isIframePage(path)) {
    headers['content-security-policy'] = EMBED_CSP;
    headers['referrer-policy'] = 'no-referrer';
  } else {
    headers['content-security-policy'] = NO_FRAMING_CSP;
    headers['x-frame-options'] = 'DENY';
  }
  return headers;
}

/**
 * Whether a file's name holds a hash of its content (Trunk's `…-<hex>.js` and
 * `…-<hex>_bg.wasm`, the start script's `start-<hex>.js`): those bytes never change
 * under that name, so a browser may keep them for a year without asking again. Every other
 * name (index.html, everything under embed/, which docs sites link to by name) can change
 * under it, and is revalidated on each use. Trunk writes its 64-bit hash in hex without
 * leading zeros, so one build in sixteen has 15 digits (one in 256, 14): 12 or more is a
 * hash; no stable name has such a run.
 */
export function isHashedName(path) {
  return /[-.][0-9a-f]{12,}(_bg)?\.[a-z0-9]+$/.test(basename(path));
}

/** Cache-Control for a path, by isHashedName. */
export function cacheControl(path) {
  return isHashedName(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The content coding to answer an Accept-Encoding header with, out of `available` (`br`,
 * `gzip`) and `identity`: the one the request weighs highest, brotli before gzip before
 * none on a tie. A coding weighed `q=0` is refused; `*` weighs every coding not named.
 * Without the header (or with an empty one) the file goes as it is. When even identity is
 * refused and nothing else is available, it goes as it is anyway, which HTTP allows (rather
 * than 406).
 */
export function chooseEncoding(acceptEncoding, available) {
  const weights = new Map();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    const q = parameters.map((p) => p.match(/^q=([01](?:\.\d{0,3})?)$/)).find(Boolean);
    weights.set(name, q ? Number(q[1]) : 1);
  }
  const weight = (name) => weights.get(name) ?? weights.get('*') ?? (name === 'identity' ? 1 : 0);
  let best = 'identity';
  for (const name of ['gzip', 'br']) {
    if (available.includes(name) && weight(name) > 0 && weight(name) >= weight(best)) best = name;
  }
  return best;
}

/** Whether an If-None-Match header names `etag` (or is `*`): the browser's copy is current. */
export function matchesEtag(ifNoneMatch, etag) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    // If-None-Match compares weakly: W/"x" matches "x".
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * The file path a request URL names (`/` → `/index.html`), or null when the URL cannot be
 * read: a broken percent escape such as `/%E0%A4%A` or a NUL byte. Anyone can send those,
 * so they get 400 rather than an exception that would stop the server.
 */
export function servedPath(url) {
  let path;
  try {
    path = normalize(decodeURIComponent(new URL(url, 'http://x').pathname));
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  return path.endsWith('/') ? `${path}index.html` : path;
}

/**
 * The file a served path names below `root`: { path (the served path of the file), file,
 * modified (its mtime) }; throws when there is none. `/roles` is `/roles/index.html` when
 * there is no file `roles`, as static hosts serve the folders docs generators write
 * (Docusaurus links to them without a slash).
 */
async function findFile(root, served) {
  const file = join(root, served);
  if (file !== root && !file.startsWith(`${root}/`)) throw new Error('outside the served folder');
  const found = await stat(file).catch(() => null);
  if (found?.isFile()) return { path: served, file, modified: found.mtimeMs };
  if (extname(served) !== '') throw new Error('not found');
  const path = `${served}/index.html`;
  const index = await stat(join(root, path));
  if (!index.isFile()) throw new Error('not found');
  return { path, file: join(root, path), modified: index.mtimeMs };
}

/**
 * The precompressed copies of `file` there are (`br` → `file.br`, `gzip` → `file.gz`),
 * leaving out one older than the file: a copy left from an earlier build would hold other
 * bytes.
 */
async function precompressed(file, modified) {
  const copies = new Map();
  for (const [encoding, suffix] of ENCODINGS) {
    const copy = await stat(file + suffix).catch(() => null);
    if (copy?.isFile() && copy.mtimeMs >= modified) copies.set(encoding, file + suffix);
  }
  return copies;
}

/**
 * Serves `dir` on 127.0.0.1:`port` (0 = any free port); resolves to { origin, close }.
 * `options` go to headersFor.
 */
export async function serve(dir, port = 0, options = {}) {
  const root = resolve(dir);
  const server = createServer(async (request, response) => {
    const served = servedPath(request.url);
    if (served === null) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('bad request: the path is not a valid URL path');
      return;
    }
    let found;
    try {
      found = await findFile(root, served);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const { path, file, modified } = found;
    const headers = { ...headersFor(path, options), 'cache-control': cacheControl(path) };
    let sent = file;
    if (COMPRESSED_TYPES.has(extname(path))) {
      headers.vary = 'Accept-Encoding';
      const copies = await precompressed(file, modified);
      const encoding = chooseEncoding(request.headers['accept-encoding'], [...copies.keys()]);
      if (encoding !== 'identity') {
        headers['content-encoding'] = encoding;
        sent = copies.get(encoding);
      }
    }
    const body = await readFile(sent);
    // Strong, and of the bytes sent: each encoding of a file is a representation of its own.
    headers.etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    if (matchesEtag(request.headers['if-none-match'], headers.etag)) {
      response.writeHead(304, headers).end();
      return;
    }
    headers['content-length'] = body.length;
    response.writeHead(200, headers).end(body);
  });
  // A request the HTTP parser itself refuses gets 400 too, never an uncaught error.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  await new Promise((ready) => server.listen(port, '127.0.0.1', ready));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const { origin } = await serve(dir, Number(port));
  console.log(`Serving ${dir}/ at ${origin}/ — the builder at ${origin}/, the embed examples under ${origin}/examples/ (Ctrl+C stops it)`);
}
