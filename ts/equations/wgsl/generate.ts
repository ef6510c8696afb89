// Generates the WGSL update of one equation population for the webgpu backend: the step of
// ts/equations/program.ts, one thread per neuron, each tree evaluated in f32 in the order it
// gives, as the generated wasm (../wasm/generate.ts) and the reference interpreter evaluate it.
// The shader is assembled by ts/backends/webgpu/assembled-pipelines.ts from the shared parts
// (common.wgsl, neurons/common.wgsl for the neuron's place, its delay ring and its spike bit,
// philox.wgsl and gaussian.wgsl for rand() and randn(), equations/math.wgsl) and what is made
// here: the math constants (mathConstants) and the update itself (updateWgsl).
//
// What differs from wasm (docs/webgpu.md, "Equation models"): log and sqrt are WGSL's, sin, cos
// and tanh are f32 algorithms (wasm's are f64, rounded), x**y is exp(y log x) in f32, t is
// step * dt to within an f32 rounding, and randn() is gaussian.wgsl's f32 polar method; rand()
// gives wasm's bits. WGSL may also fuse and re-associate arithmetic.
import * as abi from '../../../assembly/abi.js';
import { SpikewasmError } from '../../errors.js';
import { EXP_F32_MAX, EXP_F32_MIN, EXP_F32_SERIES, LN2_HI_F32, LN2_LO_F32, LOG2E_F32 } from '../../model/random/detmath.js';
import { streamWord } from '../../model/random/philox.js';
import { EXPREL_F32_SERIES } from '../detmath.js';
import { mentions, type Node } from '../nodes.js';
import { randomStreamIndex, type EquationProgram } from '../program.js';

/** An f32 value as a WGSL literal that converts to exactly that f32, or null when it is not finite. */
function literal(x: number): string | null {
  const v = Math.fround(x);
  if (!Number.isFinite(v)) return null;
  const text = Object.is(v, -0) ? '-0.0' : String(v);
  const float = /[.e]/.test(text) ? text : `${text}.0`;
  return v < 0 || Object.is(v, -0) ? `(${float})` : float;
}

function horner(name: string, variable: string, coefficients: number[]): string {
  const body = coefficients.slice(1).reduce((p, c) => `(${p} * ${variable} + ${literal(c)})`, literal(coefficients[0]!)!);
  return `fn ${name}(${variable}: f32) -> f32 {\n  return ${body};\n}`;
}

/** The constants and polynomials equations/math.wgsl reads, from the values the wasm kernel uses. */
export function mathConstants(): string {
  return [
    ...Object.entries({ EXP_F32_MAX, EXP_F32_MIN, LOG2E_F32, LN2_HI_F32, LN2_LO_F32 }).map(([name, v]) => `const ${name}: f32 = ${literal(v)};`),
    horner('exp_f32_series', 'r', EXP_F32_SERIES),
    horner('exprel_f32_series', 'x', EXPREL_F32_SERIES),
  ].join('\n');
}

/** Whether the update draws random numbers (the shader then needs philox.wgsl and gaussian.wgsl). */
export function drawsRandom(program: EquationProgram): boolean {
  return programTrees(program).some((t) => mentions(t, (m) => m.op === 'rand' || m.op === 'randn'));
}

function programTrees({ eq }: EquationProgram): Node[] {
  return [...eq.step.temps, ...eq.step.next, ...eq.reset.map((r) => r.value), ...(eq.threshold ? [eq.threshold] : []), ...(eq.refractory && 'condition' in eq.refractory ? [eq.refractory.condition] : [])];
}

const FUNCTIONS = { exp: 'exp_f32', exprel: 'exprel_f32', log: 'log', sin: 'sin_f32', cos: 'cos_f32', tanh: 'tanh_f32', sqrt: 'sqrt', abs: 'abs', floor: 'floor', ceil: 'ceil' } as const;
const OPERATORS = { add: '+', sub: '-', mul: '*', div: '/', lt: '<', gt: '>', le: '<=', ge: '>=', eq: '==', ne: '!=', and: '&&', or: '||' } as const;

