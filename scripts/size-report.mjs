// Prints raw / gzip / brotli sizes of every file the page loads (the files at the top of
// dist/), what each embed style downloads (dist/embed/) and the npm package's size. With
// --check, fails when the page's first screen, the page's total or the widget's brotli
// total grows past its budget in
// size-budget.json. Budgets are measured sizes; they only go down, or up with a written
// reason.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
// Issue 17's targets: what the first screen loads before the reader does anything, and
// everything the page can load.
const FIRST_SCREEN_TARGET_KIB = 90;
const TOTAL_TARGET_KIB = 160;

/** A byte count in KiB, one decimal: `12.3 KiB`. */
export const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

function sizes(dir, name) {
  const bytes = readFileSync(join(dir, name));
  return {
    name,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export function pageSizes() {
  return readdirSync(DIST)
    // The .br and .gz copies (scripts/compress.mjs) are other encodings of the same files.
    .filter((name) => statSync(join(DIST, name)).isFile() && !/\.(br|gz)$/.test(name))
    .sort()
    .map((name) => sizes(DIST, name));
}

const EMBED = join(DIST, 'embed');
const WIDGET_FILES = ['iam-policy-builder.css', 'widget.js', 'iam_policy_builder.js', 'iam_policy_builder_bg.wasm'];

/** What a docs page downloads for each way of embedding, brotli-compressed; null before
 * scripts/build.sh has run. */
export function embedSizes() {
  if (!existsSync(join(EMBED, 'widget.js'))) return null;
  // Each file is compressed once, though it counts towards several styles (the wasm in all).
  const brotli = new Map();
  const size = (name) => {
    if (!brotli.has(name)) brotli.set(name, sizes(EMBED, name).brotli);
    return brotli.get(name);
  };
  const total = (files) => files.map(size).reduce((a, b) => a + b, 0);
  return [
    // widget.js fetches the glue and the wasm only once a builder is near the screen or
    // the docs page has loaded and the browser is idle.
    ['drop-in widget, before a builder is needed (stylesheet, widget.js)', total(WIDGET_FILES.slice(0, 2))],
    ['drop-in widget (stylesheet, widget.js, JS glue, wasm)', total(WIDGET_FILES)],
    ['iframe page (the widget\'s files, embed.html, frame-height.js, icon)', total([...WIDGET_FILES, 'embed.html', 'frame-height.js', 'favicon.svg'])],
    ['JS API, build() only (JS glue, wasm)', total(['iam_policy_builder.js', 'iam_policy_builder_bg.wasm'])],
  ];
}

/** The npm tarball as `npm pack` would write it: packed and unpacked bytes. */
export function packageSize() {
  const packed = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: join(ROOT, 'pkg'), encoding: 'utf8' });
  if (packed.status !== 0) return null;
  const [{ size, unpackedSize, entryCount }] = JSON.parse(packed.stdout);
  return { size, unpackedSize, entryCount };
}

/** The embeds table, from `embedSizes()` (measured here unless given). */
export function embedTable(embeds = embedSizes()) {
  if (!embeds) return 'The embeds are not built: run scripts/build.sh.';
  const rows = embeds.map(([style, brotli]) => `| ${style} | ${kib(brotli)} |`);
  const npm = packageSize();
  if (npm) rows.push(`| npm package (\`npm pack\`: ${npm.entryCount} files, ${kib(npm.unpackedSize)} unpacked) | ${kib(npm.size)} tarball |`);
  return ['| embed | downloads (brotli) |', '|---|---:|', ...rows].join('\n');
}

/**
 * The files the page loads before the reader does anything: what index.html links and
 * scripts. The wasm is not among them: the start script fetches it when the browser is
 * first idle after the first paint, or when the reader first touches the page
 * (tests/e2e/prerender.test.mjs checks the requests).
 */
export function firstScreenFiles() {
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  const linked = [...index.matchAll(/\b(?:href|src)="\.?\/?([^":?#]+)"/g)].map((m) => m[1]);
  return new Set(['index.html', ...linked].filter((name) => existsSync(join(DIST, name))));
}

/** Brotli bytes of the first screen and of every file the page has. */
export function pageTotals(files = pageSizes()) {
  const first = firstScreenFiles();
  const sum = (list) => list.reduce((total, f) => total + f.brotli, 0);
  return { firstScreen: sum(files.filter((f) => first.has(f.name))), total: sum(files) };
}

export function sizeTable(files) {
  const first = firstScreenFiles();
  const rows = files.map((f) => `| ${f.name}${first.has(f.name) ? '' : ' (later)'} | ${kib(f.raw)} | ${kib(f.gzip)} | ${kib(f.brotli)} |`);
  const { firstScreen, total } = pageTotals(files);
  return [
    '| file | raw | gzip | brotli |',
    '|---|---:|---:|---:|',
    ...rows,
    `| **first screen** | | | **${kib(firstScreen)}** (target ≤ ${FIRST_SCREEN_TARGET_KIB} KiB) |`,
    `| **everything** | | | **${kib(total)}** (target ≤ ${TOTAL_TARGET_KIB} KiB) |`,
  ].join('\n');
}

/** Fails the process when `total` is past `budgetBytes` plus the tolerance. */
function check(what, total, budgetBytes, tolerancePercent) {
  const limit = Math.round(budgetBytes * (1 + tolerancePercent / 100));
  if (total > limit) {
    console.error(`The ${what} grew to ${total} bytes brotli, past its budget of ${budgetBytes} (+${tolerancePercent}%: ${limit}) in size-budget.json. Make it smaller, or raise the budget with a reason.`);
    process.exitCode = 1;
  } else {
    console.log(`${what}: ${total} bytes brotli; budget ${budgetBytes} (+${tolerancePercent}% for toolchain differences: ${limit})`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = pageSizes();
  console.log(sizeTable(files));
  const embeds = embedSizes();
  console.log(`\n${embedTable(embeds)}\n`);
  if (process.argv.includes('--check')) {
    const budget = JSON.parse(readFileSync(join(ROOT, 'size-budget.json'), 'utf8'));
    const { firstScreen, total } = pageTotals(files);
    check('page first screen', firstScreen, budget.pageFirstScreenBrotliBytes, budget.tolerancePercent);
    check('page total', total, budget.pageTotalBrotliBytes, budget.tolerancePercent);
    if (embeds) {
      const [, widget] = embeds.find(([style]) => style.startsWith('drop-in widget ('));
      check('widget', widget, budget.widgetBrotliBytes, budget.tolerancePercent);
    } else {
      console.error('dist/embed/ is missing: run scripts/build.sh before the size check.');
      process.exitCode = 1;
    }
  }
}
