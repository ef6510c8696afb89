// examples/touch-withdrawal.mjs against the same network integrated here in float64, straight
// from its description (the leak exactly, the gap-junction and graded currents from the state
// at the start of each step, held over it): each command interneuron's change of potential
// agrees within 10 uV, for both touches. What the changes say about Chalfie et al. 1985 is a
// finding reported in docs/connectome.md, not asserted here.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseConnectome } from '../../ts/connectome/formats.js';
import { connectomeDescription } from '../../ts/connectome/model.js';
import type { NetworkDescription, ProjectionDescription } from '../../ts/model/description.js';
import { parseQuantity } from '../../ts/equations/units.js';
import { simulator } from '../support/helpers.js';
import { COMMAND, TOUCHED, touchResponse } from '../../examples/touch-withdrawal.mjs';

const file = 'openworm_connectome_neurotransmitters.csv';
const connectome = parseConnectome('openworm', { name: file, text: readFileSync(new URL(`../../data/celegans/${file}`, import.meta.url), 'utf8') });
const description = connectomeDescription(connectome) as NetworkDescription;
const si = (q: unknown) => (typeof q === 'number' ? q : parseQuantity('', String(q)).value);

/** The example's protocol (examples/touch-withdrawal.mjs), integrated in float64. */
function float64Touch(touched: string[]): Record<string, number> {
  const n = connectome.neurons.length;
  const params = description.populations[0]!.params as Record<string, unknown>;
  const [C, gL, EL, dt] = [si(params.C), si(params.gL), si(params.EL), description.dt];
  const decay = Math.exp((-dt * gL) / C);
  const lists = (description.projections ?? []).map((j: ProjectionDescription) => {
    const rule = j.rule as { pre: number[]; post: number[]; weight: number[] };
    const graded = j.graded ? { eRev: si(j.graded.eRev), vTh: si(j.graded.vTh), vSlope: si(j.graded.vSlope) } : null;
    return { graded, pre: rule.pre, post: rule.post, g: rule.weight };
  });
  const stimulated = touched.map((name) => connectome.neurons.indexOf(name));
  const recorded = Object.values(COMMAND).flat().map((name) => connectome.neurons.indexOf(name));
  const [on, until, off, from] = [Math.round(0.1 / dt), Math.round(0.3 / dt), Math.round(0.4 / dt), Math.round(0.05 / dt)];
  const v = new Float64Array(n).fill(EL);
  const current = new Float64Array(n);
  const [during, before] = [new Float64Array(recorded.length), new Float64Array(recorded.length)];
  for (let s = 0; s < off; s++) {
    recorded.forEach((i, k) => {
      if (s >= on && s < until) during[k]! += v[i]! / (until - on);
      if (s >= from && s < on) before[k]! += v[i]! / (on - from);
    });
    current.fill(0);
    for (const { graded, pre, post, g } of lists) {
      if (!graded) {
        pre.forEach((a, k) => {
          const b = post[k]!;
          const flow = g[k]! * (v[b]! - v[a]!);
          current[a]! += flow;
          current[b]! -= flow;
        });
      } else {
        const { eRev, vTh, vSlope } = graded;
        pre.forEach((a, k) => {
          const b = post[k]!;
          current[b]! += g[k]! * (1 / (1 + Math.exp((vTh - v[a]!) / vSlope))) * (eRev - v[b]!);
        });
      }
    }
    if (s >= on) for (const i of stimulated) current[i]! += 0.2e-12;
    for (let i = 0; i < n; i++) {
      const vInf = EL + current[i]! / gL;
      v[i] = vInf + (v[i]! - vInf) * decay;
    }
  }
  let k = 0;
  return Object.fromEntries(Object.entries(COMMAND).map(([cell, pair]) => [cell, pair.map(() => during[k]! - before[k++]!).reduce((a, b) => a + b) / pair.length]));
}

it.each(Object.entries(TOUCHED))('%s touch: each command interneuron changes by the float64 integration\'s amount (within 10 uV)', async (_, touched) => {
  const got = await touchResponse(await simulator('wasm'), description, connectome.neurons, touched);
  const want = float64Touch(touched);
  for (const cell of Object.keys(COMMAND)) {
    expect(Math.abs(want[cell]!), `${cell} moves`).toBeGreaterThan(1e-4);
    expect(Math.abs(got[cell] - want[cell]!), cell).toBeLessThan(1e-5);
  }
}, 60_000);
