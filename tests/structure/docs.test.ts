// Every ```ts and ```js block of README.md and docs/guide.md is a program: each one is type-checked
// against the built package's declarations and run with Node, importing 'spikewasm' as a user
// does (the package resolves itself through its "exports"), so the docs cannot drift from the code.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = new URL('../../', import.meta.url);
const scratch = new URL('tmp/docs-blocks/', root); // inside the package, so 'spikewasm' resolves to it

interface Block { name: string; code: string }

function blocks(doc: string): Block[] {
  const text = readFileSync(new URL(doc, root), 'utf8');
  const found = [...text.matchAll(/^```(ts|typescript|js|javascript)\n([\s\S]*?)^```$/gm)];
  return found.map((m, k) => {
    const line = text.slice(0, m.index).split('\n').length;
    return { name: `${doc.replace(/\W/g, '-')}-${k + 1}-line${line}`, code: m[2]! };
  });
}

const docs = ['README.md', 'docs/guide.md'];
const all = docs.flatMap((d) => blocks(d).map((b) => ({ ...b, doc: d })));

describe('code blocks in the docs', () => {
  it('README.md and docs/guide.md have code blocks to check', () => {
    for (const d of docs) expect(all.filter((b) => b.doc === d).length).toBeGreaterThan(0);
    expect(all.filter((b) => b.doc === 'docs/guide.md').length).toBeGreaterThanOrEqual(6);
  });

  it('type-check against the published declarations', () => {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    const files = all.map((b) => {
      const path = new URL(`${b.name}.mts`, scratch).pathname;
      writeFileSync(path, b.code);
      return path;
    });
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.split('/').pop()}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });

  it.each(all.map((b) => [b.name, b] as const))('%s runs', async (_, b) => {
    mkdirSync(scratch, { recursive: true });
    const js = ts.transpileModule(b.code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    const path = new URL(`${b.name}.mjs`, scratch).pathname;
    writeFileSync(path, js);
    const { stderr } = await exec(process.execPath, [path], { cwd: root.pathname });
    expect(stderr).toBe('');
  });
});
