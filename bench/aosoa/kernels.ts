// The lif_cond update loop for COBA's shape (two receptors, a bias) in two memory layouts, with
// the same arithmetic: soa as spikewasm lays populations out (one array per variable, `lane`
// bytes apart), aosoa with each block of 4 neurons' v, countdown, g0, g1 and bias side by side
// (and each ring block's two receptors), so one pointer with constant offsets reaches them all.
// A measurement for a possible layout change (bench/README.md, "What is left"); run.mjs drives it.
export function soa(vArr: usize, lane: usize, recv: usize, ring: usize, bias: usize, spikes: usize, n: i32, coef: usize): i32 {
  const gL = v128.load32_splat(coef), eL = v128.load32_splat(coef + 4), dtOverC = v128.load32_splat(coef + 8);
  const vReset = v128.load32_splat(coef + 12), vThresh = v128.load32_splat(coef + 16), refSteps = v128.load32_splat(coef + 20);
  const eRev0 = v128.load32_splat(coef + 24), decay0 = v128.load32_splat(coef + 28), eRev1 = v128.load32_splat(coef + 32), decay1 = v128.load32_splat(coef + 36);
  const zero = i32x4.splat(0);
  let count = 0;
  // Bumped pointers, as assembly/neurons/lif-cond.ts walks them.
  let vAt = vArr, recvAt = recv, ringAt = ring, biasAt = bias;
  const stop = vArr + (<usize>n << 2);
  for (; vAt < stop; vAt += 16, recvAt += 16, ringAt += 16, biasAt += 16) {
    const v = v128.load(vAt);
    let ref = v128.load(vAt + lane);
    let drive = f32x4.mul(gL, f32x4.sub(eL, v));
    const g0 = v128.load(recvAt), g1 = v128.load(recvAt + lane);
    drive = f32x4.add(drive, f32x4.mul(g0, f32x4.sub(eRev0, v)));
    drive = f32x4.add(drive, f32x4.mul(g1, f32x4.sub(eRev1, v)));
    v128.store(recvAt, f32x4.add(f32x4.mul(g0, decay0), v128.load(ringAt)));
    v128.store(recvAt + lane, f32x4.add(f32x4.mul(g1, decay1), v128.load(ringAt + lane)));
    v128.store(ringAt, zero); v128.store(ringAt + lane, zero);
    drive = f32x4.add(drive, v128.load(biasAt));
    let vNew = f32x4.add(v, f32x4.mul(drive, dtOverC));
    const held = i32x4.gt_s(ref, zero);
    const spike = v128.andnot(f32x4.gt(vNew, vThresh), held);
    vNew = v128.bitselect(vReset, vNew, v128.or(held, spike));
    ref = v128.or(i32x4.add(ref, held), v128.and(spike, refSteps));
    v128.store(vAt, vNew);
    v128.store(vAt + lane, ref);
    let bits = i32x4.bitmask(spike);
    if (bits != 0) { do { store<i32>(spikes + (<usize>count << 2), <i32>((vAt - vArr) >> 2) + ctz(bits)); count++; bits &= bits - 1; } while (bits != 0); }
  }
  return count;
}
// AoSoA: block b of 4 neurons at blk + b*80: v(16) ref(16) g0(16) g1(16) bias(16); ring block at slot + b*32: s0 s1.
export function aosoa(blk: usize, ring: usize, spikes: usize, n: i32, coef: usize): i32 {
  const blocks = <usize>n >> 2;
  const gL = v128.load32_splat(coef), eL = v128.load32_splat(coef + 4), dtOverC = v128.load32_splat(coef + 8);
  const vReset = v128.load32_splat(coef + 12), vThresh = v128.load32_splat(coef + 16), refSteps = v128.load32_splat(coef + 20);
  const eRev0 = v128.load32_splat(coef + 24), decay0 = v128.load32_splat(coef + 28), eRev1 = v128.load32_splat(coef + 32), decay1 = v128.load32_splat(coef + 36);
  const zero = i32x4.splat(0);
  let count = 0;
  let p = blk, s = ring;
  const end = blk + blocks * 80;
  for (; p < end; p += 80, s += 32) {
    const v = v128.load(p);
    let ref = v128.load(p, 16);
    let drive = f32x4.mul(gL, f32x4.sub(eL, v));
    const g0 = v128.load(p, 32), g1 = v128.load(p, 48);
    drive = f32x4.add(drive, f32x4.mul(g0, f32x4.sub(eRev0, v)));
    drive = f32x4.add(drive, f32x4.mul(g1, f32x4.sub(eRev1, v)));
    v128.store(p, f32x4.add(f32x4.mul(g0, decay0), v128.load(s)), 32);
    v128.store(p, f32x4.add(f32x4.mul(g1, decay1), v128.load(s, 16)), 48);
    v128.store(s, zero); v128.store(s, zero, 16);
    drive = f32x4.add(drive, v128.load(p, 64));
    let vNew = f32x4.add(v, f32x4.mul(drive, dtOverC));
    const held = i32x4.gt_s(ref, zero);
    const spike = v128.andnot(f32x4.gt(vNew, vThresh), held);
    vNew = v128.bitselect(vReset, vNew, v128.or(held, spike));
    ref = v128.or(i32x4.add(ref, held), v128.and(spike, refSteps));
    v128.store(p, vNew);
    v128.store(p, ref, 16);
    let bits = i32x4.bitmask(spike);
    if (bits != 0) { do { store<i32>(spikes + (<usize>count << 2), <i32>((p - blk) / 20) + ctz(bits)); count++; bits &= bits - 1; } while (bits != 0); }
  }
  return count;
}
