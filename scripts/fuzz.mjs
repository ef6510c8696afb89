#!/usr/bin/env node
// npm run fuzz -- [--cases N] [--seed S]: a long fuzzing campaign, the properties of
// tests/errors/fuzz.test.ts with N cases each (default 100000). Prints the outcomes per kind and
// per error code ("fuzz model files: success ..., typed E_PARAM ..."); exits non-zero on any
// untyped error, trap, hang or crash, listing the first cases.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, seed: { type: 'string', default: '20261206' } } });
// vitest runs the cases in worker processes of its own: the campaign is a process group, so
// that stopping this script (Ctrl-C, kill) stops the workers too instead of leaving them running.
const child = spawn('npx', ['vitest', 'run', 'tests/errors/fuzz.test.ts', '--reporter=default', '--testTimeout=86400000'], {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: 'inherit',
  detached: true,
  env: { ...process.env, FUZZ_CASES: values.cases, FUZZ_SEED: values.seed },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    process.kill(-child.pid, signal);
    process.exit(1);
  });
}
child.on('exit', (code) => process.exit(code ?? 1));
