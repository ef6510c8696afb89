// What the loaders read from the real tables, against a short parser written here with plain
// string splitting (sharing no code with ts/connectome), and the counts docs/connectome.md states.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectomeCounts, type Connectome, type ConnectomeCounts } from '../../ts/connectome/connectome.js';
import { parseConnectome } from '../../ts/connectome/formats.js';

const dataFile = (name: string) => ({ name, text: readFileSync(new URL(`../../data/celegans/${name}`, import.meta.url), 'utf8') });
const OPENWORM = 'openworm_connectome_neurotransmitters.csv';
const OPENWORM_MUSCLES = 'openworm_neurons_to_muscle.csv';
const COOK = 'cook2019_herm_full_edgelist.csv';
const WHITE = 'white1986_whole.csv';

/** Data rows as trimmed cells; `cells` cuts each row to its first cells (the muscle table quotes commas in its last). */
function records(name: string, delimiter: string, cells: number): string[][] {
  const lines = dataFile(name).text.split(/\r?\n/).slice(1).filter((l) => l.trim() !== '');
  return lines.map((l) => l.split(delimiter).slice(0, cells).map((c) => c.trim()));
}

/** Counts from (pre, post, count, chemical?) rows whose cells are already classified. */
function tally(neurons: Set<string>, chemical: [string, string, number][], electrical: [string, string, number][], muscles: [string, string, number][]): ConnectomeCounts {
  const pairs = new Map<string, number>();
  for (const [a, b, n] of electrical) {
    if (a === b) continue;
    const key = [a, b].sort().join('|');
    pairs.set(key, Math.max(pairs.get(key) ?? 0, n));
  }
  const sum = (rows: [string, string, number][]) => rows.reduce((s, r) => s + r[2], 0);
  return {
    neurons: neurons.size,
    chemicalConnections: chemical.length,
    chemicalSynapses: sum(chemical),
    gapJunctionPairs: pairs.size,
    gapJunctions: [...pairs.values()].reduce((s, n) => s + n, 0),
    neuromuscularConnections: muscles.length,
    neuromuscularSynapses: sum(muscles),
    muscles: new Set(muscles.map((m) => m[1])).size,
  };
}

const openwormRows = records(OPENWORM, ',', 4);
const openwormMuscleRows = records(OPENWORM_MUSCLES, ',', 3);
/** Every neuron the OpenWorm tables name: the neurons of the edge lists too (after unpadding Cook's VA01). */
const NEURONS = new Set([...openwormRows.flatMap((r) => [r[0]!, r[1]!]), ...openwormMuscleRows.map((r) => r[0]!)]);

function openwormCounts(): ConnectomeCounts {
  const rows = (type: string) => openwormRows.filter((r) => r[2] === type).map((r): [string, string, number] => [r[0]!, r[1]!, Number(r[3])]);
  return tally(NEURONS, rows('Send'), rows('GapJunction'), openwormMuscleRows.map((r) => [r[0]!, r[1]!, Number(r[2])]));
}

/** Cook's and White's edge lists: non-neuronal cells other than muscles are these. */
function edgeListCounts(name: string, delimiter: string, columns: { pre: number; post: number; count: number; type: number }): ConnectomeCounts {
  const unpadded = (n: string) => n.replace(/^([A-Z]{2})0(\d)$/, '$1$2');
  const rows = records(name, delimiter, 4).map((r) => ({ pre: unpadded(r[columns.pre]!), post: unpadded(r[columns.post]!), n: Number(r[columns.count]), type: r[columns.type] }));
  const isNeuron = (n: string) => NEURONS.has(n);
  const isMuscle = (n: string) => !isNeuron(n) && !/^(hyp|intestine|mc\d.*|GLR.*)$/.test(n);
  const neurons = new Set(rows.flatMap((r) => [r.pre, r.post]).filter(isNeuron));
  const between = (type: string, post: (n: string) => boolean) => rows.filter((r) => r.type === type && isNeuron(r.pre) && post(r.post)).map((r): [string, string, number] => [r.pre, r.post, r.n]);
  return tally(neurons, between('chemical', isNeuron), between('electrical', isNeuron), between('chemical', isMuscle));
}

const sources: { format: string; load: () => Connectome; independent: () => ConnectomeCounts; measured: ConnectomeCounts }[] = [
  {
    format: 'openworm',
    load: () => parseConnectome('openworm', dataFile(OPENWORM), dataFile(OPENWORM_MUSCLES)),
    independent: openwormCounts,
    measured: { neurons: 300, chemicalConnections: 2279, chemicalSynapses: 6465, gapJunctionPairs: 552, gapJunctions: 934, neuromuscularConnections: 564, neuromuscularSynapses: 1881, muscles: 97 },
  },
  {
    format: 'cook2019',
    load: () => parseConnectome('cook2019', dataFile(COOK)),
    independent: () => edgeListCounts(COOK, ',', { pre: 0, post: 1, count: 2, type: 3 }),
    measured: { neurons: 300, chemicalConnections: 3638, chemicalSynapses: 20589, gapJunctionPairs: 1080, gapJunctions: 4315, neuromuscularConnections: 1009, neuromuscularSynapses: 6030, muscles: 116 },
  },
  {
    format: 'white1986',
    load: () => parseConnectome('white1986', dataFile(WHITE)),
    independent: () => edgeListCounts(WHITE, '\t', { pre: 0, post: 1, type: 2, count: 3 }),
    measured: { neurons: 300, chemicalConnections: 2266, chemicalSynapses: 6509, gapJunctionPairs: 563, gapJunctions: 951, neuromuscularConnections: 120, neuromuscularSynapses: 1434, muscles: 3 },
  },
];

