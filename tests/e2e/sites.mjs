// The docs sites scripts/build.sh --sites builds into target/sites/, as the tests and the
// screenshots drive them: where the builder is, and each site's own controls.

/**
 * Each site: where the builder is, the selector of the element that holds it, how the
 * site's own navigation leaves and comes back, and how its theme switch goes dark.
 */
export const SITES = {
  mdbook: {
    path: '/roles.html',
    host: '[data-iam-policy-builder]',
    away: (page) => page.locator('#mdbook-sidebar').getByRole('link', { name: 'Deploying the service' }).first().click(),
    back: (page) => page.locator('main').getByRole('link', { name: 'IAM roles for the agent' }).click(),
    dark: async (page) => {
      await page.locator('#mdbook-theme-toggle').click();
      await page.locator('#mdbook-theme-navy').click();
    },
    isDark: (page) => page.evaluate(() => document.documentElement.classList.contains('navy')),
  },
  mkdocs: {
    path: '/roles/',
    host: '[data-iam-policy-builder]',
    away: (page) => page.locator('.md-nav--primary').getByRole('link', { name: 'Deploying the service' }).click(),
    back: (page) => page.locator('article').getByRole('link', { name: 'IAM roles for the agent' }).click(),
    dark: (page) => page.locator('label[title="Switch to dark mode"]').click(),
    isDark: (page) => page.evaluate(() => document.body.dataset.mdColorScheme === 'slate'),
  },
  docusaurus: {
    path: '/roles',
    // The React component's div, given a class as the page does.
    host: '.iam-policy-builder',
    away: (page) => page.locator('nav.menu').getByRole('link', { name: 'Deploying the service' }).click(),
    back: (page) => page.locator('article').getByRole('link', { name: 'IAM roles for the agent' }).click(),
    dark: async (page) => {
      // Docusaurus 3.10's switch goes light → dark → system.
      const toggle = page.getByRole('button', { name: /Switch between dark and light mode/ });
      for (let i = 0; i < 3 && (await page.evaluate(() => document.documentElement.dataset.theme)) !== 'dark'; i += 1) {
        await toggle.click();
      }
    },
    isDark: (page) => page.evaluate(() => document.documentElement.dataset.theme === 'dark'),
  },
};
