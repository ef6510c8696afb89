// The NIR nodes that map values linearly (weights, convolutions, pooling, flattening, scaling,
// delays), each as a scatter: where one input element's value goes, with which factor and how
// many steps later. Chains of them between two neuron layers are multiplied out into synapses
// (ts/nir/import.ts), so a convolution becomes the connectivity it stands for.
import { fail } from '../errors.js';
import type { NirNode } from './graph.js';
import type { NirArray } from './hdf5.js';

export interface LinearMap {
  readonly inSize: number;
  readonly outShape: readonly number[];
  /** Calls emit(j, factor, delaySteps) for every output element that input element i reaches. */
  scatter(i: number, emit: (j: number, factor: number, delaySteps: number) => void): void;
  /** A constant added to each output (Affine and convolution biases), or null. */
  readonly bias: Float64Array | null;
}

export const LINEAR_TYPES = ['Affine', 'Linear', 'Scale', 'Flatten', 'Delay', 'Conv1d', 'Conv2d', 'SumPool2d', 'AvgPool2d', 'Input', 'Output'];

export const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** The map of a linear node whose input has `inShape`; `dt` turns Delay's seconds into steps. */
export function linearMap(node: NirNode, inShape: readonly number[], dt: number, warnings: string[]): LinearMap {
  const p = node.params;
  const at = (key: string): string => `${node.path}/${key}`;
  switch (node.type) {
    case 'Input':
    case 'Output':
      return elementwise(inShape, () => 1, () => 0);
    case 'Flatten':
      return { ...elementwise(inShape, () => 1, () => 0), outShape: flattened(inShape, p, at) };
    case 'Scale': {
      const scale = vector(p.scale!, size(inShape), at('scale'));
      return elementwise(inShape, (i) => scale[i]!, () => 0);
    }
    case 'Delay': {
      const delay = vector(p.delay!, size(inShape), at('delay'));
      const steps = delay.map((d, i) => {
        if (d < 0) fail('E_PARAM', `${at('delay')}[${i}]`, `must be ≥ 0 s (got ${d})`);
        return Math.round(d / dt);
      });
      if (delay.some((d, i) => Math.abs(d / dt - steps[i]!) > 1e-6)) warnings.push(`${at('delay')}: delays rounded to whole steps of dt = ${dt} s`);
      return elementwise(inShape, () => 1, (i) => steps[i]!);
    }
    case 'Affine':
    case 'Linear':
      return dense(node, inShape, at);
    case 'Conv1d':
    case 'Conv2d':
      return convolution(node, inShape, at);
    default:
      return pooling(node, inShape, at);
  }
}

function elementwise(shape: readonly number[], factor: (i: number) => number, delay: (i: number) => number): LinearMap {
  return { inSize: size(shape), outShape: shape, bias: null, scatter: (i, emit) => emit(i, factor(i), delay(i)) };
}

/** One value per element, or one value for all. */
function vector(a: NirArray, n: number, path: string): Float64Array {
  const v = a.values as readonly number[];
  if (v.length === 1) return new Float64Array(n).fill(v[0]!);
  if (v.length !== n) fail('E_FORMAT', path, `has ${v.length} values for an input of ${n}`);
  return Float64Array.from(v);
}

function ints(a: NirArray, n: number, path: string, least: number): number[] {
  const v = a.values as readonly number[];
  const out = v.length === 1 ? new Array<number>(n).fill(v[0]!) : [...v];
  if (out.length !== n || !out.every((x) => Number.isInteger(x) && x >= least)) fail('E_FORMAT', path, `must be ${n} integers ≥ ${least} (got [${v.join(', ')}])`);
  return out;
}

function flattened(inShape: readonly number[], p: NirNode['params'], at: (k: string) => string): number[] {
  const rank = inShape.length;
  const dim = (key: string): number => {
    const d = ints(p[key]!, 1, at(key), -rank)[0]!;
    const k = d < 0 ? d + rank : d;
    if (k < 0 || k >= rank) fail('E_FORMAT', at(key), `${d} is no dimension of an input of shape [${inShape.join(', ')}]`);
    return k;
  };
  const start = dim('start_dim');
  const end = dim('end_dim');
  if (end < start) fail('E_FORMAT', at('end_dim'), `comes before start_dim`);
  return [...inShape.slice(0, start), size(inShape.slice(start, end + 1)), ...inShape.slice(end + 1)];
}

function dense(node: NirNode, inShape: readonly number[], at: (k: string) => string): LinearMap {
  const w = node.params.weight!;
  if (w.shape.length !== 2) fail('E_FORMAT', at('weight'), `must be a matrix (out, in) (got shape [${w.shape.join(', ')}])`);
  const [rows, cols] = w.shape as [number, number];
  if (cols !== size(inShape)) fail('E_FORMAT', at('weight'), `takes ${cols} inputs but receives ${size(inShape)}`);
  const values = w.values as readonly number[];
  const bias = node.type === 'Affine' ? vector(node.params.bias!, rows, at('bias')) : null;
  return {
    inSize: cols,
    outShape: [rows],
    bias,
    scatter(i, emit) {
      for (let j = 0; j < rows; j++) {
        const x = values[j * cols + i]!;
        if (x !== 0) emit(j, x, 0);
      }
    },
  };
}

/** A node's output is a layer's input: at most 2^28 values, a population's limit. */
function checkOutput(values: number, path: string): void {
  if (values > 2 ** 28) fail('E_FORMAT', path, `gives ${values} values, more than a population holds (2^28)`);
}

