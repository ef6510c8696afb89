// Every gap junction of the C. elegans connectome at once: the 300 passive neurons of the
// OpenWorm (Varshney) and Cook 2019 tables, coupled by all their gap junctions and driven by
// constant currents, settle where (G_L + L_gap) V = G_L E_L + I, L_gap the graph Laplacian of
// the junctions, solved here in float64 (Cholesky: the matrix is symmetric positive definite).
// The steady state of the scheme (leak integrated exactly, junction currents held over a step)
// is that of the equations, so the time step only sets how fast it is reached.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseConnectome } from '../../ts/connectome/formats.js';
import { connectomeDescription } from '../../ts/connectome/model.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { backendsFor, describeBackends } from '../support/backends.js';

const dataFile = (name: string) => ({ name, text: readFileSync(new URL(`../../data/celegans/${name}`, import.meta.url), 'utf8') });
const [gL, EL] = [3.927e-12, -50e-3];

/** x solving A x = b for a symmetric positive definite A (Cholesky, float64). */
function choleskySolve(A: Float64Array[], b: number[]): number[] {
  const n = b.length;
  const Lm = A.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= Lm[i]![k]! * Lm[j]![k]!;
      Lm[i]![j] = i === j ? Math.sqrt(s) : s / Lm[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) y[i] = (b[i]! - Lm[i]!.slice(0, i).reduce((s, l, k) => s + l * y[k]!, 0)) / Lm[i]![i]!;
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= Lm[k]![i]! * x[k]!;
    x[i] = s / Lm[i]![i]!;
  }
  return x;
}

/**
 * Each table with a conductance per junction (Cook's counts are EM sections, about five per
 * junction) well above c302's 0.52 pS, which would leave most neurons nearly uncoupled next
 * to their 3.9 pS leak, and within the stability bound at dt = 1 ms.
 */
const sources = {
  openworm: { read: () => parseConnectome('openworm', dataFile('openworm_connectome_neurotransmitters.csv')), gGap: 5e-12 },
  cook2019: { read: () => parseConnectome('cook2019', dataFile('cook2019_herm_full_edgelist.csv')), gGap: 2e-12 },
};

describeBackends('the connectome\'s gap junctions', await backendsFor(), (backend) => {
  it.each(Object.keys(sources) as (keyof typeof sources)[])('%s: 300 passive neurons reach the steady state of (G_L + L_gap) V = G_L E_L + I within 1e-4', async (source) => {
    const { read, gGap } = sources[source];
    const connectome = read();
    // dt/tau = 1/200: f32's rounding of the exact propagator's 1 - exp(-dt/tau) moves the fixed point by about 1e-5.
    const desc = connectomeDescription(connectome, { gGap, dt: 1e-3 }) as NetworkDescription;
    const n = connectome.neurons.length;
    let seed = 2011;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const bias = Array.from({ length: n }, () => random() * 0.1e-12);
    desc.populations[0]!.params = { ...desc.populations[0]!.params, bias };
    desc.projections = desc.projections!.filter((j) => j.electrical);
    desc.monitors = [];
    const net = (await backend.simulator()).load(desc);
    await net.run(4); // 20 leak time constants: the slowest mode, the network's mean, has decayed by e^-20
    const A = Array.from({ length: n }, (_, i) => { const row = new Float64Array(n); row[i] = gL; return row; });
    for (const { a, b, junctions } of connectome.electrical) {
      const [i, j, g] = [connectome.neurons.indexOf(a), connectome.neurons.indexOf(b), junctions * gGap];
      A[i]![i]! += g; A[j]![j]! += g; A[i]![j]! -= g; A[j]![i]! -= g;
    }
    const want = choleskySolve(A, bias.map((I) => gL * EL + I));
    const got = await net.getPopulation('neurons').get('v');
    expect(connectome.electrical.length).toBeGreaterThan(500);
    // The currents spread the potentials over millivolts: the comparison is not against a constant.
    expect(Math.max(...want) - Math.min(...want)).toBeGreaterThan(5e-3);
    want.forEach((w, i) => expect(Math.abs(got[i]! / w - 1), connectome.neurons[i]).toBeLessThan(1e-4));
  });
});
