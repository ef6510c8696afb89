// Replaces dist/ts/nir/jsfive.js (a re-export of the jsfive package, as tsc writes it) with
// jsfive and pako bundled into one ES module, and its .d.ts with the declarations of
// ts/nir/jsfive-types.d.ts, so the built package has no runtime dependency and
// no bare specifier a browser page without an import map could not resolve. jsfive is in the
// public domain (based on pyfive, MIT), pako MIT; their notices are kept in the bundle.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';

const out = new URL('../dist/ts/nir/jsfive.js', import.meta.url).pathname;
const notice = (pkg, file) => readFileSync(new URL(`../node_modules/${pkg}/${file}`, import.meta.url), 'utf8').trim();
await build({
  stdin: { contents: "export { Dataset, File, Group } from 'jsfive';", resolveDir: new URL('..', import.meta.url).pathname, loader: 'js' },
  bundle: true,
  format: 'esm',
  minify: true,
  outfile: out,
  banner: { js: `/* jsfive ${JSON.parse(notice('jsfive', 'package.json')).version}:\n${notice('jsfive', 'LICENSE.txt')}\n\npako:\n${notice('pako', 'LICENSE')} */` },
  logLevel: 'warning',
});

// The types the source tree declares for the package, as the module's own.
const declared = readFileSync(new URL('../ts/nir/jsfive-types.d.ts', import.meta.url), 'utf8');
const body = declared.slice(declared.indexOf('{', declared.indexOf("declare module 'jsfive'")) + 1, declared.lastIndexOf('}'));
writeFileSync(out.replace(/\.js$/, '.d.ts'), `${body.replace(/^  /gm, '').trim()}\n`);
