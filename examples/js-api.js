// The JS API from a page's own script: load the wasm once, then build() and mount().
import init, { build, mount } from '../embed/iam_policy_builder.js';

await init();

const response = build({
  account: '123456789012',
  region: 'cn-north-1',
  secrets: ['matillion/agent'],
});
const trust = response.documents.find((document) => document.id === 'task-role-trust-policy');
document.getElementById('built').textContent = JSON.stringify(trust.policy, null, 2);
document.getElementById('problems').textContent = `${response.problems.length} problem(s): ${
  response.problems.map((problem) => problem.message).join(' ') || 'none'
}`;

const element = document.getElementById('builder');
const toggle = document.getElementById('toggle');
const options = { region: 'cn-north-1', exports: ['cdk', 'terraform'], headingLevel: 2 };
let widget = mount(element, options);
toggle.addEventListener('click', () => {
  if (widget) {
    widget.destroy();
    widget = null;
    toggle.textContent = 'Mount the builder again';
  } else {
    widget = mount(element, options);
    toggle.textContent = 'Remove the builder';
  }
});
