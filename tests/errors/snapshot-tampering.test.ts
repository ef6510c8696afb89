// Snapshots are untrusted input: a blob whose checksum was recomputed after its image was
// changed is refused with E_FORMAT when a changed word is structure the description fixes
// or an index out of its range, and otherwise runs (a changed voltage is just a voltage);
// it never traps the kernel or throws anything but a SpikewasmError.
import { describe, expect, it } from 'vitest';
import * as abi from '../../assembly/abi.js';
import type { Network } from '../../ts/api/network.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { SpikewasmError } from '../../ts/errors.js';
import { readSnapshot, writeSnapshot } from '../../ts/io/snapshot.js';
import { failureOf, simulator } from '../support/helpers.js';
import { corners, poissonDriven } from '../support/networks.js';
import { plasticEverything } from '../support/plasticity-fixtures.js';

/** A snapshot of `desc` part-way, taken apart so that its image can be changed. */
async function taken(desc = plasticEverything(), seconds = 0.02) {
  const net = (await simulator()).load(desc);
  await net.run(seconds);
  const s = readSnapshot(await net.snapshot());
  const built = await net.build();
  return { s, built, view: new DataView(s.image.buffer, s.image.byteOffset, s.image.byteLength) };
}

/** The blob with the same fields and a changed image, its checksum recomputed. */
function retold(s: ReturnType<typeof readSnapshot>, image: Uint8Array): Uint8Array {
  return writeSnapshot({ description: s.description, keepRaster: s.keepRaster, step: s.step, targetTime: s.targetTime, image });
}

/** Each change to a copy of the image is refused on restore with E_FORMAT and its message. */
async function expectRefused(s: ReturnType<typeof readSnapshot>, cases: [string, (v: DataView) => void, RegExp][]): Promise<void> {
  for (const [what, change, message] of cases) {
    const image = new Uint8Array(s.image);
    change(new DataView(image.buffer));
    const e = await failureOf(async () => (await simulator()).restore(retold(s, image)));
    expect(e.code, what).toBe('E_FORMAT');
    expect(e.message, what).toMatch(message);
  }
}

