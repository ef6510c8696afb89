// The spikewasm command (the built dist/hosts/cli.js) run as a user runs it: its exit code and
// both streams, whether it succeeds or not.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const cli = new URL('../../dist/hosts/cli.js', import.meta.url).pathname;

export interface Outcome { code: number; stdout: string; stderr: string }

export async function spikewasm(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [cli, ...args], { maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const { code, stdout, stderr } = e as Outcome;
    return { code, stdout, stderr };
  }
}