/** Geometry along one spatial dimension: how output positions take inputs. */
interface Axis {
  n: number; // input length
  out: number;
  k: number;
  stride: number;
  pad: number;
  dilation: number;
}

function axis(n: number, k: number, stride: number, pad: number, dilation: number, path: string): Axis {
  const out = Math.floor((n + 2 * pad - dilation * (k - 1) - 1) / stride) + 1;
  if (out < 1 || out > 2 ** 28) fail('E_FORMAT', path, `leaves ${out < 1 ? 'no output' : `an output of ${out}`} from an input of ${n} (kernel ${k}, stride ${stride}, padding ${pad})`);
  return { n, out, k, stride, pad, dilation };
}

/** Output positions (with the kernel offset) that input position x reaches along an axis. */
function reach(a: Axis, x: number, each: (o: number, kernel: number) => void): void {
  for (let kk = 0; kk < a.k; kk++) {
    const y = x + a.pad - kk * a.dilation;
    if (y < 0 || y % a.stride !== 0) continue;
    const o = y / a.stride;
    if (o < a.out) each(o, kk);
  }
}

function convolution(node: NirNode, inShape: readonly number[], at: (k: string) => string): LinearMap {
  const p = node.params;
  const dims = node.type === 'Conv1d' ? 1 : 2;
  const w = p.weight!;
  if (w.shape.length !== dims + 2) fail('E_FORMAT', at('weight'), `must have ${dims + 2} dimensions (out channels, in channels / groups, kernel) (got [${w.shape.join(', ')}])`);
  const [cOut, cInGroup] = w.shape as [number, number];
  const groups = ints(p.groups!, 1, at('groups'), 1)[0]!;
  if (cOut % groups !== 0) fail('E_FORMAT', at('groups'), `${groups} groups do not divide ${cOut} output channels`);
  const spatial = ints(p.input_shape!, dims, at('input_shape'), 1);
  const cIn = cInGroup * groups;
  if (size(inShape) !== cIn * size(spatial)) fail('E_FORMAT', at('input_shape'), `${cIn} channels of [${spatial.join(', ')}] are ${cIn * size(spatial)} inputs, but it receives ${size(inShape)}`);
  const stride = ints(p.stride!, dims, at('stride'), 1);
  const pad = ints(p.padding!, dims, at('padding'), 0);
  const dil = ints(p.dilation!, dims, at('dilation'), 1);
  const axes = spatial.map((n, d) => axis(n, w.shape[2 + d]!, stride[d]!, pad[d]!, dil[d]!, node.path));
  const [ay, ax] = dims === 1 ? [{ n: 1, out: 1, k: 1, stride: 1, pad: 0, dilation: 1 }, axes[0]!] : [axes[0]!, axes[1]!];
  const weights = w.values as readonly number[];
  const coutGroup = cOut / groups;
  const biasPer = vector(p.bias!, cOut, at('bias'));
  const plane = ay.out * ax.out;
  checkOutput(cOut * plane, node.path);
  const bias = new Float64Array(cOut * plane).map((_, j) => biasPer[Math.floor(j / plane)]!);
  return {
    inSize: size(inShape),
    outShape: dims === 1 ? [cOut, ax.out] : [cOut, ay.out, ax.out],
    bias: bias.some((b) => b !== 0) ? bias : null,
    scatter(i, emit) {
      const c = Math.floor(i / (ay.n * ax.n));
      const y = Math.floor(i / ax.n) % ay.n;
      const x = i % ax.n;
      const g = Math.floor(c / cInGroup);
      for (let co = g * coutGroup; co < (g + 1) * coutGroup; co++) {
        const kernelBase = (co * cInGroup + (c - g * cInGroup)) * ay.k;
        reach(ay, y, (oy, ky) => reach(ax, x, (ox, kx) => {
          const factor = weights[(kernelBase + ky) * ax.k + kx]!;
          if (factor !== 0) emit((co * ay.out + oy) * ax.out + ox, factor, 0);
        }));
      }
    },
  };
}

/** SumPool2d and AvgPool2d (PyTorch's default: the average counts padding, so it divides by the kernel's area). */
function pooling(node: NirNode, inShape: readonly number[], at: (k: string) => string): LinearMap {
  const p = node.params;
  if (inShape.length !== 3) fail('E_FORMAT', node.path, `pools (channels, height, width) but receives shape [${inShape.join(', ')}]`);
  const [channels, h, w] = inShape as [number, number, number];
  const k = ints(p.kernel_size!, 2, at('kernel_size'), 1);
  const stride = ints(p.stride!, 2, at('stride'), 1);
  const pad = ints(p.padding!, 2, at('padding'), 0);
  const ay = axis(h, k[0]!, stride[0]!, pad[0]!, 1, node.path);
  const ax = axis(w, k[1]!, stride[1]!, pad[1]!, 1, node.path);
  checkOutput(channels * ay.out * ax.out, node.path);
  const factor = node.type === 'AvgPool2d' ? 1 / (k[0]! * k[1]!) : 1;
  return {
    inSize: channels * h * w,
    outShape: [channels, ay.out, ax.out],
    bias: null,
    scatter(i, emit) {
      const c = Math.floor(i / (h * w));
      reach(ay, Math.floor(i / w) % h, (oy) => reach(ax, i % w, (ox) => emit((c * ay.out + oy) * ax.out + ox, factor, 0)));
    },
  };
}
