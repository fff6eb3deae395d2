// Where text breaks, checked over everything the builder renders (issue 27 item 10): at
// 360 px the closing quote of "secretsmanager:GetSecretValue" stood alone on a line, ARNs
// split inside a word (matillio/n), the export's wrapped comment lines lost their "#", and
// names a reader must type (GetETLAgent SecretValue, ecsTaskExecution Role) were split.
// With long real values in every field, at 360 and 1280 px, light and dark, and every
// export tab shown, a check reads where each character of the builder lands:
// - no word (a run of letters and digits) is split across lines, unless it is wider than
//   its line and splits between the parts of a CamelCase name; an id (20 or more
//   upper-case letters and digits, such as an EKS cluster's OIDC provider id) is no word:
//   it may break between its groups of eight;
// - a long token (text without spaces: an ARN, a path, a Helm value's key path) breaks only
//   after ":", "/", "-" or ".", or between an id's groups;
// - a name to type (a policy, role or secret name, a value typed into the form) is on one
//   line unless it is wider than its line, and then breaks only between its own parts;
// - nothing sticks out of its card, but a <pre> that scrolls, focusable and named;
// - every line of an export that is a comment starts with its comment marker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, realEntry, servedPage } from './harness.mjs';

const site = servedPage();

/** One field of an entry of the real-world corpus, found by its source. */
const real = (file, source, field) => realEntry(file, source)[field];

// Names people really gave their roles and secrets (from the errors they pasted, and
// secrets named in public files): long, hyphenated, CamelCase, with "!" and "/".
const EXECUTION_ROLE = 'streamlit-sample-test-front-end-ExecutionRole-qXmoAXceH13T';
const TASK_ROLE = 'DifyOnAwsStack-WebServiceTaskExecutionRole4406CA16-redact';
const SECRETS = [
  'matillion/a-rather-long-team-name/production/agent-client-credentials',
  'arn:aws:secretsmanager:ap-southeast-2:509194952652:secret:rds!cluster-1757a281-ee31-460d-b56e-950817921010-Ansbey',
  'events!connection/CloudSaverEventSourceConnection',
];
// A runner role named as CloudFormation names roles: the stack, the logical id, a suffix.
const RUNNER_ROLE = 'matillion-dpc-production-RunnerRole-1P56QZ6LCLOP5';
// The names the builder's own steps tell a reader to type or search for (checked wherever
// they are shown).
const NAMES_IN_STEPS = ['GetETLAgentSecretValue', 'AmazonECSTaskExecutionRolePolicy'];

/** A state: a real error from the corpus pasted into the empty page, and its diagnosis. */
function pastedError(name, source, names) {
  return {
    name,
    names,
    async reach(page) {
      await page.getByLabel('Task failed to start? Paste the error from the ECS console')
        .fill(real('ecs-errors.json', source, 'text'));
      await page.locator('.ipb__diagnosis').waitFor();
    },
  };
}

