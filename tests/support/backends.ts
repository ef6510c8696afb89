// One suite over every backend (after tfjs's describeWithFlags): a suite says what it needs
// and runs once per backend that has it.
// - wasm and reference compute the same bits (the reference is the wasm kernel's twin);
//   `exact` suites (bit-exact comparisons, pinned hashes) run on those two only.
// - webgpu runs where an adapter exists (Node's `webgpu` package on Chromium's SwiftShader
//   Vulkan driver, which .ci/run installs; under CI a missing adapter fails, elsewhere the
//   suite is skipped and the run's summary says so). Its f32 arithmetic and fixed-point rings
//   agree with wasm within the tolerances of docs/webgpu.md, so a suite checks it against its
//   closed forms with `tolerance` where it checks the other two exactly.
import { existsSync } from 'node:fs';
import { describe } from 'vitest';
import { createSimulator, type Simulator } from '../../hosts/node.js';
import { available } from './requirements.js';

export type BackendName = 'wasm' | 'reference' | 'webgpu';

export interface TestBackend {
  name: BackendName;
  /** Whether it computes wasm's bits. */
  exact: boolean;
  /** Why it cannot run here (its suites are registered as skipped, so the summary lists them), or false. */
  missing: string | false;
  simulator(): Promise<Simulator>;
}

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
const sims = new Map<BackendName, Promise<Simulator>>();

/** One simulator per backend for the whole test file. */
export function simulatorOf(name: BackendName): Promise<Simulator> {
  if (!sims.has(name)) {
    // The Vulkan loader reads this when Dawn first asks for an instance, so setting it here works.
    if (name === 'webgpu' && !process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER)) process.env.VK_ICD_FILENAMES = SWIFTSHADER;
    sims.set(name, createSimulator({ backend: name }));
  }
  return sims.get(name)!;
}

let webgpu: Promise<string | false> | undefined;

/** Why webgpu cannot run here (false: it can). Where SwiftShader is installed, a failure to open it is an error, not a reason. */
export function webgpuMissing(): Promise<string | false> {
  webgpu ??= simulatorOf('webgpu').then(() => false as const, (e: Error) => {
    if (existsSync(SWIFTSHADER)) throw e;
    return `no WebGPU adapter (${e.message})`;
  });
  return webgpu;
}

const backend = (name: BackendName, missing: string | false = false): TestBackend => ({ name, exact: name !== 'webgpu', missing, simulator: () => simulatorOf(name) });

/** The backends a suite with these needs runs on here (a top-level await in a test file). */
export async function backendsFor(needs: { exact?: boolean } = {}): Promise<TestBackend[]> {
  const list = [backend('wasm'), backend('reference')];
  if (needs.exact) return list;
  const missing = await webgpuMissing();
  list.push(backend('webgpu', available('webgpu (software adapter) in the suites over every backend', missing) ? false : missing));
  return list;
}

/** `describe(title (backend))` once per backend in `backends`; skipped, with the reason in its title, where the backend is missing. */
export function describeBackends(title: string, backends: TestBackend[], suite: (backend: TestBackend) => void): void {
  for (const b of backends) {
    if (b.missing) describe.skip(`${title} (${b.name}: ${b.missing})`, () => suite(b));
    else describe(`${title} (${b.name})`, () => suite(b));
  }
}
