// A NIR file's graph, checked and flattened: every node with its type and parameters, nested
// NIRGraphs (how recurrent layers are stored) opened into dotted names, and each edge between
// two such nodes. A file's flaws are repaired where only one reading is possible, with a
// warning; everything else is refused naming the node and the field.
import { fail, shown } from '../errors.js';
import { isArray, type NirArray, type NirGroup } from './hdf5.js';

/** The node types spikewasm reads, with the parameters each requires and may carry. */
const NODE_FIELDS: Record<string, { required: string[]; optional: string[] }> = {
  Input: { required: ['shape'], optional: [] },
  Output: { required: ['shape'], optional: [] },
  Affine: { required: ['weight', 'bias'], optional: [] },
  Linear: { required: ['weight'], optional: [] },
  Scale: { required: ['scale'], optional: [] },
  Flatten: { required: ['start_dim', 'end_dim'], optional: [] },
  Delay: { required: ['delay'], optional: [] },
  Threshold: { required: ['threshold'], optional: [] },
  LIF: { required: ['tau', 'r', 'v_leak', 'v_threshold'], optional: ['v_reset'] },
  CubaLIF: { required: ['tau_syn', 'tau_mem', 'r', 'v_leak', 'v_threshold'], optional: ['w_in', 'v_reset'] },
  IF: { required: ['r', 'v_threshold'], optional: ['v_reset'] },
  LI: { required: ['tau', 'r', 'v_leak'], optional: [] },
  CubaLI: { required: ['tau_syn', 'tau_mem', 'r', 'v_leak'], optional: ['w_in'] },
  I: { required: ['r'], optional: [] },
  Conv1d: { required: ['weight', 'stride', 'padding', 'dilation', 'groups', 'bias', 'input_shape'], optional: [] },
  Conv2d: { required: ['weight', 'stride', 'padding', 'dilation', 'groups', 'bias', 'input_shape'], optional: [] },
  SumPool2d: { required: ['kernel_size', 'stride', 'padding'], optional: [] },
  AvgPool2d: { required: ['kernel_size', 'stride', 'padding'], optional: [] },
};

/**
 * Fields any node may carry that do not change what it computes: the shapes of its ports (NIR
 * 0.2 writes them for Flatten, NIR ≥ 1.0 for every node) are found from the graph instead.
 */
const DESCRIPTIVE_FIELDS = ['input_type', 'output_type', 'metadata'];

export const NODE_TYPES = Object.keys(NODE_FIELDS);

/** The parameters a node type requires and may carry. */
export function nodeFields(type: string): { required: readonly string[]; optional: readonly string[] } | undefined {
  return NODE_FIELDS[type];
}

export interface NirNode {
  /** Dotted for nodes of nested graphs: `lif1.w_rec`. */
  readonly name: string;
  readonly type: string;
  readonly params: Readonly<Record<string, NirArray>>;
  /** Where the node is in the file, for errors: `nodes/lif1/nodes/w_rec`. */
  readonly path: string;
  /** An Input or Output node of a nested graph: it passes its values on unchanged. */
  readonly inner?: boolean;
}

export interface NirGraph {
  readonly version: string;
  readonly nodes: ReadonlyMap<string, NirNode>;
  readonly edges: readonly (readonly [string, string])[];
  readonly warnings: readonly string[];
}

/** The root of a NIR file's tree (as readHdf5 gives it), flattened. */
export function nirGraph(file: NirGroup, where: string): NirGraph {
  const version = isArray(file.version) ? String(file.version.values[0]) : fail('E_FORMAT', `${where}:version`, 'is missing: not a NIR file');
  const root = file.node;
  if (root === undefined || isArray(root)) return fail('E_FORMAT', `${where}:node`, 'is missing: not a NIR file');
  if (typeString(root, `${where}:node`) !== 'NIRGraph') fail('E_FORMAT', `${where}:node`, 'must be a NIRGraph');
  const nodes = new Map<string, NirNode>();
  const edges: [string, string][] = [];
  const warnings: string[] = [];
  openGraph(root, '', 'node', nodes, edges, warnings);
  return { version, nodes, edges, warnings };
}

