// Values shown in a unit a reader expects: membrane potentials in mV, not 0.065 V. SI units get
// the metric prefix that puts the largest value between 1 and 1000; any other unit stays as it
// is; values without a known unit that are tiny or huge get a power of ten (×1e-9), so tick
// labels never read 0.00000000002.

const PREFIXED = new Set(['V', 'A', 'S', 'F', 's', 'Hz', 'ohm', 'Ω']);
const PREFIXES: [number, string][] = [[1e-12, 'p'], [1e-9, 'n'], [1e-6, 'µ'], [1e-3, 'm'], [1, '']];

export interface DisplayUnit {
  /** Multiply a stored value by this to show it. */
  factor: number;
  /** The unit shown ('mV', or a power of ten '×1e-9' for values without one), '' for none. */
  unit: string;
}

/** The shown unit for values up to `largest` in magnitude stored in `unit` (undefined: no unit known). */
export function displayUnit(unit: string | undefined, largest: number): DisplayUnit {
  if (unit === undefined || unit === '1') {
    if (!(largest > 0 && Number.isFinite(largest)) || (largest >= 1e-2 && largest < 1e4)) return { factor: 1, unit: '' };
    const power = 3 * Math.floor(Math.log10(largest) / 3);
    return { factor: 10 ** -power, unit: `×1e${power}` };
  }
  if (!PREFIXED.has(unit) || !(largest > 0 && Number.isFinite(largest))) return { factor: 1, unit };
  const at = PREFIXES.findLast(([p]) => largest >= p) ?? PREFIXES[0]!;
  return { factor: 1 / at[0], unit: at[1] + unit };
}

/** 'v (mV)', or 'v' without a unit. */
export function labelled(name: string, shown: DisplayUnit): string {
  return shown.unit === '' ? name : `${name} (${shown.unit})`;
}
