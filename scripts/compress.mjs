// Writes a brotli (`.br`) and a gzip (`.gz`) copy next to every text asset of a built site
// (dist/ by default), so a host serves the smallest one the browser accepts without
// compressing on each request: brotli at its best quality takes seconds for the wasm, far
// too long per request. scripts/build.sh runs it last, once every file is final.
//
//   node scripts/compress.mjs [dir]
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The files worth compressing: text, and the wasm (which brotli shrinks to about a third). */
export const COMPRESSED_TYPES = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.md', '.txt']);

/** The encodings written, best first, with the suffix each copy takes. */
export const ENCODINGS = [
  ['br', '.br', (bytes) => brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_GENERIC,
    },
  })],
  ['gzip', '.gz', (bytes) => gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION })],
];

/** Every file below `dir` that gets compressed copies, as paths relative to it. */
export function compressible(dir, under = '') {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((entry) => {
    const path = join(under, entry.name);
    if (entry.isDirectory()) return compressible(dir, path);
    return entry.isFile() && COMPRESSED_TYPES.has(extname(entry.name)) ? [path] : [];
  });
}

/**
 * Writes `<file>.br` and `<file>.gz` for every compressible file below `dir`; returns
 * [file, raw, brotli, gzip] sizes.
 */
export function compressTree(dir) {
  return compressible(dir).map((path) => {
    const bytes = readFileSync(join(dir, path));
    const sizes = ENCODINGS.map(([, suffix, compress]) => {
      const packed = compress(bytes);
      writeFileSync(join(dir, path + suffix), packed);
      return packed.length;
    });
    return [path, bytes.length, ...sizes];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist';
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  const written = compressTree(dir);
  const total = (i) => written.reduce((sum, row) => sum + row[i], 0);
  console.log(`${dir}/: ${written.length} files compressed: ${total(1)} bytes, ${total(2)} brotli, ${total(3)} gzip`);
}
