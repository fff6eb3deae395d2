// Layout as a person sees it, checked over every control in every state at both widths
// (new-user defects 3, 4 and 8): nothing sticks out of its container, JSON text is the
// size the stylesheet sets, and long lines wrap instead of hiding the suffix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openPage, servedPage, tooManySecrets, existingRoles, pastedEcsError, widgetsLive, widgetsStyled, addWidgetFiles,
  eksIrsa, eksPodIdentity, eksExistingRunnerRole, pastedEksError,
} from './harness.mjs';

const site = servedPage();

const LONG = 'matillion/a-rather-long-team-name/production/agent-client-credentials';

const STATES = [
  ['empty', async () => {}],
  ['filled', async (page) => {
    await page.getByLabel('AWS account ID').fill('123456789012');
    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByLabel('Secret names').fill(`${LONG}\nprod/db`);
  }],
  ['too many secrets for one policy, with the shared-prefix fix', tooManySecrets],
  ['existing roles: a trust policy merged, a secrets policy fixed', existingRoles],
  ['an ECS error pasted into the empty page', pastedEcsError],
  ['advanced options open and in use', async (page) => {
    await page.getByLabel('AWS account ID').fill('12345');
    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByLabel('Secret names').fill(LONG);
    await page.getByText('Advanced options').click();
    await page.getByLabel('Customer managed KMS keys').fill('1234abcd-12ab-34cd-56ef-1234567890ab');
    await page.getByLabel('Parameter Store parameters').fill('/matillion/agent/key');
    await page.getByLabel("Also build the task role's permissions policy").check();
    await page.getByLabel('S3 staging buckets').fill('s3://my-staging-bucket/matillion/');
    await page.getByLabel('Secrets pipelines read at run time').fill(LONG);
    await page.getByLabel('AWS account ID').focus();
  }],
  // Amazon EKS: the cluster's fields, each way of getting credentials, the runner role
  // reused, and a pod's error.
  ['Amazon EKS with IRSA: issuer, namespace and service accounts typed', eksIrsa],
  ['Amazon EKS with Pod Identity, a cluster named and the advanced options in use', eksPodIdentity],
  ["Amazon EKS with the runner role reused: its trust policy merged", eksExistingRunnerRole],
  ['an EKS error pasted into the empty page', pastedEksError],
];

