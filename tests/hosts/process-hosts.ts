// Node, Deno and Bun run the probe as a command in the scratch folder, each through its npm
// package's binary; a host that cannot start fails with its own error output.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repo } from './scratch.js';
import { unwrap, type HostResults } from './results.js';

const run = promisify(execFile);
const bin = (name: string) => join(repo, 'node_modules/.bin', name);

export const commands: Record<string, [string, string[]]> = {
  Node: [process.execPath, ['run-probe.mjs']],
  Deno: [bin('deno'), ['run', '--allow-read', 'run-probe.mjs']],
  Bun: [bin('bun'), ['run-probe.mjs']],
};

export async function runCommandHost(host: string, dir: string): Promise<HostResults> {
  const [file, args] = commands[host]!;
  let stdout: string;
  try {
    ({ stdout } = await run(file, args, { cwd: dir, timeout: 180_000, maxBuffer: 1 << 26, env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } }));
  } catch (e) {
    const { message, stderr } = e as { message: string; stderr?: string };
    throw new Error(`${host} could not run the probe: ${message}\n${stderr ?? ''}`);
  }
  return unwrap(host, JSON.parse(stdout.trim().split('\n').pop()!));
}