describe('tampered snapshots (checksum recomputed)', () => {
  it('header word 26 set to 0x7fffffff (it trapped the kernel) is refused with E_FORMAT', async () => {
    const { s, view } = await taken();
    view.setInt32(26 * 4, 0x7fffffff, true);
    const e = await failureOf(async () => (await simulator()).restore(retold(s, s.image)));
    expect(e.code).toBe('E_FORMAT');
    expect(e.message).toMatch(/^snapshot\.image: byte 104 \(word 26\) differs from what the snapshot's description lays out there$/);
  });

  it('a Poisson-input record (its population, delay, lambda) or the table pointer changed is refused with E_FORMAT', async () => {
    const { s, built } = await taken(poissonDriven());
    const record = (k: number, word: number) => built.layout.poissonInputs + (abi.PIN_HEAD + k * abi.PI_WORDS + word) * 4;
    await expectRefused(s, [
      ['population', (v) => v.setInt32(record(1, abi.PI_POP), 2, true), /differs from what the snapshot's description lays out there/],
      ['delay', (v) => v.setInt32(record(0, abi.PI_DELAY), 3, true), /differs from what the snapshot's description lays out there/],
      ['lambda', (v) => v.setFloat64(record(4, abi.PI_LAMBDA), 50, true), /differs from what the snapshot's description lays out there/],
      ['table pointer', (v) => v.setInt32(abi.H_PIN * 4, 0, true), /\(word 17\) differs from what the snapshot's description lays out there/],
    ]);
  });

  it.each([
    ['a record fill level', (v: DataView) => v.setInt32(abi.H_SPK_LEN * 4, 5, true), /record fill level\) is 5/],
    ['the current-event position', (v: DataView) => v.setInt32(abi.H_EVT_POS * 4, 1e6, true), /current-event position is 1000000/],
    ['the synaptic event count', (v: DataView) => v.setFloat64(abi.H_SYN_EVENTS * 4, -1, true), /synaptic event count is -1/],
  ])('%s out of its range is refused with E_FORMAT', async (_, change, message) => {
    const { s, view } = await taken();
    change(view);
    const e = await failureOf(async () => (await simulator()).restore(retold(s, s.image)));
    expect(e.code).toBe('E_FORMAT');
    expect(e.message).toMatch(message);
  });

  it('spike list entries, counts, history counts, pointers and cursors out of range are refused with E_FORMAT', async () => {
    const { s, built, view } = await taken(corners(), 0.03);
    const L = built.layout;
    const rec = (k: number) => L.populationTable + k * abi.P_WORDS * 4;
    const withHistory = L.input.populations.findIndex((p) => p.historySlots > 0);
    const plain = L.input.populations.findIndex((p) => p.historySlots === 0 && p.size > 4);
    const cursors = L.projections.find((j) => j.plastic?.cursors)!.plastic!.cursors;
    const cases: [string, (v: DataView) => void, RegExp][] = [
      ['spike count', (v) => v.setInt32(rec(plain) + abi.P_NSPIKES * 4, 1e6, true), /spike count is 1000000/],
      ['spike entry', (v) => { v.setInt32(rec(plain) + abi.P_NSPIKES * 4, 1, true); v.setInt32(L.populations[plain]!.spikes, 1 << 30, true); }, /spike entry 0 is 1073741824/],
      ['history count', (v) => v.setInt32(L.populations[withHistory]!.historyCounts, -3, true), /spike history slot 0 count is -3/],
      ['list pointer', (v) => v.setInt32(rec(withHistory) + abi.P_SPIKES * 4, 12, true), /spike list pointer is 12/],
      ['cursor', (v) => v.setInt32(cursors, -7, true), /cursor at byte \d+ is -7/],
    ];
    await expectRefused(s, cases);
    expect(view.byteLength).toBe(s.image.byteLength);
  });

  it('a spike source set back to its first event, and Poisson probabilities in padding lanes, are refused with E_FORMAT', async () => {
    // Replaying every past event at once wrote past the spike list (a trap); a padding lane
    // that can fire made wasm and the reference disagree on an accepted image.
    const desc: NetworkDescription = {
      dt: 1e-4, seed: 2,
      populations: [
        { name: 'src', size: 4, model: 'spike_source', params: { spikeTimes: Array.from({ length: 4 }, (_, i) => Array.from({ length: 300 }, (_, k) => (k * 10 + i) * 1e-4)) } },
        { name: 'poi', size: 5, model: 'poisson', params: { rate: 100 } },
      ],
    };
    const { s, built } = await taken(desc, 0.2);
    const L = built.layout;
    const cases: [string, (v: DataView) => void, RegExp][] = [
      ['source position', (v) => v.setInt32(L.populationTable + abi.P_SRC_POS * 4, 0, true), /populations\[0\]'s source position is 0, outside \d+, the events before step 2000/],
      ['padding probability', (v) => v.setFloat32(L.populations[1]!.params + 6 * 4, 1, true), /byte \d+ \(word \d+\) differs from what the snapshot's description lays out/],
    ];
    await expectRefused(s, cases);
  });

  it('a snapshot taken after every kind of change the API makes restores and continues as the straight run', async () => {
    const desc = plasticEverything();
    const act = async (net: Network) => {
      await net.run(0.01);
      const built = await net.build();
      const poisson = built.populations.find((p) => p.model.source === 'poisson')!;
      await net.getPopulation(poisson.index).setRates(33);
      const plastic = built.projections.findIndex((j) => j.plasticity);
      await net.getProjection(plastic).setLearningRate(0.5);
      const withWeights = built.layout.projections.findIndex((j) => j.weights);
      await net.getProjection(withWeights).setWeights(Array.from((await net.getProjection(withWeights).weights()).weight, (w) => w * 0.9));
      if (built.modulators.length > 0) await net.modulate(built.modulators[0]!.name, 0.25);
      const lif = built.populations.find((p) => p.model.takesCurrent)!;
      await net.step(5, { current: [{ target: net.getPopulation(lif.index), amplitude: 1e-11 }] });
    };
    const sim = await simulator();
    const straight = sim.load(desc, { keepRaster: true });
    await act(straight);
    const blob = await straight.snapshot();
    await straight.run(0.01);
    const restored = await sim.restore(blob);
    await restored.run(0.01);
    expect(readSnapshot(await restored.snapshot()).image).toEqual(readSnapshot(await straight.snapshot()).image);
  });

  it('300 random byte changes: each is refused with E_FORMAT or runs 20 steps; nothing else', async () => {
    const { s } = await taken(corners(), 0.03);
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const outcomes = { refused: 0, ran: 0 };
    for (let k = 0; k < 300; k++) {
      const image = new Uint8Array(s.image);
      const at = Math.floor(random() * image.byteLength);
      image[at] = image[at]! ^ (1 + Math.floor(random() * 255));
      let net: Network;
      try {
        net = await (await simulator()).restore(retold(s, image));
      } catch (e) {
        expect(e, `byte ${at}`).toBeInstanceOf(SpikewasmError);
        expect((e as SpikewasmError).code).toBe('E_FORMAT');
        outcomes.refused++;
        continue;
      }
      await net.run(0.002);
      outcomes.ran++;
    }
    // Most of an image is state and records that any bytes may hold; both outcomes occur.
    expect(outcomes.refused).toBeGreaterThan(10);
    expect(outcomes.ran).toBeGreaterThan(10);
  });
});
