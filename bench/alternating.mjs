// Loop timings of network variants that alternate within each round (so a slow spell of the
// machine touches all of them alike), medians over the rounds; shared by bench/couplings.mjs
// and bench/dendrites.mjs.

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Loop seconds of `duration` after the network is built and warmed up by a first short run; and its synaptic events. */
export async function loopTime(sim, desc, duration) {
  const net = sim.load(desc);
  await net.run(duration / 10);
  const before = await net.synapticEvents();
  const started = performance.now();
  await net.run(duration);
  return { seconds: (performance.now() - started) / 1e3, events: (await net.synapticEvents()) - before };
}

/** Median loop seconds (and the synaptic events) of each variant, run `rounds` times in turn. */
export async function alternate(sim, variants, duration, rounds) {
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const events = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, desc] of Object.entries(variants)) {
      const t = await loopTime(sim, desc, duration);
      times[name].push(t.seconds);
      events[name] = t.events;
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, ts]) => [k, { seconds: median(ts), events: events[k] }]));
}
