// Connectome tables come from users: every malformed one is a typed error naming the file, the
// line and what is wrong. Also the merging rules that decide what a valid table means.
import { describe, expect, it } from 'vitest';
import { parseConnectome } from '../../ts/connectome/formats.js';
import { refusalOf } from '../support/helpers.js';

const OPENWORM_HEADER = 'Origin,Target,Type,Number of Connections,Neurotransmitter';
const openworm = (...rows: string[]) => ({ name: 'net.csv', text: [OPENWORM_HEADER, ...rows].join('\r\n') + '\r\n' });
const cook = (...rows: string[]) => ({ name: 'cook.csv', text: ['Source,Target,Weight,Type', ...rows].join('\n') });
const white = (...rows: string[]) => ({ name: 'white.tsv', text: ['pre\tpost\ttype\tsynapses', ...rows].join('\n') });

function refusal(run: () => unknown, code: string, path: string, message: RegExp): void {
  const e = refusalOf(run);
  expect(e.code).toBe(code);
  expect(e.path).toBe(path);
  expect(e.message).toMatch(message);
}

describe('a malformed table is an E_FORMAT error at file:line', () => {
  it.each([
    ['a count that is not a whole number', 'AVAL,AVAR,Send,two,Glutamate', /column "Number of Connections" must be a whole number >= 1 \(got "two"\)/],
    ['a count of 0', 'AVAL,AVAR,Send,0,Glutamate', /must be a whole number >= 1 \(got "0"\)/],
    ['a fractional count', 'AVAL,AVAR,Send,1.5,Glutamate', /got "1.5"/],
    ['a missing cell', 'AVAL,AVAR,Send,2', /has 4 cells where the header names 5 columns/],
    ['an unknown type', 'AVAL,AVAR,Receive,2,Glutamate', /column "Type" must be "Send" or "GapJunction" \(got "Receive"\)/],
    ['an unknown name', 'AVAL,AVXX,Send,2,Glutamate', /column "Target": "AVXX" is not a C. elegans hermaphrodite neuron/],
    ['a muscle where a neuron belongs', 'AVAL,MDL01,Send,2,Acetylcholine', /column "Target": "MDL01" is a muscle, not a neuron/],
    ['a stray quote', 'AVAL,AV"AR,Send,2,Glutamate', /a quote that does not enclose a whole cell/],
    ['an unclosed quote', 'AVAL,"AVAR,Send,2,Glutamate', /a quote that does not enclose a whole cell/],
  ])('%s', (_, row, message) => {
    refusal(() => parseConnectome('openworm', openworm('AVAL,AVBL,Send,1,Glutamate', row)), 'E_FORMAT', 'net.csv:3', message);
  });

  it('a connection listed twice, naming both lines', () => {
    refusal(() => parseConnectome('cook2019', cook('AVAL , AVBL ,3,chemical', 'AVBL,AVAL,1,chemical', 'AVAL,AVBL,2,chemical')), 'E_FORMAT', 'cook.csv:4',
      /lists the chemical synapses from AVAL onto AVBL again \(first on line 2\)/);
    refusal(() => parseConnectome('white1986', white('AVAL\tAVBL\telectrical\t1', 'AVAL\tAVBL\telectrical\t2')), 'E_FORMAT', 'white.tsv:3', /gap junctions of AVAL with AVBL again/);
  });

  it('a missing column, on the header line', () => {
    refusal(() => parseConnectome('cook2019', { name: 'cook.csv', text: 'Source,Target,Type\nAVAL,AVBL,chemical' }), 'E_FORMAT', 'cook.csv:1', /has no column "Weight" \(its columns: "Source", "Target", "Type"/);
  });

  it('a tab-separated table read as comma-separated, and the reverse', () => {
    refusal(() => parseConnectome('cook2019', { name: 'w.tsv', text: white('AVAL\tAVBL\tchemical\t1').text }), 'E_FORMAT', 'w.tsv:1', /has no column "Source".*is it a comma-separated table\?/);
    refusal(() => parseConnectome('white1986', { name: 'c.csv', text: cook('AVAL,AVBL,1,chemical').text }), 'E_FORMAT', 'c.csv:1', /has no column "pre".*is it a tab-separated table\?/);
  });

  it('an empty file', () => {
    refusal(() => parseConnectome('white1986', { name: 'empty.tsv', text: '\n \n' }), 'E_FORMAT', 'empty.tsv:1', /is empty/);
  });

  it("a cell in OpenWorm's muscle table that is not a muscle", () => {
    const muscles = { name: 'muscles.csv', text: 'Neuron,Muscle,Number of Connections,Neurotransmitter\nVA1,MDL08,3,Acetylcholine\nVA1,AVAL,1,Acetylcholine\n' };
    refusal(() => parseConnectome('openworm', openworm('AVAL,AVBL,Send,1,Glutamate'), muscles), 'E_FORMAT', 'muscles.csv:3', /column "Muscle": "AVAL" is a neuron, not a muscle/);
  });
});

describe('formats', () => {
  it('an unknown format is E_PARAM naming it', () => {
    refusal(() => parseConnectome('varshney', openworm()), 'E_PARAM', 'format', /must be openworm, cook2019, white1986 \(got "varshney"\)/);
  });

  it("a muscle table is OpenWorm's alone", () => {
    refusal(() => parseConnectome('cook2019', cook(), openworm()), 'E_PARAM', 'muscleTable', /a cook2019 table lists its neuromuscular synapses itself/);
  });
});

describe('what a valid table means', () => {
  it('a gap junction listed from both sides is one pair with the larger count; once, its count; with itself, left out', () => {
    const c = parseConnectome('white1986', white(
      'AVAL\tAVAR\telectrical\t2', 'AVAR\tAVAL\telectrical\t3', // both sides, differing
      'AVBL\tAVBR\telectrical\t4', 'AVBR\tAVBL\telectrical\t4', // both sides, agreeing: not doubled
      'PVCL\tAVAL\telectrical\t5', // one side
      'RIBL\tRIBL\telectrical\t1', // itself
    ));
    expect(c.electrical).toEqual([
      { a: 'AVAL', b: 'AVAR', junctions: 3 },
      { a: 'AVAL', b: 'PVCL', junctions: 5 },
      { a: 'AVBL', b: 'AVBR', junctions: 4 },
    ]);
    expect(c.skipped).toEqual([{ reason: 'gap junction of a neuron with itself (carries no current)', rows: 1 }]);
    expect(c.neurons).toEqual(['AVAL', 'AVAR', 'AVBL', 'AVBR', 'PVCL', 'RIBL']);
  });

  it("quoted cells, a byte-order mark, CRLF and blank lines; Cook's padding and names", () => {
    const muscles = { name: 'm.csv', text: '\uFEFFNeuron,Muscle,Number of Connections,Neurotransmitter\r\n\r\nVA1,MDL08,3,"Serotonin, Acetylcholine"\r\nVA1,MVL08,2,\r\n' };
    const c = parseConnectome('openworm', openworm(' AVAL , "AVBL" ,Send,1,Glutamate'), muscles);
    expect(c.chemical).toEqual([{ pre: 'AVAL', post: 'AVBL', synapses: 1, transmitter: 'Glutamate' }]);
    expect(c.muscles).toEqual([
      { neuron: 'VA1', muscle: 'MDL08', synapses: 3, transmitter: 'Serotonin_Acetylcholine' },
      { neuron: 'VA1', muscle: 'MVL08', synapses: 2 },
    ]);
    const k = parseConnectome('cook2019', cook('VA01 , dBWML8  ,2,chemical', 'VA01,vBWMR12,1,chemical', 'VA01,hyp,1,chemical'));
    expect(k.muscles.map((m) => m.muscle)).toEqual(['MDL08', 'MVR12']);
    expect(k.neurons).toEqual(['VA1']);
    expect(k.skipped).toEqual([{ reason: 'chemical synapse, neuron -> other cell', rows: 1 }]);
  });
});
