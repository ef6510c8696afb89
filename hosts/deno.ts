// Deno entry: Deno fetches file: URLs, so the browser entry's fetch of the kernel next to
// this module serves Deno as it is (no node:fs compatibility layer needed).
export * from './browser.js';
