// A real Docusaurus site with the builder on one page, as the React component from the
// npm package: built by scripts/build.sh --sites after pkg/ is copied into
// node_modules/iam-policy-builder (what `npm install iam-policy-builder` puts there).
// Pages change by client-side routing, which is what the tests put the component through.

/** @type {import('@docusaurus/types').Config} */
export default {
  title: 'Matillion agent on ECS',
  url: 'http://127.0.0.1',
  baseUrl: '/',
  favicon: 'img/favicon.svg',
  onBrokenLinks: 'throw',
  // Nothing from other origins: no analytics, no fonts, no search service.
  presets: [
    [
      'classic',
      {
        docs: { routeBasePath: '/', sidebarPath: './sidebars.js' },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      },
    ],
  ],
  themeConfig: {
    colorMode: { defaultMode: 'light', respectPrefersColorScheme: false },
    navbar: { title: 'Matillion agent on ECS' },
  },
};
