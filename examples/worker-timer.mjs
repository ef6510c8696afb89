// Page script of examples/worker-timer.html: starts the worker, forwards the slider as the
// sensor, and lists the last readings with the motor spikes they caused (each entry also
// carries them as data-reading and data-spikes, for tests/hosts/demo.test.ts).
const worker = new Worker(new URL('./worker-timer-worker.mjs', import.meta.url), { type: 'module' });
const log = document.getElementById('log');
const summary = document.getElementById('summary');
const sensor = document.getElementById('sensor');

sensor.addEventListener('input', () => worker.postMessage({ reading: Number(sensor.value) }));
worker.onerror = (e) => fail(`the worker failed: ${e.message}`);
worker.onmessage = ({ data }) => {
  if (data.error) return fail(data.error);
  const li = Object.assign(document.createElement('li'), {
    textContent: `${data.time.toFixed(2)} s: reading ${data.reading.toFixed(2)} → ${data.motorSpikes} motor spikes`,
  });
  Object.assign(li.dataset, { reading: data.reading, spikes: data.motorSpikes });
  log.prepend(li);
  while (log.children.length > 200) log.lastChild.remove();
  summary.textContent = `model time ${data.time.toFixed(2)} s, ${data.realTimeFactor.toFixed(0)} × faster than real time when not waiting for the timer; ${data.late} late ticks`;
};

function fail(message) {
  summary.textContent = message;
  console.error(message);
}
