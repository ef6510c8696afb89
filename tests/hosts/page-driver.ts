// One way to drive a page in each browser engine the demo is tested in: Chromium and Firefox ESR
// through Playwright, WebKitGTK through W3C WebDriver (tests/hosts/webkit.ts). Functions run in
// the page are sent as their source, so they must use nothing from outside but their argument.
import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchers } from './browsers.js';
import { WebKitSession } from './webkit.js';

export const ENGINES = ['Chromium', 'Firefox ESR', 'WebKitGTK'] as const;
export type Engine = (typeof ENGINES)[number];

/** What a waited-for function returns once it is done. */
type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export interface DrivenPage {
  goto(url: string): Promise<void>;
  /** Runs `fn(arg)` in the page and returns its result (JSON values only). */
  evaluate<A, T>(fn: (arg: A) => T, arg: A): Promise<T>;
  /** Polls `fn(arg)` until it returns a truthy value, and returns it. */
  waitFor<A, T>(fn: (arg: A) => T, arg: A, timeoutMs: number, what: string): Promise<Truthy<T>>;
  /** Saves a PNG of the page (the whole page where the engine can, else the window). */
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

const VIEWPORT = { width: 1280, height: 1000 };

/** A new page of `engine` (a fresh browser; close() ends it). */
export async function openPage(engine: Engine): Promise<DrivenPage> {
  const page = engine === 'WebKitGTK' ? await webkitPage() : await playwrightPage(await launchers[engine]!());
  return {
    ...page,
    async waitFor(fn, arg, timeoutMs, what) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const value = await page.evaluate(fn, arg);
        if (value) return value as Truthy<typeof value>;
        if (Date.now() > end) throw new Error(`${engine}: timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
}

async function playwrightPage(browser: Browser): Promise<Omit<DrivenPage, 'waitFor'>> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  return {
    goto: async (url) => void (await page.goto(url)),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
    close: () => browser.close(),
  };
}

async function webkitPage(): Promise<Omit<DrivenPage, 'waitFor'>> {
  const session = await WebKitSession.start();
  // Tall enough for the whole page: a WebDriver screenshot shows the window alone.
  await session.setWindowSize(VIEWPORT.width, 1700);
  return {
    goto: (url) => session.goto(url),
    evaluate: (fn, arg) => session.execute(`return (${fn.toString()})(arguments[0]);`, [arg]),
    screenshot: async (path) => writeFileSync(path, await session.screenshot()),
    close: () => session.close(),
  };
}
