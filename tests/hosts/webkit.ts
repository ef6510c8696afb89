// WebKitGTK (JavaScriptCore, a third engine): Debian's MiniBrowser under Xvfb, driven by
// WebKitWebDriver over W3C WebDriver with plain fetch (Playwright cannot drive it). A session
// opens pages, runs scripts in them and takes screenshots; runWebKit runs the host probe page.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';
import { unwrap, type HostResults } from './results.js';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

async function webdriver(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as { value: any };
  if (!res.ok) throw new Error(`WebKitWebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
  return json.value;
}

/** One MiniBrowser window under its own WebKitWebDriver and virtual display. */
export class WebKitSession {
  private constructor(private readonly driver: ChildProcess, private readonly base: string, private readonly at: string) {}

  static async start(): Promise<WebKitSession> {
    const port = await freePort();
    // MiniBrowser refuses --headless, so it gets a virtual display (room for a window as tall as
    // the demo page: WebDriver screenshots show the window only); detached, to end the group.
    const driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1400x1800x24', 'WebKitWebDriver', `--port=${port}`], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    driver.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<never>((_, reject) => driver.on('error', reject).on('exit', (code) => reject(new Error(`WebKitWebDriver exited (${code}): ${stderr}`))));
    exited.catch(() => undefined);
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
      await webdriver(base, 'POST', `${at}/timeouts`, { script: 150_000, pageLoad: 60_000 });
      return new WebKitSession(driver, base, at);
    } catch (e) {
      stop(driver);
      throw e;
    }
  }

  async goto(url: string): Promise<void> {
    await webdriver(this.base, 'POST', `${this.at}/url`, { url });
  }

  async setWindowSize(width: number, height: number): Promise<void> {
    await webdriver(this.base, 'POST', `${this.at}/window/rect`, { width, height });
  }

  /** Runs a function body in the page (its arguments in `arguments`) and returns what it returns. */
  execute<T>(script: string, args: unknown[] = []): Promise<T> {
    return webdriver(this.base, 'POST', `${this.at}/execute/sync`, { script, args });
  }

  /** As execute, but the body ends by calling its last argument with the result. */
  executeAsync<T>(script: string, args: unknown[] = []): Promise<T> {
    return webdriver(this.base, 'POST', `${this.at}/execute/async`, { script, args });
  }

  /** A PNG of the window's viewport. */
  async screenshot(): Promise<Buffer> {
    return Buffer.from(await webdriver(this.base, 'GET', `${this.at}/screenshot`), 'base64');
  }

  async close(): Promise<void> {
    await webdriver(this.base, 'DELETE', this.at).catch(() => undefined);
    stop(this.driver);
  }
}

function stop(driver: ChildProcess): void {
  try {
    process.kill(-driver.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
}

export async function runWebKit(pageUrl: string): Promise<HostResults> {
  const session = await WebKitSession.start();
  try {
    await session.goto(pageUrl);
    const reply = await session.executeAsync<string>(`const done = arguments[arguments.length - 1];
      const poll = () => (window.result ? done(JSON.stringify(window.result)) : setTimeout(poll, 200));
      poll();`);
    return unwrap('WebKitGTK', JSON.parse(reply));
  } finally {
    await session.close();
  }
}
