// The layers of the source tree, and a check that imports point one way: down the table below
// or within a layer, and never round in a cycle among files (type-only imports count too, so
// the types read the same way as the code).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

/**
 * Lowest first. A file may import files of its own layer and of layers with a lower rank; layers
 * that share a rank (io, backends and connectome) may not import each other.
 */
export const LAYERS: { name: string; rank: number; paths: string[] }[] = [
  { name: 'ground', rank: 0, paths: ['ts/errors.ts', 'assembly/abi.ts', 'assembly/snapshot-layout.ts'] },
  { name: 'model', rank: 1, paths: ['ts/model/', 'ts/equations/'] },
  { name: 'layout', rank: 2, paths: ['ts/layout/'] },
  { name: 'io', rank: 3, paths: ['ts/io/'] },
  { name: 'backends', rank: 3, paths: ['ts/backends/'] },
  { name: 'connectome', rank: 3, paths: ['ts/connectome/'] },
  { name: 'nir', rank: 4, paths: ['ts/nir/'] },
  { name: 'pynn', rank: 4, paths: ['ts/pynn/'] },
  { name: 'api', rank: 5, paths: ['ts/api/'] },
  { name: 'core entry', rank: 6, paths: ['ts/index.ts'] },
  { name: 'hosts', rank: 7, paths: ['hosts/'] },
];

/** Relative imports between TypeScript files, by repository path: file -> imported files. */
export type ImportGraph = Map<string, string[]>;

export function layerOf(file: string): (typeof LAYERS)[number] | undefined {
  return LAYERS.find((l) => l.paths.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)));
}

/** Every .ts file (not .d.ts) under the layers' folders, with the TypeScript files it imports. */
export function importGraph(root: string): ImportGraph {
  const files = LAYERS.flatMap((l) => l.paths).flatMap((p) => (p.endsWith('/') ? walk(root, p) : [p]));
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((spec) => spec.startsWith('.') && spec.endsWith('.js'))
      .map((spec) => normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts'));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

function walk(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}${e.name}`;
    if (e.isDirectory()) return walk(root, `${path}/`);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [relative('.', path)] : [];
  });
}

/** Imports that point up the table, or across to another layer of the same rank, or out of every layer. */
export function upwardImports(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file)!;
    for (const target of targets) {
      const to = layerOf(target);
      if (!to) found.push(`${file} -> ${target} (outside every layer)`);
      else if (to !== from && to.rank >= from.rank) found.push(`${file} (${from.name}) -> ${target} (${to.name})`);
    }
  }
  return found;
}

/** Groups of files that import each other, directly or round a longer path (Tarjan's algorithm). */
export function importCycles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
