// Prints raw / gzip / brotli sizes of every file the page loads (everything in dist/) and,
// with --check, fails when the brotli total grows past the budget in size-budget.json.
// The budget is the measured size; it only goes down, or up with a written reason.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
const TARGET_KIB = 56;

export function pageSizes() {
  return readdirSync(DIST)
    .filter((name) => statSync(join(DIST, name)).isFile())
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(DIST, name));
      return {
        name,
        raw: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    });
}

export function sizeTable(files) {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const rows = files.map((f) => `| ${f.name} | ${kib(f.raw)} | ${kib(f.gzip)} | ${kib(f.brotli)} |`);
  const total = (key) => files.reduce((sum, f) => sum + f[key], 0);
  return [
    '| file | raw | gzip | brotli |',
    '|---|---:|---:|---:|',
    ...rows,
    `| **page transfer** | ${kib(total('raw'))} | ${kib(total('gzip'))} | **${kib(total('brotli'))}** (target ≤ ${TARGET_KIB} KiB) |`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = pageSizes();
  console.log(sizeTable(files));
  if (process.argv.includes('--check')) {
    const budget = JSON.parse(readFileSync(join(ROOT, 'size-budget.json'), 'utf8'));
    const total = files.reduce((sum, f) => sum + f.brotli, 0);
    const limit = Math.round(budget.pageBrotliBytes * (1 + budget.tolerancePercent / 100));
    if (total > limit) {
      console.error(`The page grew to ${total} bytes brotli, past its budget of ${budget.pageBrotliBytes} (+${budget.tolerancePercent}%: ${limit}) in size-budget.json. Make it smaller, or raise the budget with a reason.`);
      process.exit(1);
    }
    console.log(`size: ${total} bytes brotli; budget ${budget.pageBrotliBytes} (+${budget.tolerancePercent}% for toolchain differences: ${limit})`);
  }
}
