// The little of W3C WebDriver the Firefox runs need, over geckodriver's HTTP API: no
// client library, since Playwright's Firefox is a patched build these machines cannot
// download, and Debian's firefox-esr speaks only WebDriver (and BiDi).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts geckodriver and a headless Firefox session; resolves to a Session. */
export async function firefox() {
  const port = await freePort();
  const driver = spawn(process.env.GECKODRIVER ?? 'geckodriver', ['--port', String(port), '--host', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  driver.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    try {
      await fetch(`${base}/status`);
      break;
    } catch (error) {
      if (tries > 100) throw new Error(`geckodriver did not start: ${log || error.message}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  const capabilities = {
    alwaysMatch: {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        args: ['-headless'],
        // Off the network, as the Chromium runs: no update checks, telemetry or captive
        // portal probes to a closed network.
        prefs: {
          'app.update.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'network.captive-portal-service.enabled': false,
          'network.connectivity-service.enabled': false,
          'browser.safebrowsing.update.enabled': false,
          'dom.events.asyncClipboard.readText': true,
          'dom.events.testing.asyncClipboard': true,
        },
      },
    },
  };
  const session = new Session(base, driver);
  const { sessionId } = await session.call('POST', '/session', { capabilities });
  session.id = sessionId;
  return session;
}

class Session {
  constructor(base, driver) {
    this.base = base;
    this.driver = driver;
    this.id = null;
  }

  async call(method, path, body) {
    const url = this.id && path !== '/session' ? `${this.base}/session/${this.id}${path}` : `${this.base}${path}`;
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
    return value;
  }

  /** Opens `url` and waits for its load event. */
  goto(url) {
    return this.call('POST', '/url', { url });
  }

  /** Runs `script` (a function's source, called with `args`) in the page. */
  run(script, ...args) {
    return this.call('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve((${script})(...Array.from(arguments).slice(0, -1))).then(done, (e) => done({ thrown: String(e) }));`,
      args,
    }).then((value) => {
      if (value && typeof value === 'object' && 'thrown' in value) throw new Error(value.thrown);
      return value;
    });
  }

  /** Polls `script` until it returns something truthy (10 s at most). */
  async waitFor(script, ...args) {
    const started = Date.now();
    for (;;) {
      const value = await this.run(script, ...args);
      if (value) return value;
      if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${script}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  /** Types `text` into an element a script returned, with real key events. */
  type(element, text) {
    return this.call('POST', `/element/${element[ELEMENT]}/value`, { text });
  }

  async close() {
    try {
      await this.call('DELETE', '');
    } finally {
      this.driver.kill();
    }
  }
}
