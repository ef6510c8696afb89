// Edge lists of all cells: one row per (source, target, count, chemical | electrical), as Cook
// et al. 2019 and White et al. 1986 (re-annotated) are published. They name muscles and other
// cells beside neurons, and give no transmitters. Kept: neuron-to-neuron chemical synapses and
// gap junctions, and chemical synapses from neurons onto muscles; every other row (gap
// junctions with muscles, synapses onto the hypodermis, from muscles, between glia) is counted
// in `skipped` by the kinds of cell it joins.
import { cellIn } from './cells.js';
import { ConnectomeBuilder, type Connectome } from './connectome.js';
import { choiceCell, countCell, readTable, type TableFile } from './table.js';

/** Where an edge list keeps what: its delimiter and the names of its columns. */
export interface EdgeListLayout {
  /** For the model's description: who published it. */
  source: string;
  delimiter: ',' | '\t';
  pre: string;
  post: string;
  count: string;
  type: string;
}

/** Cook et al. 2019, Nature 571:63, hermaphrodite (c302's herm_full_edgelist.csv; names space padded). */
export const COOK2019: EdgeListLayout = {
  source: 'Cook et al. 2019 (Nature 571:63), hermaphrodite edge list',
  delimiter: ',', pre: 'Source', post: 'Target', count: 'Weight', type: 'Type',
};

/** White et al. 1986, Phil. Trans. R. Soc. B 314:1, as re-annotated in c302's white_1986_whole.csv (tab separated). */
export const WHITE1986: EdgeListLayout = {
  source: 'White et al. 1986 (Phil Trans R Soc B 314:1), whole animal',
  delimiter: '\t', pre: 'pre', post: 'post', count: 'synapses', type: 'type',
};

export function parseEdgeList(file: TableFile, layout: EdgeListLayout): Connectome {
  const builder = new ConnectomeBuilder(`${layout.source}: ${file.name}`);
  for (const row of readTable(file, layout.delimiter, [layout.pre, layout.post, layout.count, layout.type])) {
    const pre = cellIn(row, layout.pre);
    const post = cellIn(row, layout.post);
    const type = choiceCell(row, layout.type, ['chemical', 'electrical']);
    const count = countCell(row, layout.count);
    if (pre.kind === 'neuron') builder.neuron(pre.name);
    if (post.kind === 'neuron') builder.neuron(post.name);
    const neurons = pre.kind === 'neuron' && post.kind === 'neuron';
    if (type === 'chemical' && neurons) builder.addChemical(row, { pre: pre.name, post: post.name, synapses: count });
    else if (type === 'chemical' && pre.kind === 'neuron' && post.kind === 'muscle') builder.addNeuromuscular(row, { neuron: pre.name, muscle: post.name, synapses: count });
    else if (type === 'electrical' && neurons) builder.addGapJunctions(row, pre.name, post.name, count);
    else if (type === 'chemical') builder.skip(`chemical synapse, ${pre.kind} -> ${post.kind}`);
    else builder.skip(`gap junction, ${[pre.kind, post.kind].sort().join(' - ')}`);
  }
  return builder.build();
}
