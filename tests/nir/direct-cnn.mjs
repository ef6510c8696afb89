// The N-MNIST CNN of the NIR paper (02_cnn_cnn_sinabs.nir) implemented directly in f32, from
// the file's arrays: Conv2d, IF, SumPool2d, Flatten and Affine layers, each spike scattered
// through the layers after it in the order of the neurons that spiked, one step being the Sinabs
// preset's (threshold, add what arrived, subtract the threshold from those that spiked). The CNN
// test's reference (tests/nir/cnn.test.ts) and the program bench/nir-cnn.mjs compares with.

const f = Math.fround;

/** `nodes`: the file's node/nodes group as readHdf5 gives it. */
export function directCnn(nodes) {
  const values = (node, key) => nodes[node][key].values;
  const shape = (node, key) => nodes[node][key].shape;

  /** Where one input element (c, y, x) of a Conv2d goes: emit(output index, weight). */
  function convolve(node, c, y, x, inH, inW, emit) {
    const [cOut, cIn, kH, kW] = shape(node, 'weight');
    const [sY, sX] = values(node, 'stride');
    const [pY, pX] = values(node, 'padding');
    const outH = Math.floor((inH + 2 * pY - kH) / sY) + 1;
    const outW = Math.floor((inW + 2 * pX - kW) / sX) + 1;
    const weight = values(node, 'weight');
    for (let co = 0; co < cOut; co++) {
      for (let ky = 0; ky < kH; ky++) {
        const oy = (y + pY - ky) / sY;
        if (!Number.isInteger(oy) || oy < 0 || oy >= outH) continue;
        for (let kx = 0; kx < kW; kx++) {
          const ox = (x + pX - kx) / sX;
          if (!Number.isInteger(ox) || ox < 0 || ox >= outW) continue;
          const w = weight[((co * cIn + c) * kH + ky) * kW + kx];
          if (w !== 0) emit((co * outH + oy) * outW + ox, w);
        }
      }
    }
  }

  function dense(node, i, emit) {
    const [rows, cols] = shape(node, 'weight');
    const weight = values(node, 'weight');
    for (let j = 0; j < rows; j++) if (weight[j * cols + i] !== 0) emit(j, weight[j * cols + i]);
  }

  /** Each IF layer: its node, size, and where a spike of the layer before it goes. */
  const layers = [
    { name: '1', size: 16 * 16 * 16, from: (i, emit) => convolve('0', Math.floor(i / 1156), Math.floor(i / 34) % 34, i % 34, 34, 34, emit) },
    { name: '3', size: 16 * 16 * 16, from: (i, emit) => convolve('2', Math.floor(i / 256), Math.floor(i / 16) % 16, i % 16, 16, 16, emit) },
    // SumPool2d 2x2, stride 2, then the convolution on the 8x8 pooled map.
    { name: '6', size: 8 * 8 * 8, from: (i, emit) => convolve('5', Math.floor(i / 256), Math.floor((Math.floor(i / 16) % 16) / 2), Math.floor((i % 16) / 2), 8, 8, emit) },
    // SumPool2d 2x2, stride 2, Flatten of (8, 4, 4), then the Affine.
    { name: '10', size: 256, from: (i, emit) => dense('9', Math.floor(i / 64) * 16 + Math.floor((Math.floor(i / 8) % 8) / 2) * 4 + Math.floor((i % 8) / 2), emit) },
    { name: '12', size: 10, from: (i, emit) => dense('11', i, emit) },
  ];

  /** raster[step][input] -> each layer's spikes as [step, neuron]. */
  function run(raster) {
    const v = layers.map((L) => new Float32Array(L.size));
    const record = layers.map(() => []);
    let sent = layers.map(() => []);
    let sentInput = [];
    for (let step = 0; step < raster.length; step++) {
      const fired = v.map((layer) => {
        const out = [];
        for (let j = 0; j < layer.length; j++) if (layer[j] > 1) out.push(j);
        return out;
      });
      layers.forEach((L, k) => {
        const arrived = new Float32Array(L.size);
        for (const i of k === 0 ? sentInput : sent[k - 1]) L.from(i, (j, w) => (arrived[j] = f(arrived[j] + f(w))));
        for (let j = 0; j < L.size; j++) v[k][j] = f(v[k][j] + arrived[j]);
        for (const j of fired[k]) v[k][j] = f(v[k][j] - 1);
        for (const j of fired[k]) record[k].push([step, j]);
      });
      sent = fired;
      sentInput = [];
      raster[step].forEach((s, i) => s && sentInput.push(i));
    }
    return record;
  }

  /** Synapses the layers stand for: one per (spike source, target) pair a scatter reaches. */
  function synapses() {
    let count = 0;
    layers.forEach((L, k) => {
      for (let i = 0; i < (k === 0 ? 2312 : layers[k - 1].size); i++) L.from(i, () => count++);
    });
    return count;
  }

  return { layers, run, synapses };
}
