// The source tree's layers point one way (tests/support/layers.ts has the table): the typed error at the
// ground, then model, layout, io and backends, api, the core's entry, and the hosts on top.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, LAYERS, layerOf, upwardImports, type ImportGraph } from '../support/layers.js';

const graph = importGraph('.');

describe('layers', () => {
  it('every layer path exists, and every source file lies in a layer', () => {
    for (const path of LAYERS.flatMap((l) => l.paths)) expect(existsSync(path), path).toBe(true);
    expect(graph.size).toBeGreaterThan(80);
    expect([...graph.keys()].filter((f) => !layerOf(f))).toEqual([]);
  });

  it('no file imports from a higher layer or a sibling layer of the same rank', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('no files import each other, directly or round a cycle (type-only imports included)', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('model, layout and backends import nothing from api', () => {
    const below = [...graph].filter(([f]) => /^ts\/(model|layout|backends)\//.test(f));
    expect(below.length).toBeGreaterThan(40);
    expect(below.flatMap(([f, targets]) => targets.filter((t) => t.startsWith('ts/api/')).map((t) => `${f} -> ${t}`))).toEqual([]);
  });

  it('the checks find an upward import, a sibling import and a cycle when there is one', () => {
    const planted: ImportGraph = new Map([
      ['ts/model/params.ts', ['ts/api/network.ts']],
      ['ts/io/snapshot.ts', ['ts/backends/registry.ts']],
      ['ts/api/network.ts', ['ts/api/stream.ts']],
      ['ts/api/stream.ts', ['ts/api/runner.ts']],
      ['ts/api/runner.ts', ['ts/api/network.ts']],
      ['ts/backends/registry.ts', []],
    ]);
    expect(upwardImports(planted)).toEqual([
      'ts/model/params.ts (model) -> ts/api/network.ts (api)',
      'ts/io/snapshot.ts (io) -> ts/backends/registry.ts (backends)',
    ]);
    expect(importCycles(planted)).toEqual([['ts/api/network.ts', 'ts/api/runner.ts', 'ts/api/stream.ts']]);
  });
});
