// NIR files spikewasm writes open with h5py (libhdf5, what NIR's own nir.read uses): a Python
// check (tests/nir/check_nir_file.py) reads every node, parameter and edge back and compares
// them with the model file the network came from.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importNIR, type NirImportOptions } from '../../ts/nir/import.js';
import { simulator } from '../support/helpers.js';
import { pythonWith } from '../support/python.js';
import { available } from '../support/requirements.js';
import { writeHdf5 } from '../../ts/io/hdf5-writer.js';
import { sampleTree } from './sample-tree.js';
import { fixture } from './support.js';

const h5py = pythonWith('h5py');
const dir = mkdtempSync(join(tmpdir(), 'spikewasm-nir-h5py-'));
const check = new URL('./check_nir_file.py', import.meta.url).pathname;

describe.runIf(available('reading NIR files with h5py', h5py.missing))('h5py reads what spikewasm exports', () => {
  const cases: [string, NirImportOptions][] = [
    ['01_lif_lif_norse.nir', { preset: 'norse', dt: 1e-4 }],
    ['03_rnn_braille_noDelay_bias_zero.nir', { preset: 'snntorch', reset: 'zero' }],
    ['03_rnn_braille_noDelay_noBias_subtract.nir', { preset: 'snntorch' }],
  ];
  it.each(cases)('%s: every node, parameter and edge as in the model file', async (file, options) => {
    const model = importNIR(fixture(file), options).model;
    const { bytes } = await (await simulator()).load(model).toNIR();
    const stem = join(dir, file.replace(/\.nir$/, ''));
    writeFileSync(`${stem}.json`, JSON.stringify(model));
    writeFileSync(`${stem}.out.nir`, bytes);
    expect(execFileSync(h5py.python, [check, `${stem}.json`, `${stem}.out.nir`], { encoding: 'utf8' })).toBe('ok\n');
  });

  it('the check finds a changed weight', async () => {
    const model = importNIR(fixture('03_rnn_braille_noDelay_bias_zero.nir'), { preset: 'snntorch', reset: 'zero' }).model;
    const { bytes } = await (await simulator()).load(model).toNIR();
    (model.projections![1]!.rule as { weight: number[] }).weight[5]! += 1e-3;
    writeFileSync(join(dir, 'changed.json'), JSON.stringify(model));
    writeFileSync(join(dir, 'changed.nir'), bytes);
    let said = '';
    try {
      execFileSync(h5py.python, [check, join(dir, 'changed.json'), join(dir, 'changed.nir')], { encoding: 'utf8' });
    } catch (e) {
      said = (e as { stdout: string }).stdout;
    }
    expect(said).toMatch(/^differs: lif1\.lif->lif1\.lif\/weight differs at/);
  });
});

describe.runIf(available('reading HDF5 files with h5py', h5py.missing))('h5py reads what the HDF5 writer writes', () => {
  it('every dtype, nested, empty and large groups, as jsfive reads them', () => {
    const { tree, read } = sampleTree();
    const file = join(dir, 'sample.h5');
    writeFileSync(file, writeHdf5(tree));
    const dump = `
import h5py, json, sys
def walk(g):
    out = {}
    for k, v in g.items():
        if isinstance(v, h5py.Group):
            out[k] = walk(v)
        else:
            data = v[()]
            values = [x.decode() if isinstance(x, bytes) else x for x in (data.ravel().tolist() if hasattr(data, 'ravel') else [data])]
            out[k] = {"shape": list(v.shape), "values": values}
    return out
print(json.dumps(walk(h5py.File(sys.argv[1], "r"))))`;
    expect(JSON.parse(execFileSync(h5py.python, ['-c', dump, file], { encoding: 'utf8' }))).toEqual(read);
  });
});
