// Twin of assembly/neurons/izhikevich.ts, in f32 operation for operation.
import * as abi from '../../../../assembly/abi.js';
import { gaussianAt } from '../../../model/random/gaussian.js';
import { streamWord } from '../../../model/random/philox.js';
import { openPopulation, receptorWord } from './common.js';
import type { Mem } from '../memory.js';

const f = Math.fround;

const F04 = f(0.04);

function dvdt(v: number, u: number, input: number): number {
  const quadratic = f(f(f(F04 * v) * v) + f(5 * v));
  return f(f(f(quadratic + 140) - u) + input);
}

/** Twin of assembly/neurons/izhikevich.ts. */
export function updateIzhikevich(m: Mem, rec: number, step: number): void {
  const { f32, i32 } = m;
  const pop = openPopulation(m, rec, step);
  const { n, nPad, receptors, coef, recv, bias, stepCurrent, ring, spikes } = pop;
  const vArr = pop.state;
  const uArr = vArr + abi.S_U * nPad;
  const params = pop.params;
  const h = f32[coef + abi.CI_H]!;
  const halfH = f32[coef + abi.CI_HALF_H]!;
  const published = i32[coef + abi.CI_SCHEME] !== 0;
  const vPeak = f32[coef + abi.CI_VPEAK]!;
  const noise = f32[coef + abi.CI_NOISE]!;
  const k0 = m.u32[abi.H_SEED_LO]!;
  const k1 = m.u32[abi.H_SEED_HI]!;
  const stream = streamWord(abi.RNG_NOISE, i32[rec + abi.P_INDEX]!);

  let count = 0;
  for (let i = 0; i < nPad; i++) {
    const v = f32[vArr + i]!;
    const u = f32[uArr + i]!;
    let input = f(f32[bias + i]! + f32[stepCurrent + i]!);
    for (let r = 0; r < receptors; r++) {
      const cell = recv + r * nPad + i;
      const slot = ring + r * nPad + i;
      const current = f32[cell]!;
      input = f(input + current);
      f32[cell] = f(f(current * f32[receptorWord(coef, r, abi.CR_DECAY)]!) + f32[slot]!);
      f32[slot] = 0;
    }
    if (noise > 0) input = f(input + f(noise * f(gaussianAt(i, step, stream, k0, k1))));
    const a = f32[params + abi.IZ_A * nPad + i]!;
    const b = f32[params + abi.IZ_B * nPad + i]!;
    let vNew: number;
    let uNew: number;
    if (published) {
      vNew = f(v + f(halfH * dvdt(v, u, input)));
      vNew = f(vNew + f(halfH * dvdt(vNew, u, input)));
      uNew = f(u + f(h * f(a * f(f(b * vNew) - u))));
    } else {
      vNew = f(v + f(h * dvdt(v, u, input)));
      uNew = f(u + f(h * f(a * f(f(b * v) - u))));
    }
    if (vNew >= vPeak) {
      vNew = f32[params + abi.IZ_C * nPad + i]!;
      uNew = f(uNew + f32[params + abi.IZ_D * nPad + i]!);
      if (i < n) i32[spikes + count++] = i;
    }
    f32[vArr + i] = vNew;
    f32[uArr + i] = uNew;
  }
  i32[rec + abi.P_NSPIKES] = count;
}
