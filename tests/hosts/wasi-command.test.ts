// dist/spikewasm-wasi.wasm in this process's node:wasi: what it imports, the spikes it writes
// for a snapshot (compared with the run continued in JS), and how it refuses bad input.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { WASI } from 'node:wasi';
import { afterAll, describe, expect, it } from 'vitest';
import * as abi from '../../assembly/abi.js';
import { crc32 } from '../../ts/io/crc32.js';
import { buildNetwork } from '../../ts/layout/build.js';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { readSnapshot, writeSnapshot } from '../../ts/io/snapshot.js';
import { seedKey } from '../../ts/model/random/philox.js';
import { RandomStream } from '../../ts/model/random/stream.js';
import { example, simulator } from '../support/helpers.js';
import { corners, couplings, everything, learningDelays, poissonDriven } from '../support/networks.js';
import { plasticEverything } from '../support/plasticity-fixtures.js';

// Node 20's node:wasi reaches the module's memory through V8 fast API calls, which abort the
// process (SIGABRT, no message) after about ten commands have grown their memories in one process:
// reproduced with the command alone, gone with fast API calls off. A user's one command per
// process is not affected (docs/snapshot-format.md); this file starts hundreds.
setFlagsFromString('--no-turbo-fast-api-calls');
const module = new WebAssembly.Module(readFileSync(new URL('../../dist/spikewasm-wasi.wasm', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'spikewasm-wasi-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command with `input` on stdin; returns its exit code, stdout and stderr. */
function command(args: string[], input: Uint8Array): { code: number; stdout: string; stderr: string } {
  const files = ['in', 'out', 'err'].map((f) => join(dir, f));
  writeFileSync(files[0]!, input);
  const [stdin, stdout, stderr] = [openSync(files[0]!, 'r'), openSync(files[1]!, 'w'), openSync(files[2]!, 'w')];
  const wasi = new WASI({ version: 'preview1', args: ['spikewasm-wasi', ...args], stdin, stdout, stderr, returnOnExit: true });
  const code = wasi.start(new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport }));
  [stdin, stdout, stderr].forEach(closeSync);
  return { code, stdout: readFileSync(files[1]!, 'utf8'), stderr: readFileSync(files[2]!, 'utf8') };
}

describe('the WASI command (dist/spikewasm-wasi.wasm)', () => {
  it('imports only reading stdin, writing, arguments and exit from WASI preview 1', () => {
    expect(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`).sort()).toEqual(
      ['args_get', 'args_sizes_get', 'fd_read', 'fd_write', 'proc_exit'].map((n) => `wasi_snapshot_preview1.${n}`),
    );
  });

  it('continues a snapshot with the spikes the JS API gives for the same steps', async () => {
    const desc = example('cuba.json');
    for (const j of desc.projections!) j.delay = { uniform: [1e-4, 5e-3] };
    const net = (await simulator()).load(desc, { keepRaster: true });
    await net.run(0.05);
    const blob = await net.snapshot();
    await net.run(0.05);
    const { steps, neurons } = net.raster();
    const after = [...steps.keys()].filter((i) => steps[i]! >= 500);

    const { code, stdout, stderr } = command(['500'], blob);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.split('\n').filter(Boolean).map((l) => l.split(' ').map(Number));
    expect(lines.length).toBe(after.length);
    expect(await rasterHash(lines.map((l) => l[0]!), lines.map((l) => l[1]!))).toBe(
      await rasterHash(after.map((i) => steps[i]!), after.map((i) => neurons[i]!)),
    );
  });

  it('runs ABI 2 and 3 images as the JS API does, and refuses ABI 1 and a later ABI', async () => {
    const net = (await simulator()).load(example('cuba.json'), { keepRaster: true });
    await net.run(0.01);
    const blob = await net.snapshot();
    const withAbi = (version: number) => {
      const copy = blob.slice();
      const view = new DataView(copy.buffer);
      view.setUint32(12, version, true);
      view.setUint32(copy.length - 4, crc32(copy.subarray(0, copy.length - 4)), true);
      return copy;
    };
    const now = command(['300'], blob);
    expect(now.code).toBe(0);
    expect(now.stdout.split('\n').length).toBeGreaterThan(100);
    // ABI 3 changed only the spike record (empty in a snapshot), ABI 4 added the coupling table (0 in older images).
    for (const version of [2, 3]) expect(command(['300'], withAbi(version))).toEqual(now);
    for (const version of [1, abi.ABI_VERSION + 1]) {
      const r = command(['300'], withAbi(version));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`kernel ABI ${version}`));
    }
  });

  it('refuses a corrupted snapshot, another version, something else, a bad step count (exit 1, message on stderr)', async () => {
    const net = (await simulator()).load(example('cuba.json'), { keepRaster: true });
    const blob = await net.snapshot();
    const flipped = blob.slice();
    flipped[blob.length >> 1]! ^= 1;
    const v2 = blob.slice();
    const view = new DataView(v2.buffer);
    view.setUint32(8, 2, true);
    view.setUint32(v2.length - 4, crc32(v2.subarray(0, v2.length - 4)), true);
    for (const [args, input, message] of [
      [['10'], flipped, /corrupted \(CRC-32 mismatch\)/],
      [['10'], v2, /format version 2; this program reads version 1/],
      [['10'], new TextEncoder().encode('{"format":"spikewasm-model"}'), /not a spikewasm snapshot/],
      [['ten'], blob, /whole number/],
      [['2147483648'], blob, /below 2\^31/],
      [['21474836479'], blob, /below 2\^31/],
      [[''], blob, /empty argument/],
      [[], blob, /usage: spikewasm-wasi <steps>/],
    ] as const) {
      const r = command([...args], input);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
  });

  it('refuses a snapshot of a model written as equations, whose update only a JavaScript host can generate', async () => {
    const net = (await simulator()).network({ dt: 1e-4 });
    net.population(8, { equations: 'dv/dt = -v / tau : volt', params: { tau: '10 ms' } });
    const r = command(['10'], await net.snapshot());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/population 0 is a model written as equations/);
  });

  it('refuses a snapshot with electrical or graded synapses (its coupling table) before anything else, naming it', async () => {
    const r = command(['10'], await (await simulator()).load(couplings()).snapshot());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/the image has couplings \(H_NCPL\): electrical and graded synapses act on populations written as equations/);
  });

  it('refuses a snapshot with a synapse model written as equations, whose programs only a JavaScript host can generate', async () => {
    const net = (await simulator()).network({ dt: 1e-4 });
    const P = net.population(8, 'lif', { tauM: 0.02, vRest: 0, vThresh: 1, vReset: 0, receptors: { e: { tau: 0.005 } } });
    net.connect(P, P, { synapse: { model: 'w : amp', onPre: 'e += w' }, rule: 'one_to_one', weight: 0.1 });
    const r = command(['10'], await net.snapshot());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/projection 0 has a synapse model written as equations/);
  });

  it('refuses a snapshot whose image lies (checksum recomputed) with a message naming the word, and never traps', async () => {
    for (const desc of [plasticEverything(), corners(), everything(), learningDelays(), poissonDriven()]) {
      const net = (await simulator()).load(desc, { keepRaster: true });
      await net.run(0.01);
      const s = readSnapshot(await net.snapshot());
      const told = (image: Uint8Array) => writeSnapshot({ description: s.description, keepRaster: s.keepRaster, step: s.step, targetTime: s.targetTime, image });
      const words = new DataView(s.image.buffer, s.image.byteOffset, s.image.byteLength);
      // Header word 26 (the modulator count) set to 0x7fffffff trapped the kernel of the JS hosts once.
      const lie = s.image.slice();
      new DataView(lie.buffer).setInt32(abi.H_NMODS * 4, 0x7fffffff, true);
      const refused = command(['20'], told(lie));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/image/);
      // Random words set to hostile values: each run ends with exit 0 or a refusal, never a trap.
      const rng = new RandomStream(seedKey(3), 0, 0);
      const outcomes = { ran: 0, refused: 0 };
      for (let k = 0; k < 80; k++) {
        const image = s.image.slice();
        const view = new DataView(image.buffer);
        // Half the words from the header and tables (structure), half from anywhere.
        const tables = abi.H_WORDS + s.description.populations.length * abi.P_WORDS + (s.description.projections?.length ?? 0) * abi.J_WORDS;
        const at = 4 * rng.below(k % 2 === 0 ? tables : words.byteLength / 4);
        const hostile = [0x7fffffff, -1, 0x80000000 | 0, 1 << 20, rng.nextU32() | 0, view.getInt32(at, true) + 1, view.getInt32(at, true) - 4];
        view.setInt32(at, hostile[rng.below(hostile.length)]!, true);
        const r = command(['20'], told(image));
        expect([0, 1], `word ${at / 4}: ${r.stderr}`).toContain(r.code);
        if (r.code === 1) expect(r.stderr, `word ${at / 4}`).toMatch(/image/);
        outcomes[r.code === 0 ? 'ran' : 'refused']++;
      }
      expect(outcomes.refused).toBeGreaterThan(0);
    }
  });

  it('continues a snapshot with Poisson inputs as the JS API does, and refuses forged Poisson-input records naming the word', async () => {
    const net = (await simulator()).load(poissonDriven(), { keepRaster: true });
    await net.run(0.05);
    const blob = await net.snapshot();
    await net.run(0.05);
    const { steps, neurons } = net.raster();
    const after = [...steps.keys()].filter((i) => steps[i]! >= 500);
    const ok = command(['500'], blob);
    expect({ code: ok.code, stderr: ok.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = ok.stdout.split('\n').filter(Boolean).map((l) => l.split(' ').map(Number));
    expect(after.length).toBeGreaterThan(500);
    expect(await rasterHash(lines.map((l) => l[0]!), lines.map((l) => l[1]!))).toBe(await rasterHash(after.map((i) => steps[i]!), after.map((i) => neurons[i]!)));

    const s = readSnapshot(blob);
    const table = buildNetwork(s.description, { recordAllSpikes: s.keepRaster }).layout.poissonInputs;
    const record = (k: number, word: number) => table + (abi.PIN_HEAD + k * abi.PI_WORDS + word) * 4;
    const forged = (change: (view: DataView) => void) => {
      const image = s.image.slice();
      change(new DataView(image.buffer));
      return command(['20'], writeSnapshot({ description: s.description, keepRaster: s.keepRaster, step: s.step, targetTime: s.targetTime, image }));
    };
    for (const [change, message] of [
      [(v: DataView) => v.setInt32(record(1, abi.PI_POP), 5, true), /Poisson input 1's population \(PI_POP\) is 5, outside \[0, 5\)/],
      [(v: DataView) => v.setInt32(record(2, abi.PI_RECEPTOR), 3, true), /Poisson input 2's receptor \(PI_RECEPTOR\) is 3, outside \[0, 3\)/],
      [(v: DataView) => v.setInt32(record(0, abi.PI_DELAY), 0, true), /Poisson input 0's delay \(PI_DELAY\) is 0 steps, outside \[1, 16\)/],
      [(v: DataView) => v.setInt32(record(0, abi.PI_DELAY), 16, true), /Poisson input 0's delay \(PI_DELAY\) is 16 steps/],
      [(v: DataView) => v.setInt32(record(3, abi.PI_KMAX), 0x7fffffff, true), /Poisson input 3's largest count \(PI_KMAX\) is 2147483647, outside \[0, 256\]/],
      [(v: DataView) => v.setFloat64(record(4, abi.PI_LAMBDA), NaN, true), /Poisson input 4's lambda \(PI_LAMBDA\) is NaN/],
      [(v: DataView) => v.setInt32(table + abi.PIN_COUNT * 4, 1 << 28, true), /Poisson-input table \(H_PIN\) points outside the image/],
      [(v: DataView) => v.setInt32(abi.H_PIN * 4, s.image.byteLength - 4, true), /Poisson-input table \(H_PIN\) points outside the image/],
    ] as const) {
      const r = forged(change);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
  });

  it('refuses learned-delay bounds that rounded delays would not fit (their cells, or the arrival loop)', async () => {
    const desc = learningDelays();
    const net = (await simulator()).load(desc, { keepRaster: true });
    await net.run(0.01);
    const s = readSnapshot(await net.snapshot());
    const built = buildNetwork(s.description, { recordAllSpikes: s.keepRaster });
    const ok = command(['20'], await net.snapshot());
    expect(ok.code).toBe(0);
    // The recurrent projection keeps its delays in bytes: 300 steps would not fit, nor reach its arrival loop.
    const k = built.projections.findIndex((j) => j.name === 'recurrent');
    const image = s.image.slice();
    new DataView(image.buffer).setFloat32(built.layout.projections[k]!.plastic!.block + abi.K_DL_MAX * 4, 300, true);
    const r = command(['20'], writeSnapshot({ description: s.description, keepRaster: s.keepRaster, step: s.step, targetTime: s.targetTime, image }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`projection ${k}'s delay bounds \\(K_DL_MIN, K_DL_MAX\\) are \\[10\\.0, 300\\.0\\], not within \\[4\\.0, 200\\.0\\] steps`));
  });

  it('refuses a plasticity block that claims delay learning without per-synapse delays (its arrays would be unchecked)', async () => {
    const net = (await simulator()).load(example('stdp-song2000.json'), { keepRaster: true });
    await net.run(0.05);
    const s = readSnapshot(await net.snapshot());
    const block = buildNetwork(s.description, { recordAllSpikes: s.keepRaster }).layout.projections[0]!.plastic!.block;
    const image = s.image.slice();
    const view = new DataView(image.buffer);
    view.setInt32(block + abi.K_FLAGS * 4, view.getInt32(block + abi.K_FLAGS * 4, true) | abi.KF_LEARN_DELAYS, true);
    const r = command(['2000'], writeSnapshot({ description: s.description, keepRaster: s.keepRaster, step: s.step, targetTime: s.targetTime, image }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/projection 0 learns its delays \(KF_LEARN_DELAYS\) but has no per-synapse delays \(KF_SYNAPSE_DELAYS\)/);
  });

  it('refuses a receptor count above 65,536 (higher indices name dendritic segments)', async () => {
    const net = (await simulator()).load(example('stdp-song2000.json'), { keepRaster: true });
    await net.run(0.01);
    const s = readSnapshot(await net.snapshot());
    const built = buildNetwork(s.description, { recordAllSpikes: s.keepRaster });
    const image = s.image.slice();
    new DataView(image.buffer).setInt32(built.layout.populationTable + abi.P_NREC * 4, abi.SEGMENT_RECEPTOR + 1, true);
    const r = command(['20'], writeSnapshot({ description: s.description, keepRaster: s.keepRaster, step: s.step, targetTime: s.targetTime, image }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/population 0's receptor count \(P_NREC\) is 65537, above 65536/);
  });

  it('refuses u16 columns on a plastic projection (plasticity reads i32 ones) and widths with unknown bits', async () => {
    const net = (await simulator()).load(example('stdp-song2000.json'), { keepRaster: true });
    await net.run(0.01);
    const s = readSnapshot(await net.snapshot());
    const built = buildNetwork(s.description, { recordAllSpikes: s.keepRaster });
    const plastic = built.projections.findIndex((j) => j.plasticity);
    const widths = built.layout.projectionTable + (plastic * abi.J_WORDS + abi.J_WIDTHS) * 4;
    const told = (change: (word: number) => number) => {
      const image = s.image.slice();
      const view = new DataView(image.buffer);
      view.setInt32(widths, change(view.getInt32(widths, true)), true);
      return command(['20'], writeSnapshot({ description: s.description, keepRaster: s.keepRaster, step: s.step, targetTime: s.targetTime, image }));
    };
    expect(told((w) => w).code).toBe(0);
    const narrow = told((w) => w | abi.J_NARROW_COLUMNS);
    expect(narrow.code).toBe(1);
    expect(narrow.stderr).toMatch(new RegExp(`projection ${plastic} is plastic but its columns are u16 \\(J_NARROW_COLUMNS\\)`));
    const unknown = told((w) => w | 0x10000);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(new RegExp(`projection ${plastic}'s widths \\(J_WIDTHS\\) are ${65536 + 1}, with bits that mean nothing`));
  });
});
