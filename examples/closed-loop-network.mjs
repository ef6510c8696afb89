// The network of the closed-loop examples, shared by closed-loop.mjs (Node, readings from a
// stream) and worker-timer-worker.mjs (a Web Worker, readings on a timer). Sensor readings are
// numbers in [0, 1]; each drives the network for PERIOD seconds of model time through net.step.

export const PERIOD = 0.02; // model seconds per reading

/** A made-up sensor for when there is no real one: reading k of a slow sine wave (one period is 50 readings, 1 s). */
export const sineReading = (k) => 0.5 + 0.5 * Math.sin((2 * Math.PI * k) / 50);

/**
 * Builds the loop on a simulator; `advance(reading)` runs one reading's steps and returns their
 * result (the motor spikes in `spikes.motor`).
 */
export function closedLoop(sim) {
  const net = sim.network({ dt: 1e-4, seed: 1 });
  // The sensor: Poisson neurons whose rate follows the reading (0 to 200 Hz).
  const sensor = net.population(50, 'poisson', { rate: 0 }, {}, 'sensor');
  // The motor neurons: LIF, driven by the sensor through delta synapses (weights in volts) and
  // by a current proportional to the reading (rM = 1 ohm: amperes act as volts).
  const motor = net.population(10, 'lif', {
    tauM: 20e-3, vRest: -70e-3, vThresh: -54e-3, vReset: -70e-3, tRef: 2e-3,
    receptors: { e: { tau: 0 } },
  }, {}, 'motor');
  net.connect(sensor, motor, { receptor: 'e', weight: 1e-3, rule: { p: 0.5 } });
  const motorSpikes = net.monitorSpikes(motor); // step() returns the spikes of populations with a spike monitor
  const steps = Math.round(PERIOD / net.dt);
  return {
    net,
    async advance(reading) {
      const result = await net.step(steps, {
        rates: [{ target: sensor, rate: 200 * reading }],
        current: [{ target: motor, amplitude: 5e-3 * reading }],
      });
      motorSpikes.clear(); // the loop runs for ever: keep no history beyond what step returned
      return result;
    },
  };
}
