// Node, Deno and Bun run the probe as a command in the scratch folder, each through its npm
// package's binary; a host that cannot start fails with its own error output.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repo } from './scratch.js';
import { unwrap, type HostResults } from './results.js';

const run = promisify(execFile);
const bin = (name: string) => join(repo, 'node_modules/.bin', name);

/** Each runtime's executable and the arguments that go before a script. */
export const commands: Record<string, [string, string[]]> = {
  Node: [process.execPath, []],
  Deno: [bin('deno'), ['run', '--allow-read']],
  Bun: [bin('bun'), []],
};

export async function runCommandHost(host: string, dir: string): Promise<HostResults> {
  return unwrap(host, JSON.parse(await output(host, dir, 'run-probe.mjs')));
}

/** The module `import 'spikewasm'` loads in this runtime. */
export async function resolvedEntry(host: string, dir: string): Promise<string> {
  return output(host, dir, 'resolve.mjs');
}

/** The last line a fixture script prints when this runtime runs it. */
async function output(host: string, dir: string, script: string): Promise<string> {
  const [file, args] = commands[host]!;
  let stdout: string;
  try {
    ({ stdout } = await run(file, [...args, script], { cwd: dir, timeout: 180_000, maxBuffer: 1 << 26, env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } }));
  } catch (e) {
    const { message, stderr } = e as { message: string; stderr?: string };
    throw new Error(`${host} could not run ${script}: ${message}\n${stderr ?? ''}`);
  }
  return stdout.trim().split('\n').pop()!;
}
