// Python with a given module, for the tests that read files spikewasm writes with Python's own
// readers (Debian's python3-h5py, installed by .ci/run). Debian's interpreter first: another
// python3 on the PATH (pyenv) may lack Debian's modules.
import { execFileSync } from 'node:child_process';

/** The interpreter that imports `module`, or why none does. */
export function pythonWith(module: string): { python: string; missing: false } | { python: ''; missing: string } {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(python, ['-c', `import ${module}`], { stdio: 'ignore' });
      return { python, missing: false };
    } catch {
      // not this one
    }
  }
  return { python: '', missing: `no python3 imports ${module} (apt-get install python3-${module})` };
}