describe.each(sources)('$format', ({ load, independent, measured }) => {
  const connectome = load();

  it('loads the counts an independent parser finds', () => {
    expect(connectomeCounts(connectome)).toEqual(independent());
  });

  it('loads the counts docs/connectome.md states', () => {
    expect(connectomeCounts(connectome)).toEqual(measured);
  });

  it('has sorted, trimmed, unique names and each gap-junction pair once, a < b', () => {
    const { neurons, electrical, chemical } = connectome;
    expect(neurons).toEqual([...new Set(neurons)].sort());
    expect(neurons.every((n) => n === n.trim() && n !== '')).toBe(true);
    expect(electrical.every((p) => p.a < p.b && neurons.includes(p.a) && neurons.includes(p.b))).toBe(true);
    expect(new Set(electrical.map((p) => `${p.a}|${p.b}`)).size).toBe(electrical.length);
    expect(new Set(chemical.map((c) => `${c.pre}|${c.post}`)).size).toBe(chemical.length);
  });
});

describe("Varshney et al.'s 279 somatic neurons (and VC6): the tables without the 20 pharyngeal neurons", () => {
  const PHARYNGEAL = new Set('I1L I1R I2L I2R I3 I4 I5 I6 M1 M2L M2R M3L M3R M4 M5 MCL MCR MI NSML NSMR'.split(' '));
  const somatic = (c: Connectome): Connectome => ({
    ...c,
    neurons: c.neurons.filter((n) => !PHARYNGEAL.has(n)),
    chemical: c.chemical.filter((x) => !PHARYNGEAL.has(x.pre) && !PHARYNGEAL.has(x.post)),
    electrical: c.electrical.filter((x) => !PHARYNGEAL.has(x.a) && !PHARYNGEAL.has(x.b)),
    muscles: c.muscles.filter((x) => !PHARYNGEAL.has(x.neuron)),
  });

  it('gives the counts docs/connectome.md compares with the paper', () => {
    expect(connectomeCounts(somatic(sources[0]!.load()))).toEqual({
      neurons: 280, chemicalConnections: 2194, chemicalSynapses: 6262, gapJunctionPairs: 514, gapJunctions: 887, neuromuscularConnections: 564, neuromuscularSynapses: 1881, muscles: 97,
    });
    expect(connectomeCounts(somatic(sources[2]!.load()))).toEqual({
      neurons: 280, chemicalConnections: 2194, chemicalSynapses: 6394, gapJunctionPairs: 516, gapJunctions: 889, neuromuscularConnections: 114, neuromuscularSynapses: 1405, muscles: 1,
    });
  });
});

describe('what the loaders leave out', () => {
  it('OpenWorm: only the gap junctions of a neuron with itself; every chemical synapse has its transmitter', () => {
    const connectome = sources[0]!.load();
    expect(connectome.skipped).toEqual([{ reason: 'gap junction of a neuron with itself (carries no current)', rows: 5 }]);
    expect(connectome.chemical.every((c) => c.transmitter !== undefined)).toBe(true);
    // The muscle table writes 'Serotonin, Acetylcholine'; the connectome table 'Serotonin_Acetylcholine'.
    expect(new Set(connectome.muscles.map((m) => m.transmitter))).toContain('Serotonin_Acetylcholine');
  });

  it("Cook et al.: rows with non-neuronal cells other than neuromuscular synapses; names in OpenWorm's spelling", () => {
    const connectome = sources[1]!.load();
    expect(Object.fromEntries(connectome.skipped.map((s) => [s.reason, s.rows]))).toEqual({
      'chemical synapse, neuron -> other cell': 34,
      'gap junction, muscle - neuron': 59,
      'gap junction, muscle - muscle': 288,
      'gap junction, muscle - other cell': 64,
      'gap junction, neuron - other cell': 110,
      'gap junction, other cell - other cell': 9,
      'gap junction of a neuron with itself (carries no current)': 13,
    });
    expect(connectome.neurons).toContain('VA1');
    expect(connectome.neurons).not.toContain('VA01');
    expect(connectome.muscles.map((m) => m.muscle)).toContain('MDL01');
    expect(connectome.chemical.every((c) => c.transmitter === undefined)).toBe(true);
  });
});