const STATES = [
  {
    name: 'new roles with long real names and every option',
    names: [...NAMES_IN_STEPS, EXECUTION_ROLE, TASK_ROLE, ...SECRETS.filter((s) => !s.startsWith('arn:')), 'ap-southeast-2'],
    async reach(page) {
      await page.getByLabel('AWS account ID').fill('123456789012');
      await page.getByLabel('Region', { exact: true }).fill('ap-southeast-2');
      await page.getByLabel('Secret names').fill(SECRETS.join('\n'));
      await page.getByLabel('Task role name').fill(TASK_ROLE);
      await page.getByLabel('Task execution role name').fill(EXECUTION_ROLE);
      await page.getByText('Advanced options').click();
      await page.getByLabel('Customer managed KMS keys').fill('arn:aws:kms:ap-southeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      await page.getByLabel('Parameter Store parameters').fill('/matillion/agent/production/snowflake-private-key-passphrase');
      await page.getByLabel("Also build the task role's permissions policy").check();
      await page.getByLabel('S3 staging buckets').fill('s3://matillion-agent-staging-ap-southeast-2-123456789012/matillion/');
      await page.getByLabel('Secrets pipelines read at run time').fill(SECRETS[0]);
    },
  },
  {
    name: 'existing roles with their 1,000-character policies pasted',
    names: [...NAMES_IN_STEPS, 'ecs-task-role-scoped', EXECUTION_ROLE, 'matillion/agent'],
    async reach(page) {
      await page.getByLabel('AWS account ID').fill('123456789012');
      await page.getByLabel('Region', { exact: true }).fill('us-east-1');
      await page.getByLabel('Secret names').fill('matillion/agent');
      await page.getByLabel(/A role I already have, such as Matillion ETL/).check();
      await page.getByLabel('Task role name').fill('ecs-task-role-scoped');
      await page.getByLabel("The task role's current trust policy")
        .fill(real('trust-policies.json', 'github:CBIIT/ccdi-devops:terraform/aws/modules/iam-ecs-task-role/trust.tf', 'policy'));
      await page.getByLabel(/A role I already have: check and fix/).check();
      await page.getByLabel('Task execution role name').fill(EXECUTION_ROLE);
      const policy = real('execution-policies.json', 'github:klikz-dev/jaspr-mono:ops/terraform/deployment/templates/iam_task_execution.tpl', 'policy');
      assert.ok(policy.length >= 1000, `${policy.length} characters`);
      await page.getByLabel("The execution role's current secrets policy").fill(policy);
      await page.getByText('What the builder changed').first().waitFor();
    },
  },
  {
    name: 'Amazon EKS with IRSA, long names and every option',
    names: ['MatillionRunnerPermissions', RUNNER_ROLE, 'matillion-runner-script-runner-sa', 'ap-southeast-2'],
    async reach(page) {
      await page.getByLabel('Amazon EKS', { exact: true }).check();
      await page.getByLabel('AWS account ID').fill('123456789012');
      await page.getByLabel('Region', { exact: true }).fill('ap-southeast-2');
      await page.getByLabel('Secret names').fill(SECRETS.join('\n'));
      await page.getByLabel("The cluster's OpenID Connect provider URL")
        .fill('https://oidc.eks.ap-southeast-2.amazonaws.com/id/8175BB95BF8BEEDA432DDA4146DAD965');
      await page.getByLabel('Kubernetes namespace').fill('matillion-data-productivity-cloud');
      await page.getByLabel('Service accounts', { exact: true }).fill('matillion-runner-sa\nmatillion-runner-script-runner-sa');
      await page.getByLabel('EKS cluster name').fill('matillion-production-eks-cluster-ap-southeast-2');
      await page.getByLabel('Runner role name').fill(RUNNER_ROLE);
      await page.getByText('Advanced options').click();
      await page.getByLabel('Customer managed KMS keys').fill('arn:aws:kms:ap-southeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      await page.getByLabel('S3 staging buckets').fill('s3://matillion-agent-staging-ap-southeast-2-123456789012/matillion/');
      await page.getByLabel('Secrets pipelines read at run time').fill(SECRETS[0]);
    },
  },
  pastedError('a real ECS error pasted, hard-wrapped by the terminal it came from', 'github:aws/copilot-cli#5752',
    ['streamlit-sample-test-front-end-ExecutionRole-qXmoAXceH13T', 'us-east-1']),
  // Its ARNs, like every ARN, may break after a ":" or a "/"; its command is shown as code.
  pastedError('a real ECS error pasted, with the command that proves the fix', 'github:aws/copilot-cli#1368',
    ['plotwatt-test-pienado-ExecutionRole-1P56QZ6LCLOP5', 'us-west-2', 'simulate-principal-policy']),
  pastedError('a real error naming ecsTaskExecutionRole pasted', 'github:UMassCDS/cds-modularity#22',
    ['ecsTaskExecutionRole', '091733705266']),
];

/**
 * Runs in the page: every defect of where text breaks, and of what sticks out of its card,
 * inside `scope` (a selector under the builder), as sentences.
 */
function breakDefects({ scope, names }) {
  const root = document.querySelector('.ipb');
  const area = scope ? root.querySelector(scope) : root;
  const out = [];
  const style = (e) => getComputedStyle(e);
  // Text is laid out in lines by its nearest ancestor that is neither inline nor an
  // inline-block (a name kept whole is an inline-block inside its sentence).
  const lineBox = (node) => {
    let e = node.parentElement;
    while (e && ['inline', 'inline-block', 'contents'].includes(style(e).display)) e = e.parentElement;
    return e;
  };
  const skipped = (node) => node.parentElement.closest('textarea, select, option, script, style, .ipb__visually-hidden');
  const scrolls = (pre) => ['auto', 'scroll'].includes(style(pre).overflowX);

  // The runs of text laid out together, each with every character's box.
  const runs = [];
  const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let run = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (skipped(node) || node.data.length === 0) continue;
    const box = lineBox(node);
    if (!run || run.box !== box) {
      run = { box, text: '', chars: [], pre: box.closest('pre') };
      runs.push(run);
    }
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = [...range.getClientRects()].find((r) => r.width > 0);
      run.chars.push(rect ?? null);
    }
    run.text += node.data;
  }

  for (const { box, text, chars, pre } of runs) {
    const boxStyle = style(box);
    const width = box.clientWidth - parseFloat(boxStyle.paddingLeft) - parseFloat(boxStyle.paddingRight);
    // Each character's line: a new line starts when a character sits below the last.
    const line = [];
    let current = -1;
    let last = null;
    chars.forEach((rect, i) => {
      if (rect && (!last || rect.top > last.top + last.height / 2)) current += 1;
      if (rect) last = rect;
      line[i] = rect ? current : null;
    });
    const breaksIn = (from, to) => {
      const at = [];
      let previous = null;
      for (let i = from; i < to; i++) {
        if (line[i] === null) continue;
        if (previous !== null && line[i] !== previous) at.push(i);
        previous = line[i];
      }
      return at;
    };
    const widthOf = (from, to) => chars.slice(from, to).reduce((sum, r) => sum + (r?.width ?? 0), 0);
    const camel = (i) => /\p{Ll}/u.test(text[i - 1]) && /\p{Lu}/u.test(text[i]);
    // Between the groups of eight of the id that holds character i, if one does.
    const idGroup = (i) => [...text.matchAll(/(?<![\p{L}\p{N}])[\p{Lu}\p{N}]{20,}(?![\p{L}\p{N}])/gu)].some((id) => /\p{N}/u.test(id[0]) && /\p{Lu}/u.test(id[0])
      && i > id.index && i < id.index + id[0].length && (i - id.index) % 8 === 0);
    const shown = (i) => `“${text.slice(Math.max(0, i - 16), i)} / ${text.slice(i, i + 16)}”`;
    const where = pre ? `in ${pre.getAttribute('aria-label')}` : `in ${box.tagName.toLowerCase()}.${box.className || '-'}`;

    for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      const end = match.index + match[0].length;
      const tooLong = widthOf(match.index, end) > width;
      for (const at of breaksIn(match.index, end)) {
        if (!(tooLong && camel(at)) && !idGroup(at)) out.push(`a word splits ${where}: ${shown(at)}`);
      }
    }
    for (const match of text.matchAll(/\S+/gu)) {
      for (const at of breaksIn(match.index, match.index + match[0].length)) {
        if (!/[:/.-]/.test(text[at - 1]) && !camel(at) && !idGroup(at)) out.push(`text breaks where it has no break ${where}: ${shown(at)}`);
      }
    }
    // Names are what a reader types into the console: the prose's, not the JSON's; each
    // where it stands as itself, not as a piece of a longer name (the region inside a
    // bucket's name, a secret's name before its ARN's -?????? suffix).
    if (!pre) {
      const nameChar = /[\p{L}\p{N}_-]/u;
      for (const name of names) {
        for (let from = text.indexOf(name); from !== -1; from = text.indexOf(name, from + 1)) {
          const end = from + name.length;
          if (nameChar.test(text[from - 1] ?? ' ') || nameChar.test(text[end] ?? ' ')) continue;
          // With the punctuation it is written with ("…-qXmoAXceH13T's"), which cannot
          // start a line of its own.
          const before = text.slice(0, from).match(/[(["'‘“]*$/)[0].length;
          const after = text.slice(end).match(/^(['’]s)?[.,;:!?)\]"'’”]*/)[0].length;
          const tooLong = widthOf(from - before, end + after) > width;
          for (const at of breaksIn(from, end)) {
            if (!tooLong || !(/[:/_.-]/.test(text[at - 1]) || camel(at))) {
              out.push(`the name ${name} splits ${where} (${widthOf(from, end).toFixed(0)} px of a ${width.toFixed(0)} px line): ${shown(at)}`);
            }
          }
        }
      }
    }
    // Nothing sticks out of its card (what a scrolling <pre> holds is clipped by it).
    if (!(pre && scrolls(pre))) {
      const card = (box.closest('.ipb__card') ?? root).getBoundingClientRect();
      chars.forEach((rect, i) => {
        if (rect && (rect.right > card.right + 0.5 || rect.left < card.left - 0.5)) {
          out.push(`text sticks out of its card ${where}: ${shown(i)} at ${rect.left.toFixed(0)}–${rect.right.toFixed(0)}, the card ${card.left.toFixed(0)}–${card.right.toFixed(0)}`);
        }
      });
    }
    // An export's comment, however it is laid out, reads as a comment on every line.
    if (pre?.dataset.export) {
      let start = 0;
      for (const sourceLine of text.split('\n')) {
        const marker = sourceLine.trimStart().match(/^(#|\/\/)/)?.[1];
        if (marker) {
          const visual = new Map();
          for (let i = start; i < start + sourceLine.length; i++) {
            if (line[i] !== null) visual.set(line[i], (visual.get(line[i]) ?? '') + text[i]);
          }
          for (const shownLine of visual.values()) {
            if (!shownLine.trimStart().startsWith(marker)) out.push(`a comment line of ${pre.dataset.export} shows without its ${marker}: “${shownLine.trim().slice(0, 40)}”`);
          }
        }
        start += sourceLine.length + 1;
      }
    }
  }

  for (const element of area.querySelectorAll('*')) {
    if (element.closest('.ipb__visually-hidden')) continue;
    const pre = element.closest('pre');
    if (pre && pre !== element && scrolls(pre)) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const card = (element.parentElement.closest('.ipb__card') ?? root).getBoundingClientRect();
    const name = `${element.tagName.toLowerCase()}.${element.className || '-'} “${(element.getAttribute('aria-label') ?? element.textContent).trim().slice(0, 30)}”`;
    if (box.right > card.right + 0.5 || box.left < card.left - 0.5) {
      out.push(`${name} sticks out of its card: ${box.left.toFixed(0)}–${box.right.toFixed(0)}, the card ${card.left.toFixed(0)}–${card.right.toFixed(0)}`);
    }
    // What scrolls sideways is a <pre> a keyboard can reach and a screen reader names.
    // (A text box scrolls its own value, as every text box does.)
    if (element.matches('input, textarea, select')) continue;
    if (element.scrollWidth > element.clientWidth + 1 && style(element).overflowX !== 'visible') {
      const reachable = element.tagName === 'PRE' && element.tabIndex === 0 && element.getAttribute('role') === 'region' && element.getAttribute('aria-label');
      if (!reachable) out.push(`${name} scrolls sideways but is not a focusable, named region`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px`);
  return out;
}

for (const state of STATES) {
  for (const width of [360, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${state.name}, at ${width} px, ${colorScheme}: no word or name to type splits, nothing sticks out, every comment line keeps its marker`, async () => {
        const { page, context, trouble } = await openPage(site.browser, site.server.origin, { viewport: { width, height: 900 } });
        await page.emulateMedia({ colorScheme });
        await state.reach(page);
        const names = [...NAMES_IN_STEPS, ...state.names];
        // The names the check looks for are on the page: a state that stopped showing
        // them would pass without checking anything.
        const text = await page.locator('.ipb').innerText();
        for (const name of state.names) assert.ok(text.includes(name), `${name} is not shown`);
        const found = await page.evaluate(breakDefects, { scope: null, names });
        const tabs = page.locator('.ipb [role="tab"]');
        const count = await tabs.count();
        assert.ok(count >= 4, `${count} export tabs`);
        for (let i = 0; i < count; i++) {
          await tabs.nth(i).click();
          const format = await tabs.nth(i).textContent();
          await page.locator('.ipb__tabpanel pre').filter({ hasText: /\S/ }).waitFor();
          const inPanel = await page.evaluate(breakDefects, { scope: '.ipb__tabpanel', names });
          found.push(...inPanel.map((defect) => `${format}: ${defect}`));
        }
        const defects = [...new Set(found)];
        assert.deepEqual(defects, [], `${defects.length} defects:\n${defects.join('\n')}`);
        assert.deepEqual(trouble(), []);
        await context.close();
      });
    }
  }
}
