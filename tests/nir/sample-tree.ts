// A tree with every kind of dataset the HDF5 writer writes, and what a reader gives back for it
// (as readHdf5 returns it): for tests/nir/hdf5-writer.test.ts (jsfive) and h5py.test.ts (libhdf5).
import type { H5Dataset, H5Group } from '../../ts/io/hdf5-writer.js';

const g = (entries: [string, H5Group | H5Dataset][]): H5Group => new Map(entries);

/** A tree with every kind of dataset, and the same read back as readHdf5 gives it. */
export function sampleTree(): { tree: H5Group; read: unknown } {
  const many = Array.from({ length: 40 }, (_, k) => `node${String(k).padStart(2, '0')}`);
  const tree = g([
    ['version', { dtype: 'string', shape: [], values: ['1.0.0'] }],
    ['graph', g([
      ['edges', { dtype: 'string', shape: [2, 2], values: ['input', 'lif', 'lif', 'ausgang·ü'] }],
      ['weights32', { dtype: 'f32', shape: [2, 3], values: [0.1, -2, 3.5, 1e-30, 0, 7] }],
      ['weights64', { dtype: 'f64', shape: [3], values: [0.1, -1 / 3, 1e300] }],
      ['counts', { dtype: 'i64', shape: [3], values: [-5, 0, 2 ** 50] }],
      ['scalar', { dtype: 'f64', shape: [], values: [2.5] }],
      ['nothing', { dtype: 'f32', shape: [0, 4], values: [] }],
      ['empty', g([])],
      ['many', g(many.map((n, k) => [n, g([['k', { dtype: 'i64', shape: [1], values: [k] }]])]))],
    ])],
  ]);
  const read = {
    version: { shape: [], values: ['1.0.0'] },
    graph: {
      edges: { shape: [2, 2], values: ['input', 'lif', 'lif', 'ausgang·ü'] },
      weights32: { shape: [2, 3], values: [0.1, -2, 3.5, 1e-30, 0, 7].map(Math.fround) },
      weights64: { shape: [3], values: [0.1, -1 / 3, 1e300] },
      counts: { shape: [3], values: [-5, 0, 2 ** 50] },
      scalar: { shape: [], values: [2.5] },
      nothing: { shape: [0, 4], values: [] },
      empty: {},
      many: Object.fromEntries(many.map((n, k) => [n, { k: { shape: [1], values: [k] } }])),
    },
  };
  return { tree, read };
}

