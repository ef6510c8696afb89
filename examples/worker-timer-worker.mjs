// A closed loop in a Web Worker fed by a timer: every 20 ms of wall time setInterval reads a
// sensor (the page's slider when it has been moved, else a made-up sine wave), runs 20 ms of
// model time with net.step, and posts the reading and the motor spikes to the page: the network
// keeps pace with real time, as on a robot. Opened by examples/worker-timer.html.
import { createSimulator, RealTimeMeter } from '../dist/hosts/browser.js';
import { closedLoop, PERIOD, sineReading } from './closed-loop-network.mjs';

let held = null; // the page's slider, once moved
self.onmessage = ({ data }) => (held = data.reading);

const { net, advance } = closedLoop(await createSimulator());
const meter = new RealTimeMeter();
let k = 0;
let busy = false;
let late = 0; // ticks that found the previous one still running (the machine is too slow)

setInterval(async () => {
  if (busy) return void late++;
  busy = true;
  try {
    const reading = held ?? sineReading(k++);
    const r = await advance(reading);
    meter.add(r.steps * net.dt, r.wallSeconds);
    self.postMessage({ time: r.time, reading, motorSpikes: r.spikes.motor.times.length, realTimeFactor: meter.factor, late });
  } catch (e) {
    self.postMessage({ error: String((e && e.stack) || e) });
  } finally {
    busy = false;
  }
}, PERIOD * 1000);
