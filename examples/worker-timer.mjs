// Page script of examples/worker-timer.html: starts the worker, forwards the slider as the
// sensor, tallies the motor spikes of every tick by sensor reading (five bins; each row carries
// data-from, data-to, data-ticks and data-mean for tests/hosts/demo.test.ts) and lists the last
// ticks. Both tables stay the same size however long the page runs.
const worker = new Worker(new URL('./worker-timer-worker.mjs', import.meta.url), { type: 'module' });
const $ = (id) => document.getElementById(id);
const BINS = 5;
const LAST = 10; // rows of the list of the last ticks
const tally = Array.from({ length: BINS }, () => ({ ticks: 0, spikes: 0 }));
let ticks = 0;

const rows = tally.map((_, k) => {
  const tr = document.createElement('tr');
  Object.assign(tr.dataset, { from: k / BINS, to: (k + 1) / BINS, ticks: 0, mean: '' });
  tr.append(...['', '', '', ''].map(() => document.createElement('td')));
  tr.cells[0].textContent = `${(k / BINS).toFixed(1)} – ${((k + 1) / BINS).toFixed(1)}`;
  tr.cells[3].append(Object.assign(document.createElement('meter'), { min: 0, max: 1, value: 0 }));
  $('by-reading').tBodies[0].append(tr);
  return tr;
});

$('sensor').addEventListener('input', () => {
  $('held').textContent = Number($('sensor').value).toFixed(2);
  worker.postMessage({ reading: Number($('sensor').value) });
});
worker.onerror = (e) => fail(`the worker failed: ${e.message}`);
worker.onmessage = ({ data }) => {
  if (data.error) return fail(data.error);
  ticks++;
  const bin = tally[Math.min(BINS - 1, Math.floor(data.reading * BINS))];
  bin.ticks++;
  bin.spikes += data.motorSpikes;
  showTally();
  logTick(data);
  $('summary').dataset.ticks = String(ticks);
  $('summary').textContent = `${ticks} ticks, model time ${data.time.toFixed(2)} s; the network runs ${data.realTimeFactor.toFixed(0)} × faster than real time ` +
    `(the timer holds it to real time); ${data.late} tick${data.late === 1 ? '' : 's'} late`;
};

function showTally() {
  const means = tally.map((b) => (b.ticks ? b.spikes / b.ticks : 0));
  const top = Math.max(1, ...means);
  tally.forEach((b, k) => {
    const tr = rows[k];
    Object.assign(tr.dataset, { ticks: b.ticks, mean: b.ticks ? means[k] : '' });
    tr.cells[1].textContent = String(b.ticks);
    tr.cells[2].textContent = b.ticks ? means[k].toFixed(1) : '–';
    Object.assign(tr.cells[3].firstChild, { max: top, value: means[k] });
  });
}

function logTick({ time, reading, motorSpikes }) {
  const tr = document.createElement('tr');
  for (const text of [time.toFixed(2), reading.toFixed(2), String(motorSpikes)]) tr.append(Object.assign(document.createElement('td'), { textContent: text }));
  const body = $('log').tBodies[0];
  body.prepend(tr);
  while (body.rows.length > LAST) body.lastChild.remove();
}

function fail(message) {
  $('summary').textContent = message;
  $('summary').classList.add('error');
  console.error(message);
}
