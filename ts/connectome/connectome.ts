// The one shape every connectome table is read into, and how rows become it. Tables differ in
// columns and conventions (one lists a gap junction from both sides, another once); the parsers
// hand their rows to a ConnectomeBuilder, which applies the same rules to all of them: a
// connection listed twice is an error, gap junctions become unordered pairs, and what is left
// out is counted, so that the counts a user sees can be explained.
import { rowError, type TableRow } from './table.js';

export interface ChemicalConnection {
  pre: string;
  post: string;
  /** Synapses seen in electron micrographs (or serial sections) from pre onto post. */
  synapses: number;
  /** As the table names it ('Acetylcholine', 'Serotonin_Acetylcholine'); none where the table gives none. */
  transmitter?: string;
}

/** A pair of neurons joined by gap junctions; unordered, written once with a < b. */
export interface GapJunctionPair {
  a: string;
  b: string;
  junctions: number;
}

export interface NeuromuscularConnection {
  neuron: string;
  muscle: string;
  synapses: number;
  transmitter?: string;
}

/** Rows that a table holds but the connectome leaves out, by reason. */
export interface SkippedRows {
  reason: string;
  rows: number;
}

export interface Connectome {
  /** The table(s) it was read from, for the model's description. */
  source: string;
  /** Every neuron a row names, sorted: the index of a neuron in the model. */
  neurons: string[];
  /** Directed, sorted by pre then post. */
  chemical: ChemicalConnection[];
  /** Sorted by a then b. */
  electrical: GapJunctionPair[];
  /** Sorted by neuron then muscle. */
  muscles: NeuromuscularConnection[];
  skipped: SkippedRows[];
}

/**
 * How a pair listed from both sides is merged: the larger count. Tables that list each pair from
 * both sides (OpenWorm, Cook et al.) are not doubled, a table that lists it once (White et al.)
 * keeps its count, and where the two sides disagree the pair keeps the count of the side that
 * found more junctions; a sum would double the first kind of table, a mean gives fractions.
 */
function mergedJunctions(aToB: number, bToA: number): number {
  return Math.max(aToB, bToA);
}

/** A gap junction of a neuron with itself: the table lists it, but no current flows through it. */
const SELF_JUNCTION = 'gap junction of a neuron with itself (carries no current)';

interface Listed<T> {
  line: number;
  value: T;
}

export class ConnectomeBuilder {
  private readonly neurons = new Set<string>();
  private readonly chemical = new Map<string, Listed<ChemicalConnection>>();
  /** Gap junctions as listed, directed: `a\tb` -> count. */
  private readonly electrical = new Map<string, Listed<number>>();
  private readonly muscles = new Map<string, Listed<NeuromuscularConnection>>();
  private readonly skipped = new Map<string, number>();

  constructor(private readonly source: string) {}

  /** A neuron the table names, kept even when none of its rows is. */
  neuron(name: string): void {
    this.neurons.add(name);
  }

  addChemical(row: TableRow, c: ChemicalConnection): void {
    this.neuron(c.pre);
    this.neuron(c.post);
    once(this.chemical, row, `${c.pre}\t${c.post}`, `the chemical synapses from ${c.pre} onto ${c.post}`, c);
  }

  addGapJunctions(row: TableRow, a: string, b: string, junctions: number): void {
    this.neuron(a);
    this.neuron(b);
    if (a === b) this.skip(SELF_JUNCTION);
    else once(this.electrical, row, `${a}\t${b}`, `the gap junctions of ${a} with ${b}`, junctions);
  }

  addNeuromuscular(row: TableRow, c: NeuromuscularConnection): void {
    this.neuron(c.neuron);
    once(this.muscles, row, `${c.neuron}\t${c.muscle}`, `the synapses from ${c.neuron} onto ${c.muscle}`, c);
  }

  skip(reason: string): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  build(): Connectome {
    const listed = (a: string, b: string) => this.electrical.get(`${a}\t${b}`)?.value ?? 0;
    const pairs = new Map<string, GapJunctionPair>();
    for (const key of this.electrical.keys()) {
      const [a, b] = key.split('\t').sort() as [string, string];
      pairs.set(`${a}\t${b}`, { a, b, junctions: mergedJunctions(listed(a, b), listed(b, a)) });
    }
    return {
      source: this.source,
      neurons: [...this.neurons].sort(),
      chemical: sortedValues(this.chemical, (c) => [c.pre, c.post]),
      electrical: [...pairs.values()].sort((x, y) => compare([x.a, x.b], [y.a, y.b])),
      muscles: sortedValues(this.muscles, (c) => [c.neuron, c.muscle]),
      skipped: [...this.skipped].map(([reason, rows]) => ({ reason, rows })),
    };
  }
}

/** Records a connection; the same one listed again is an error naming both lines, not a silent sum. */
function once<T>(map: Map<string, Listed<T>>, row: TableRow, key: string, what: string, value: T): void {
  const first = map.get(key);
  if (first) rowError(row, `lists ${what} again (first on line ${first.line})`);
  map.set(key, { line: row.line, value });
}

function sortedValues<T>(map: Map<string, Listed<T>>, key: (value: T) => string[]): T[] {
  return [...map.values()].map((l) => l.value).sort((x, y) => compare(key(x), key(y)));
}

function compare(x: string[], y: string[]): number {
  for (let i = 0; i < x.length; i++) {
    if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
  }
  return 0;
}

/** The totals a user compares with the literature. */
export interface ConnectomeCounts {
  neurons: number;
  /** Directed neuron-to-neuron connections, and the synapses they hold. */
  chemicalConnections: number;
  chemicalSynapses: number;
  /** Unordered neuron pairs joined by gap junctions, and the junctions. */
  gapJunctionPairs: number;
  gapJunctions: number;
  neuromuscularConnections: number;
  neuromuscularSynapses: number;
  muscles: number;
}

export function connectomeCounts(c: Connectome): ConnectomeCounts {
  const total = <T>(list: T[], count: (x: T) => number) => list.reduce((s, x) => s + count(x), 0);
  return {
    neurons: c.neurons.length,
    chemicalConnections: c.chemical.length,
    chemicalSynapses: total(c.chemical, (x) => x.synapses),
    gapJunctionPairs: c.electrical.length,
    gapJunctions: total(c.electrical, (x) => x.junctions),
    neuromuscularConnections: c.muscles.length,
    neuromuscularSynapses: total(c.muscles, (x) => x.synapses),
    muscles: muscleNames(c).length,
  };
}

/** The muscles the connectome's neuromuscular synapses reach, sorted: the index of a muscle in the model. */
export function muscleNames(c: Connectome): string[] {
  return [...new Set(c.muscles.map((m) => m.muscle))].sort();
}

