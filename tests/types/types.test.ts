// The API's types catch the mistakes a user makes in a population's parameters: tsc compiles
// tests/types/population-params.ts, whose @ts-expect-error lines must each be an error (an
// unused marker is itself an error) and whose other lines must type-check.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;

describe('parameter types', () => {
  it('a misspelt, missing or mistyped parameter fails type-checking; valid ones pass', async () => {
    const tsc = await exec(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tests/types/tsconfig.json'], { cwd: root }).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(tsc.stdout).toBe('');
    expect(tsc.code).toBe(0);
  }, 120_000);
});
