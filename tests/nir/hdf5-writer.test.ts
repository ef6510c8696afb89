// spikewasm's HDF5 writer against two readers: jsfive (the NIR import's) here, libhdf5 through
// h5py in tests/nir/h5py.test.ts. Every dtype, nested and empty groups, empty datasets, more
// names than one symbol node holds; the same tree gives the same bytes whatever order it was
// built in; what HDF5 cannot hold is refused naming it.
import { describe, expect, it } from 'vitest';
import { writeHdf5, type H5Dataset, type H5Group } from '../../ts/io/hdf5-writer.js';
import { sampleTree } from './sample-tree.js';
import { readHdf5 } from '../../ts/nir/hdf5.js';
import { refusalOf } from '../support/helpers.js';

const g = (entries: [string, H5Group | H5Dataset][]): H5Group => new Map(entries);

describe('the HDF5 writer', () => {
  it('writes what jsfive reads back: every dtype, nested, empty and large groups', () => {
    const { tree, read } = sampleTree();
    expect(readHdf5(writeHdf5(tree), 'sample')).toEqual(read);
  });

  it('gives the same bytes for the same tree, whatever order its names were added in', () => {
    const { tree } = sampleTree();
    const reversed = (t: H5Group): H5Group => new Map([...t].reverse().map(([k, v]) => [k, v instanceof Map ? reversed(v) : v]));
    expect(writeHdf5(reversed(tree))).toEqual(writeHdf5(tree));
  });

  it('refuses names and values HDF5 cannot hold, naming them', () => {
    const one = (name: string, d: H5Dataset) => refusalOf(() => writeHdf5(g([['graph', g([[name, d]])]])));
    expect(one('a/b', { dtype: 'f32', shape: [1], values: [1] }).path).toBe('/graph/a/b');
    expect(one('x', { dtype: 'i64', shape: [1], values: [0.5] }).path).toBe('/graph/x[0]');
    expect(one('x', { dtype: 'f64', shape: [2, 2], values: [1, 2, 3] }).message).toMatch(/holds 3 values for shape \[2, 2\]/);
    const crowded = g(Array.from({ length: 513 }, (_, k) => [`n${k}`, { dtype: 'f32', shape: [], values: [k] } as H5Dataset]));
    expect(refusalOf(() => writeHdf5(crowded)).message).toMatch(/holds 513 names, more than 512/);
  });
});
