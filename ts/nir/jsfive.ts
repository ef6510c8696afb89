// jsfive, the HDF5 reader the NIR import uses. In the source tree this re-exports the npm
// package; the build replaces dist/ts/nir/jsfive.js with jsfive and pako bundled into one
// module (scripts/build-vendor.mjs), so the published package imports no bare specifier and
// loads unbundled in browsers, Deno and workerd, with no runtime dependency.
export { Dataset, File, Group } from 'jsfive';
