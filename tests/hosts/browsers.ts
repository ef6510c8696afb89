// Chromium and Firefox ESR (Debian's builds) driven by Playwright 1.64.1 (1.65 cannot drive
// Firefox ESR 153): each opens the plain module page and waits for its result.
import { existsSync } from 'node:fs';
import { chromium, firefox, type Browser } from 'playwright-core';
import { unwrap, type HostResults } from './results.js';

/** Launchers by host name; tests/hosts/demo.test.ts drives the demo page with the Chromium one. */
export const launchers: Record<string, () => Promise<Browser>> = {
  Chromium: () => chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  }),
  // Firefox ESR speaks WebDriver BiDi only; without the channel Playwright tries Juggler and fails.
  'Firefox ESR': () => firefox.launch({ channel: 'moz-firefox', executablePath: '/usr/bin/firefox-esr', headless: true }),
};

export const browsers = Object.keys(launchers);

/**
 * What a host needs from Debian beyond the npm packages (Deno, Bun and workerd come with npm
 * install), and the command that installs it; false when it is there.
 */
export function hostMissing(host: string): string | false {
  const needs: Record<string, [string, string][]> = {
    Chromium: [['/usr/bin/chromium', 'chromium']],
    'Firefox ESR': [['/usr/bin/firefox-esr', 'firefox-esr']],
    WebKitGTK: [['/usr/bin/WebKitWebDriver', 'webkit2gtk-driver'], ['/usr/bin/xvfb-run', 'xvfb']],
  };
  const lacking = (needs[host.replace(/,.*$/, '')] ?? []).filter(([file]) => !existsSync(file));
  return lacking.length > 0 && `${lacking.map(([file]) => file).join(' and ')} missing: apt-get install -y ${lacking.map(([, pkg]) => pkg).join(' ')}`;
}

export async function runBrowser(host: string, pageUrl: string): Promise<HostResults> {
  const browser = await launchers[host]!();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(pageUrl);
    try {
      await page.waitForFunction(() => (window as unknown as { result?: unknown }).result, null, { timeout: 150_000, polling: 200 });
    } catch (e) {
      throw new Error(`${host}: no result from the page (${(e as Error).message}); page errors: ${problems.join('; ') || 'none'}`);
    }
    return unwrap(host, await page.evaluate(() => (window as unknown as { result: { results?: HostResults; error?: string } }).result));
  } finally {
    await browser.close();
  }
}
