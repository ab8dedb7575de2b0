// Headless Debian Chromium through playwright-core, with the flags this closed network needs, and
// pages that fail the test on any console error, uncaught exception or CSP violation.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\``);
  return value;
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Opens `url` in a fresh context. `problems` collects console errors, page errors and CSP
 * violations; `expectClean()` throws if any arrived (minus those matching `allow`).
 */
export async function open(browser, url, { viewport, allow = [], clock = false } = {}) {
  const context = await browser.newContext({ viewport: viewport ?? { width: 1100, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  if (clock) await page.clock.install();
  await page.goto(url);
  return {
    page,
    context,
    problems,
    expectClean() {
      const left = problems.filter((p) => !allow.some((re) => re.test(p)));
      if (left.length) throw new Error(`browser problems:\n${left.join('\n')}`);
    },
    close: () => context.close(),
  };
}
