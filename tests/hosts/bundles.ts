// The browser probe script bundled by esbuild and by rollup (node-resolve with the "browser"
// condition), as an app that depends on spikewasm would be. Neither bundler rewrites the
// entry's `new URL('../spikewasm.wasm', import.meta.url)`, so the kernel is copied to where
// that URL points from the bundle: bundles/spikewasm.wasm (as the README tells users to).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { build } from 'esbuild';
import { rollup } from 'rollup';

export const bundlers = ['esbuild', 'rollup'] as const;

export async function bundle(bundler: (typeof bundlers)[number], dir: string): Promise<string> {
  const out = join(dir, 'bundles', bundler, 'app.js');
  mkdirSync(join(dir, 'bundles', bundler), { recursive: true });
  copyFileSync(join(dir, 'node_modules/spikewasm/dist/spikewasm.wasm'), join(dir, 'bundles/spikewasm.wasm'));
  if (bundler === 'esbuild') {
    await build({ entryPoints: [join(dir, 'app.mjs')], outfile: out, bundle: true, format: 'esm', platform: 'browser', logLevel: 'silent' });
  } else {
    const b = await rollup({ input: join(dir, 'app.mjs'), plugins: [nodeResolve({ browser: true, exportConditions: ['browser'] })], logLevel: 'silent' });
    await b.write({ file: out, format: 'es' });
    await b.close();
  }
  return `bundled.html?src=${encodeURIComponent(`./bundles/${bundler}/app.js`)}`;
}