/** The graph's nodes and edges into `nodes`/`edges` with `prefix`; returns its ports (for a nested graph). */
function openGraph(group: NirGroup, prefix: string, path: string, nodes: Map<string, NirNode>, edges: [string, string][], warnings: string[]): { inputs: string[]; outputs: string[] } {
  const inner = prefix !== '';
  const children = group.nodes;
  if (children === undefined || isArray(children)) return fail('E_FORMAT', `${path}/nodes`, 'is missing: a NIRGraph needs its nodes');
  const local = new Map<string, string>(); // name in this graph -> flattened name of what an edge into it reaches
  const outOf = new Map<string, string>(); //  name in this graph -> flattened name of what an edge out of it leaves
  const inputs: string[] = [];
  const outputs: string[] = [];
  for (const [name, child] of Object.entries(children)) {
    const childPath = `${path}/nodes/${name}`;
    if (isArray(child)) fail('E_FORMAT', childPath, 'must be a group (a node)');
    const type = typeString(child, childPath);
    const flat = prefix + name;
    if (type === 'NIRGraph') {
      const ports = openGraph(child, `${flat}.`, childPath, nodes, edges, warnings);
      local.set(name, onlyPort(ports.inputs, childPath, 'Input'));
      outOf.set(name, onlyPort(ports.outputs, childPath, 'Output'));
      continue;
    }
    if (nodes.has(flat)) fail('E_FORMAT', childPath, `is named ${shown(flat)} once nested graphs are opened, as another node is`);
    nodes.set(flat, node(child, type, flat, childPath, inner && (type === 'Input' || type === 'Output')));
    local.set(name, flat);
    outOf.set(name, flat);
    if (type === 'Input') inputs.push(flat);
    if (type === 'Output') outputs.push(flat);
  }
  const list = edgeList(group, `${path}/edges`);
  repairEdgeNames(list, new Set(local.keys()), children, path, warnings);
  for (const [i, [from, to]] of list.entries()) {
    const a = outOf.get(from) ?? fail('E_FORMAT', `${path}/edges[${i}]`, `names ${shown(from)}, which is no node of this graph`);
    const b = local.get(to) ?? fail('E_FORMAT', `${path}/edges[${i}]`, `names ${shown(to)}, which is no node of this graph`);
    edges.push([a, b]);
  }
  return { inputs, outputs };
}

function onlyPort(ports: string[], path: string, type: string): string {
  if (ports.length !== 1) fail('E_MODEL', path, `a nested graph needs exactly one ${type} node to be joined to the graph around it (it has ${ports.length})`);
  return ports[0]!;
}

/**
 * NIR's nested Braille files name the inner neuron node `lif1` while the inner edges say `lif`.
 * An edge endpoint naming no node is read as the one node that no edge names, when there is
 * exactly one of each; with more candidates the file is refused by the caller.
 */
function repairEdgeNames(list: [string, string][], names: Set<string>, children: NirGroup, path: string, warnings: string[]): void {
  const unknown = new Set(list.flat().filter((n) => !names.has(n)));
  if (unknown.size !== 1) return;
  const named = new Set(list.flat());
  const unnamed = [...names].filter((n) => !named.has(n) && typeString(children[n] as NirGroup, '') !== 'Input' && typeString(children[n] as NirGroup, '') !== 'Output');
  if (unnamed.length !== 1) return;
  const [wrong] = unknown;
  const right = unnamed[0]!;
  for (const edge of list) for (const k of [0, 1] as const) if (edge[k] === wrong) edge[k] = right;
  warnings.push(`${path}/edges: name ${shown(wrong)}, which is no node; read as ${shown(right)}, the only node no edge names`);
}

function edgeList(group: NirGroup, path: string): [string, string][] {
  const e = group.edges;
  if (!isArray(e)) return fail('E_FORMAT', path, 'is missing: a NIRGraph needs its edges');
  const values = e.values;
  if (values.length === 0) return [];
  if (e.shape.length !== 2 || e.shape[1] !== 2 || !values.every((v) => typeof v === 'string')) fail('E_FORMAT', path, `must be an (E, 2) table of node names (got shape [${e.shape.join(', ')}])`);
  const out: [string, string][] = [];
  for (let i = 0; i < values.length; i += 2) out.push([values[i] as string, values[i + 1] as string]);
  return out;
}

function typeString(group: NirGroup, path: string): string {
  const t = group.type;
  if (!isArray(t) || typeof t.values[0] !== 'string') return fail('E_FORMAT', `${path}/type`, 'is missing: every NIR node names its type');
  return t.values[0];
}

function node(group: NirGroup, type: string, name: string, path: string, inner: boolean): NirNode {
  const fields = NODE_FIELDS[type] ?? fail('E_MODEL', `${path}/type`, `${shown(type)} is not a node type spikewasm imports (${NODE_TYPES.join(', ')}, NIRGraph)`);
  const params: Record<string, NirArray> = {};
  for (const [key, value] of Object.entries(group)) {
    if (key === 'type' || DESCRIPTIVE_FIELDS.includes(key)) continue;
    if (!fields.required.includes(key) && !fields.optional.includes(key)) {
      fail('E_MODEL', `${path}/${key}`, `is not a parameter of ${type} (${[...fields.required, ...fields.optional].join(', ')})`);
    }
    if (!isArray(value)) fail('E_FORMAT', `${path}/${key}`, 'must be a dataset');
    if (!value.values.every((v) => typeof v === 'number' && Number.isFinite(v))) fail('E_FORMAT', `${path}/${key}`, 'must hold finite numbers');
    params[key] = value;
  }
  for (const key of fields.required) if (!(key in params)) fail('E_FORMAT', `${path}/${key}`, `is missing: ${type} needs ${fields.required.join(', ')}`);
  return inner ? { name, type, params, path, inner } : { name, type, params, path };
}
