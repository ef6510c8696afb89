import { it } from 'vitest';
import { simulator, example } from '../support/helpers.js';
it('time', async () => {
  const desc = example('stdp-song2000.json');
  const eq = structuredClone(desc);
  const p = eq.projections![0]! as any;
  delete p.plasticity; delete p.receptor;
  p.synapse = {
    model: `w : siemens
            dapre/dt = -apre / taupre : siemens (event-driven)
            dapost/dt = -apost / taupost : siemens (event-driven)`,
    onPre: `e += w
            apre += dApre
            w = clip(w + apost, 0, gmax)`,
    onPost: `apost += dApost
             w = clip(w + apre, 0, gmax)`,
    params: { taupre: '20 ms', taupost: '20 ms', gmax: '100 pS', dApre: '1 pS', dApost: '-1.05 pS' },
  };
  const all: Float32Array[] = [];
  for (const [name, d] of [['builtin', desc], ['equations', eq]] as const) {
    const net = (await simulator('wasm')).load(d);
    const t0 = performance.now();
    await net.run(10);
    const t = performance.now() - t0;
    const w = Array.from((await net.getProjection('stdp').weights()).weight, (x) => x / 1e-10);
    const dec = new Array(10).fill(0); for (const x of w) dec[Math.min(9, Math.floor(x * 10))]++;
    console.log(name, (t / 1000).toFixed(2), 's', dec.join(' '), JSON.stringify(d.projections![0]).slice(0, 80));
    all.push((await net.getProjection('stdp').weights()).weight);
    if (all.length === 2) { let same = 0, maxd = 0; for (let i = 0; i < all[0]!.length; i++) { if (all[0]![i] === all[1]![i]) same++; maxd = Math.max(maxd, Math.abs(all[0]![i]! - all[1]![i]!)); } console.log('same', same, 'maxdiff', maxd); }
  }
}, 600000);
