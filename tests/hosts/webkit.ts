// WebKitGTK (JavaScriptCore, a third engine): Debian's MiniBrowser under Xvfb, driven by
// WebKitWebDriver over W3C WebDriver with plain fetch (Playwright cannot drive it).
import { spawn } from 'node:child_process';
import { freePort } from './free-port.js';
import { unwrap, type HostResults } from './results.js';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

async function webdriver(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as { value: any };
  if (!res.ok) throw new Error(`WebKitWebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
  return json.value;
}

export async function runWebKit(pageUrl: string): Promise<HostResults> {
  const port = await freePort();
  // MiniBrowser refuses --headless, so it gets a virtual display; detached, to end the group.
  const driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  driver.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<never>((_, reject) => driver.on('error', reject).on('exit', (code) => reject(new Error(`WebKitWebDriver exited (${code}): ${stderr}`))));
  const base = `http://127.0.0.1:${port}`;
  try {
    const ready = (async () => {
      for (let i = 0; i < 100; i++) {
        if (await fetch(`${base}/status`).then((r) => r.ok, () => false)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`WebKitWebDriver did not answer on ${base}: ${stderr}`);
    })();
    await Promise.race([ready, exited]);
    const session = await webdriver(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
    });
    const at = `/session/${session.sessionId}`;
    try {
      await webdriver(base, 'POST', `${at}/timeouts`, { script: 150_000, pageLoad: 60_000 });
      await webdriver(base, 'POST', `${at}/url`, { url: pageUrl });
      const reply = await webdriver(base, 'POST', `${at}/execute/async`, {
        script: `const done = arguments[arguments.length - 1];
          const poll = () => (window.result ? done(JSON.stringify(window.result)) : setTimeout(poll, 200));
          poll();`,
        args: [],
      });
      return unwrap('WebKitGTK', JSON.parse(reply));
    } finally {
      await webdriver(base, 'DELETE', at).catch(() => undefined);
    }
  } finally {
    exited.catch(() => undefined);
    try {
      process.kill(-driver.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
