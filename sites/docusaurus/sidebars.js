/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */
export default {
  docs: ['index', 'roles', 'deploying'],
};