/** The update's entry point `main`, one thread per neuron (padding included, as wasm runs the padding lanes). */
export function updateWgsl(program: EquationProgram): string {
  const { eq, population, dt, targets, lastspikeSlot, countdownSlot } = program;
  const lines: string[] = [];
  let indent = '  ';
  let names = 0;
  const line = (text: string) => lines.push(indent + text);
  const bind = (expr: string) => {
    const name = `e${names++}`;
    line(`let ${name} = ${expr};`);
    return name;
  };
  const slot = (k: number) => `n.state + ${k}u * n.nPad`;
  let reading = eq.states.map((_, k) => `s${k}`);

  /** A numeric tree's value: the name it was bound to, or a leaf. */
  const value = (node: Node): string => {
    switch (node.op) {
      case 'const': {
        const text = literal(node.value);
        return text ?? (Number.isNaN(node.value) ? 'nan_f32()' : `infinity_f32(${Math.sign(node.value)}.0)`);
      }
      case 'state': return reading[node.index]!;
      case 'param': return `p${node.index}`;
      case 'temp': return `tmp${node.index}`;
      case 'input': return 'input';
      case 't': return 't';
      case 'i': return 'f32(n.i)';
      case 'lastspike': return 'lastspike';
      case 'neg': return bind(`-${value(node.a)}`);
      case 'add': case 'sub': case 'mul': case 'div': return bind(`${value(node.a)} ${OPERATORS[node.op]} ${value(node.b)}`);
      case 'min': case 'max': return bind(`${node.op}(${value(node.a)}, ${value(node.b)})`);
      case 'pow': return bind(`power_f32(${value(node.a)}, ${value(node.b)})`);
      case 'fn': return bind(`${FUNCTIONS[node.fn]}(${value(node.a)})`);
      case 'rand': case 'randn': {
        const stream = streamWord(node.op === 'rand' ? abi.RNG_EQ_UNIFORM : abi.RNG_EQ_NORMAL, randomStreamIndex(node.site, population)) >>> 0;
        return bind(node.op === 'rand' ? `f32(philox(vec4u(n.i, step, ${stream}u, 0u), key).x >> 8u) * 5.9604644775390625e-8` : `gaussian_at(n.i, step, ${stream}u, key)`);
      }
      case 'select': {
        const [c, a, b] = [condition(node.c), value(node.a), value(node.b)];
        return bind(`select(${b}, ${a}, ${c})`);
      }
      default: throw new SpikewasmError('E_BACKEND', `populations[${population}].model`, `a condition (${node.op}) used as a number has no WGSL form here (use backend "wasm")`);
    }
  };
  /** A condition's value, a WGSL bool. */
  const condition = (node: Node): string => {
    switch (node.op) {
      case 'free': return 'free';
      case 'not': return bind(`!${condition(node.a)}`);
      case 'and': case 'or': return bind(`${condition(node.a)} ${OPERATORS[node.op]} ${condition(node.b)}`);
      case 'lt': case 'gt': case 'le': case 'ge': case 'eq': case 'ne': return bind(`${value(node.a)} ${OPERATORS[node.op]} ${value(node.b)}`);
      default: throw new SpikewasmError('E_BACKEND', `populations[${population}].model`, `a number (${node.op}) used as a condition has no WGSL form here (use backend "wasm")`);
    }
  };

  line('if (stopped()) { return; }');
  line('let n = open_neuron(gid, groups);');
  line('if (n.i >= n.nPad) { return; }');
  line('let step = img[H_STEP];');
  // t = step * dt: f32(step) is exact below 2^24 steps, dt in two parts keeps the product within a rounding of wasm's f64 one.
  const dtHigh = Math.fround(dt);
  line(`let t = f32(step) * ${literal(dtHigh)} + f32(step) * ${literal(dt - dtHigh)};`);
  if (drawsRandom(program)) line('let key = vec2u(img[H_SEED_LO], img[H_SEED_HI]);');
  eq.states.forEach((_, k) => line(`let s${k} = fw(${slot(k)});`));
  if (eq.params.length > 0) line('let paramAt = region(n.rec, P_PARAMS) + n.i;');
  eq.params.forEach((_, q) => line(`let p${q} = fw(paramAt + ${q}u * n.nPad);`));
  if (eq.input) line('let input = fw(region(n.rec, P_BIAS) + n.i) + fw(region(n.rec, P_ISTEP) + n.i);');
  if (lastspikeSlot >= 0) line(`let lastspike = fw(${slot(lastspikeSlot)});`);
  if (countdownSlot >= 0) {
    line(`let countdown = bitcast<i32>(img[${slot(countdownSlot)}]);`);
    line('let held = countdown > 0;');
  } else if (eq.refractory && 'condition' in eq.refractory) {
    line(`let held = ${condition(eq.refractory.condition)};`);
  } else line('let held = false;');
  line('let free = !held;');
  eq.step.temps.forEach((tree, j) => line(`let tmp${j} = ${value(tree)};`));
  eq.step.next.forEach((tree, k) => line(`var x${k} = ${value(tree)};`));
  reading = eq.states.map((_, k) => `x${k}`);
  line(`let spike = ${eq.threshold ? `${condition(eq.threshold)} && !held` : 'false'};`);
  targets.forEach((k, r) => line(`x${k} = x${k} + take_ring(n.ring + ${r}u * n.nPad, ${r}u);`));
  if (eq.reset.length > 0 || lastspikeSlot >= 0) {
    line('if (spike) {');
    indent = '    ';
    for (const { index, value: tree } of eq.reset) line(`x${index} = ${value(tree)};`);
    if (lastspikeSlot >= 0) line(`set_fw(${slot(lastspikeSlot)}, t);`);
    indent = '  ';
    line('}');
  }
  if (countdownSlot >= 0) {
    const steps = eq.refractory && 'steps' in eq.refractory ? eq.refractory.steps : 0;
    line(`img[${slot(countdownSlot)}] = bitcast<u32>(select(select(0, ${steps}, spike), countdown - 1, held));`);
  }
  eq.states.forEach((_, k) => line(`set_fw(${slot(k)}, x${k});`));
  line('if (n.i < img[n.rec + P_N]) {');
  line('  if (spike) { mark_spike(n.i); }');
  // Divergence: the first step at which a real neuron's variable is NaN or infinite (every thread of that step writes the same value).
  const finite = eq.states.map((_, k) => `is_finite_f32(x${k})`).join(' && ');
  line(`  if (!(${finite}) && img[n.coef + CE_DIVERGED] == 0u) { img[n.coef + CE_DIVERGED] = step + 1u; }`);
  line('}');
  return [
    `// The update of equation population ${population}, generated by ts/equations/wgsl/generate.ts.`,
    '@compute @workgroup_size(64)',
    'fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {',
    ...lines,
    '}',
  ].join('\n');
}
