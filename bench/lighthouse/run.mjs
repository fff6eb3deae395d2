// Lighthouse's mobile scores (its default: a Moto G Power's screen, simulated slow 4G and a
// 4× slower CPU) for the pages a reader opens: the builder's page, the iframe page and the
// example docs page with two widgets, served by scripts/static-server.mjs as a host should
// (the precompressed copies, cache headers). The median of a few runs of each, since one
// run on a shared machine moves by several points. It reports; nothing here fails on a
// figure. bench/bench.mjs puts the table into docs/PERFORMANCE.md;
//
//   node bench/lighthouse/run.mjs [runs]
//
// prints it alone, for dist/ as built.
import { join, resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../tests/e2e/harness.mjs';
import { median } from '../keystrokes.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

/** The pages measured, by the path the server serves them at. */
export const PAGES = [
  ['the page', '/'],
  ['the iframe page', '/embed/embed.html'],
  ['the example docs page (two widgets)', '/examples/docs-page.html'],
];

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/**
 * One Lighthouse run of `url` in the Chromium on `port`: the four scores (0–100), LCP and
 * total blocking time (ms), CLS.
 */
async function measure(url, port) {
  const { lhr } = await lighthouse(url, { port, logLevel: 'error', output: 'json', onlyCategories: CATEGORIES });
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round(lhr.categories[id].score * 100)]));
  // What cost points outside performance, so a figure under 100 says why.
  const failed = CATEGORIES.filter((id) => id !== 'performance')
    .flatMap((id) => lhr.categories[id].auditRefs)
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
    .map((ref) => ref.id);
  return {
    ...scores,
    lcp: lhr.audits['largest-contentful-paint'].numericValue,
    cls: lhr.audits['cumulative-layout-shift'].numericValue,
    // Most of what the performance score loses here: the builder's mount is one long task.
    tbt: lhr.audits['total-blocking-time'].numericValue,
    failed,
  };
}

/**
 * Every page of PAGES at `origin`, `runs` times each (alternating, so each page sees the
 * same machine load): the median of each figure, and the audits any run failed.
 */
export async function lighthouseScores(origin, runs = 3) {
  // The tests' browser, with their flags, headless.
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS] });
  try {
    const all = PAGES.map(() => []);
    for (let run = 0; run < runs; run += 1) {
      for (const [i, [, path]] of PAGES.entries()) all[i].push(await measure(origin + path, chrome.port));
    }
    return PAGES.map(([name, path], i) => {
      const results = all[i];
      const pick = (key) => median(results.map((result) => result[key]));
      return {
        name,
        path,
        ...Object.fromEntries([...CATEGORIES, 'lcp', 'cls', 'tbt'].map((key) => [key, pick(key)])),
        performanceRange: [Math.min(...results.map((r) => r.performance)), Math.max(...results.map((r) => r.performance))],
        failed: [...new Set(results.flatMap((result) => result.failed))],
      };
    });
  } finally {
    await chrome.kill();
  }
}

/** The scores as a Markdown table, with the targets of issue 27. */
export function lighthouseTable(scores, runs) {
  const out = [];
  out.push(`| page | performance (range of ${runs}) | accessibility | best practices | SEO | LCP | CLS | total blocking time |`);
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const page of scores) {
    const [low, high] = page.performanceRange;
    out.push(`| ${page.name} (\`${page.path}\`) | ${page.performance} (${low}–${high}) | ${page.accessibility} | ${page['best-practices']} | ${page.seo} | ${(page.lcp / 1000).toFixed(2)} s | ${page.cls.toFixed(3)} | ${Math.round(page.tbt)} ms |`);
  }
  out.push('| target | ≥ 95 | 100 | 100 | 100 | | | |');
  const failed = scores.filter((page) => page.failed.length > 0);
  if (failed.length > 0) {
    out.push('');
    for (const page of failed) out.push(`Audits failed on ${page.name}: ${page.failed.join(', ')}.`);
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { serve } = await import('../../scripts/static-server.mjs');
  const runs = Number(process.argv[2] ?? 3);
  const server = await serve(join(ROOT, 'dist'));
  try {
    console.log(lighthouseTable(await lighthouseScores(server.origin, runs), runs));
  } finally {
    await server.close();
  }
}
