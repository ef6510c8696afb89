#!/usr/bin/env node
// A closed loop in Node: sensor readings arrive on a stream, each one drives the network for
// 20 ms of model time through net.step(), and the spikes of just those steps become a motor
// command. Readings are numbers in [0, 1], one per line on stdin:
//
//   printf '0\n0.5\n1\n' | node examples/closed-loop.mjs
//
// or, with stdin a terminal, a made-up sensor that produces a slow sine wave in real time
// (one reading every 20 ms of wall time, so the network waits for its input as it would on a robot).
// Prints one JSON line per reading: model time, the reading, motor spikes and the real-time factor.
// Run `npm run build` first.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSimulator, RealTimeMeter } from '../dist/hosts/node.js';
import { closedLoop, PERIOD, sineReading } from './closed-loop-network.mjs';

const { net, advance } = closedLoop(await createSimulator());

/** Readings from stdin when it is piped, else a synthetic sensor paced in real time. */
function readings() {
  if (!process.stdin.isTTY) return createInterface({ input: process.stdin });
  return Readable.from((async function* () {
    for (let k = 0; k < 100; k++) {
      await sleep(PERIOD * 1000);
      yield String(sineReading(k));
    }
  })());
}

const meter = new RealTimeMeter();
for await (const line of readings()) {
  if (line.trim() === '') continue;
  const reading = Math.min(1, Math.max(0, Number(line)));
  if (!Number.isFinite(reading)) throw new Error(`not a number: ${JSON.stringify(line)}`);
  const result = await advance(reading);
  meter.add(result.steps * net.dt, result.wallSeconds);
  const spikes = result.spikes.motor.times.length;
  process.stdout.write(`${JSON.stringify({ time: Number(result.time.toFixed(4)), reading, motorSpikes: spikes, realTimeFactor: Math.round(meter.factor) })}\n`);
}
