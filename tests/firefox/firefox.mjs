// Debian's firefox-esr, headless, driven through geckodriver by selenium-webdriver (the
// Selenium project's WebDriver client, pinned in package.json). Playwright's Firefox is a
// patched build these machines cannot download, and Debian's firefox-esr speaks only
// WebDriver (and BiDi). Both binaries are named here, so Selenium Manager, which would look
// for a driver and a browser and download what it misses, never runs: nothing is fetched.
import { Browser, Builder } from 'selenium-webdriver';
import { Options, ServiceBuilder } from 'selenium-webdriver/firefox.js';

// Off the network, as the Chromium runs: no update checks, telemetry or captive portal
// probes to a closed network.
const PREFERENCES = {
  'app.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'dom.events.asyncClipboard.readText': true,
  'dom.events.testing.asyncClipboard': true,
};

/** Starts geckodriver (GECKODRIVER, else the one on PATH) and a headless Firefox (FIREFOX, else Debian's). */
export function firefox() {
  const options = new Options().setBinary(process.env.FIREFOX ?? '/usr/bin/firefox-esr').addArguments('-headless');
  for (const [name, value] of Object.entries(PREFERENCES)) options.setPreference(name, value);
  return new Builder()
    .forBrowser(Browser.FIREFOX)
    .setFirefoxOptions(options)
    .setFirefoxService(new ServiceBuilder(process.env.GECKODRIVER ?? 'geckodriver'))
    .build();
}