for (const width of [1280, 360]) {
  for (const [state, reach] of STATES) {
    test(`${state} at ${width} px: every control inside its container, JSON at its size and wrapped`, async () => {
      const { page, context, trouble } = await openPage(site.browser, site.server.origin);
      await page.setViewportSize({ width, height: 900 });
      await reach(page);
      const found = await page.evaluate(() => {
        const out = [];
        const root = document.querySelector('.ipb');
        const containers = '.ipb__card, .ipb__advanced, .ipb__fieldset, .ipb__form, .ipb';
        for (const control of root.querySelectorAll('input, textarea, select, button, pre, meter')) {
          const box = control.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;
          const container = control.parentElement.closest(containers);
          const limit = container.getBoundingClientRect();
          const name = control.id || control.getAttribute('aria-label') || control.textContent.trim().slice(0, 30);
          if (box.right > limit.right + 0.5 || box.left < limit.left - 0.5) {
            out.push(`${control.tagName.toLowerCase()} “${name}” spans ${box.left.toFixed(1)}–${box.right.toFixed(1)}, its ${container.className.split(' ')[0]} ${limit.left.toFixed(1)}–${limit.right.toFixed(1)}`);
          }
        }
        // A button whose name wrapped ("Downl / oad") is taller than one line allows. A fix
        // naming a value (a prefix longer than a phone is wide) is made to wrap inside it.
        for (const button of root.querySelectorAll('button:not(.ipb__button--fix)')) {
          const box = button.getBoundingClientRect();
          const line = parseFloat(getComputedStyle(button).fontSize);
          if (box.height > line * 3.2) out.push(`button “${button.textContent.trim()}” wraps (${box.height.toFixed(0)} px tall)`);
        }
        // A checkbox and its label share a row (defect 16: on a phone the label fell
        // onto a line of its own, below the box).
        for (const box of root.querySelectorAll('input[type="checkbox"]')) {
          const label = root.querySelector(`label[for="${box.id}"]`);
          const [b, l] = [box.getBoundingClientRect(), label.getBoundingClientRect()];
          if (b.width > 0 && l.top >= b.bottom) out.push(`checkbox “${label.textContent.trim()}” has its label below it`);
        }
        // Prose wraps between words, or where soft_breaks lets a long name wrap (after "/",
        // ":" or "-", between the CamelCase parts of one wider than its line, each a text
        // node of its own): a line that ends between two letters of one text node broke a
        // word (defect 16: "AmazonECSTaskExecutionRoleP / olicy"). breaks.test.mjs holds
        // names to type and the JSON to more.
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement.closest('pre, textarea, button, .ipb__visually-hidden')) continue;
          const text = node.data;
          let lastTop = null;
          for (let i = 0; i < text.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect || rect.width === 0) continue;
            const word = /[\p{L}\p{N}]/u;
            if (lastTop !== null && rect.top > lastTop + 1 && word.test(text[i - 1]) && word.test(text[i])) {
              out.push(`“${text.slice(Math.max(0, i - 12), i)} / ${text.slice(i, i + 12)}” breaks mid-word`);
            }
            lastTop = rect.top;
          }
        }
        // Every export tab is boxed, so a tab row that wraps on a phone still reads as one
        // set of choices (defect 16: only the chosen tab of a stack had a box).
        for (const tab of root.querySelectorAll('[role="tab"]')) {
          const style = getComputedStyle(tab);
          for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
            const [width, colour] = [style[`border${side}Width`], style[`border${side}Color`]];
            if (parseFloat(width) < 1 || colour === 'transparent' || /rgba\(.*, 0\)$/.test(colour)) {
              out.push(`tab “${tab.textContent.trim()}” has no ${side.toLowerCase()} border (${width} ${colour})`);
            }
          }
        }
        if (document.documentElement.scrollWidth > window.innerWidth) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px`);
        for (const pre of root.querySelectorAll('pre.ipb__json')) {
          const code = pre.querySelector('code');
          const [preSize, codeSize] = [pre, code].map((e) => getComputedStyle(e).fontSize);
          if (codeSize !== preSize) out.push(`${pre.getAttribute('aria-label')}: code text ${codeSize}, the block ${preSize}`);
          // A document's lines wrap. An export's are code and scroll (breaks.test.mjs), and so
          // may a document too large for IAM, shown without break points until it is fixed
          // (at a thousand secrets they would cost every keystroke).
          const tooLarge = pre.closest('.ipb__card').querySelector('.ipb__size--over');
          if (!pre.dataset.export && !tooLarge && pre.scrollWidth > pre.clientWidth + 1) out.push(`${pre.getAttribute('aria-label')} scrolls sideways (${pre.scrollWidth} > ${pre.clientWidth})`);
        }
        return out;
      });
      assert.deepEqual(found, []);
      // The suffix of a long name is on screen, inside its block.
      if (state === 'filled' || state.startsWith('advanced')) {
        const pre = page.locator('pre[data-document="execution-role-secrets-policy"]');
        assert.match(await pre.textContent(), /agent-client-credentials-\?\?\?\?\?\?/);
      }
      assert.deepEqual(trouble(), []);
      await context.close();
    });
  }
}

/** The colour of each pixel at `points` of a PNG screenshot, decoded by the browser. */
async function pixels(context, png, points) {
  const decoder = await context.newPage();
  const colours = await decoder.evaluate(async ({ base64, points }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    return points.map(([x, y]) => Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3)));
  }, { base64: png.toString('base64'), points });
  await decoder.close();
  return colours;
}

// Defect 16: in dark mode the standalone page's canvas was another grey than the
// builder's, leaving a lighter column down the middle.
for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 360]) {
    test(`${colorScheme} at ${width} px: the page's background is the builder's, edge to edge`, async () => {
      const { page, context, trouble } = await openPage(site.browser, site.server.origin);
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 700 });
      const builder = await page.locator('.ipb').evaluate((el) => getComputedStyle(el).backgroundColor);
      const expected = builder.match(/\d+/g).slice(0, 3).map(Number);
      const png = await page.screenshot();
      const edges = [[1, 1], [width - 2, 1], [1, 350], [width - 2, 350], [1, 698], [width - 2, 698]];
      const found = await pixels(context, png, edges);
      found.forEach((colour, i) => assert.deepEqual(colour, expected, `pixel ${edges[i]} is rgb(${colour}), the builder ${builder}`));
      assert.deepEqual(trouble(), []);
      await context.close();
    });
  }
}

// Issue 27 item 11: a widget showing one document left half its width empty beside it
// (one card in a two-column grid), and three cards left a hole beside the third. For
// every count of cards a widget can show, with and without the exports card and a
// diagnosis, each row of cards fills the width of the cards' area.
const CARD_SETS = [
  { documents: 'execution-role-secrets-policy', exports: 'none' },
  { documents: 'execution-role-secrets-policy' },
  { documents: 'task-role-trust-policy execution-role-secrets-policy', exports: 'none' },
  { documents: 'task-role-trust-policy execution-role-secrets-policy' },
  { documents: 'task-role-trust-policy execution-role-secrets-policy task-role-permissions-policy', taskRolePolicy: 'true', exports: 'none' },
  { documents: 'task-role-trust-policy execution-role-secrets-policy task-role-permissions-policy', taskRolePolicy: 'true' },
  { documents: 'execution-role-secrets-policy', exports: 'none', ecsError: 'AccessDeniedException' },
];

for (const width of [1280, 360]) {
  test(`at ${width} px, no card of a widget leaves an empty column beside it, whatever the count of cards`, async () => {
    const { page, context, trouble } = await openPage(site.browser, site.server.origin, {
      path: '/examples/index.html',
      ready: async () => {},
      viewport: { width, height: 900 },
    });
    await page.evaluate((sets) => {
      for (const set of sets) {
        const element = document.createElement('div');
        Object.assign(element.dataset, { iamPolicyBuilder: '' }, set);
        document.body.append(element);
      }
    }, CARD_SETS);
    await addWidgetFiles(page);
    await widgetsLive(page);
    const hosts = page.locator('[data-iam-policy-builder]');
    for (let i = 0; i < CARD_SETS.length; i++) await hosts.nth(i).getByLabel('AWS account ID').waitFor();
    await widgetsStyled(page);
    const found = await page.evaluate(() =>
      [...document.querySelectorAll('[data-iam-policy-builder]')].map((host) => {
        const area = host.shadowRoot.querySelector('.ipb__documents');
        const style = getComputedStyle(area);
        const inner = area.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const gap = parseFloat(style.columnGap) || 0;
        const rows = new Map();
        for (const card of area.children) {
          const box = card.getBoundingClientRect();
          const top = Math.round(box.top);
          rows.set(top, [...(rows.get(top) ?? []), box.width]);
        }
        const cards = area.children.length;
        return { cards, rows: [...rows.values()].map((widths) => ({ widths, gap, inner })) };
      }));
    assert.deepEqual(found.map((w) => w.cards), [1, 2, 2, 3, 3, 4, 2]);
    for (const [i, { cards, rows }] of found.entries()) {
      for (const { widths, gap, inner } of rows) {
        const filled = widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
        assert.ok(Math.abs(filled - inner) < 1, `widget ${i} (${cards} cards): a row of ${widths.map((w) => w.toFixed(0)).join(' + ')} px fills ${filled.toFixed(0)} of ${inner.toFixed(0)} px`);
      }
    }
    assert.deepEqual(trouble(), []);
    await context.close();
  });
}
