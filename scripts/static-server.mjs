// Serves a built site (dist/ by default) on 127.0.0.1 the way a docs host should: the
// right media types, the iframe embed page's security headers on /embed/, and no framing of
// anything else. Used by scripts/serve.sh and by the end-to-end tests.
//
//   node scripts/static-server.mjs [dir] [port]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve } from 'node:path';

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
    const file = join(root, served);
    try {
      if (file !== root && !file.startsWith(`${root}/`)) throw new Error('outside the served folder');
      // `/roles` is `/roles/index.html` when there is no file `roles`, as static hosts
      // serve the folders docs generators write (Docusaurus links to them without a slash).
      let [body, path] = await readFile(file).then((body) => [body, served], (error) => [null, error]);
      if (body === null) {
        if (extname(served) !== '') throw path;
        path = `${served}/index.html`;
        body = await readFile(join(root, path));
      }
      response.writeHead(200, headersFor(path, options));
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
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
