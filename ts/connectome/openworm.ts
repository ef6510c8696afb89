// OpenWorm's tables of the hermaphrodite connectome (CElegansNeuronTables.xls, from Varshney et
// al. 2011, as CSV in c302): neuron-to-neuron connections with the presynaptic neuron's
// transmitter, which gives chemical synapses a sign, and, in a second table, motor neurons onto
// muscles. Both name only neurons (and muscles): any other name is an error.
import { shown } from '../errors.js';
import { cellIn } from './cells.js';
import { ConnectomeBuilder, type Connectome } from './connectome.js';
import { choiceCell, countCell, readTable, rowError, type TableFile, type TableRow } from './table.js';

export interface OpenWormTables {
  /** openworm_connectome_neurotransmitters.csv: Origin, Target, Type, Number of Connections, Neurotransmitter. */
  connectome: TableFile;
  /** openworm_neurons_to_muscle.csv: Neuron, Muscle, Number of Connections, Neurotransmitter; none: no muscles. */
  muscles?: TableFile;
}

export function parseOpenWorm(tables: OpenWormTables): Connectome {
  const names = [tables.connectome, ...(tables.muscles ? [tables.muscles] : [])].map((t) => t.name);
  const builder = new ConnectomeBuilder(`OpenWorm (Varshney et al. 2011, PLoS Comput Biol 7:e1001066): ${names.join(', ')}`);
  const columns = ['Origin', 'Target', 'Type', 'Number of Connections', 'Neurotransmitter'];
  for (const row of readTable(tables.connectome, ',', columns)) {
    const pre = neuronIn(row, 'Origin');
    const post = neuronIn(row, 'Target');
    const type = choiceCell(row, 'Type', ['Send', 'GapJunction']);
    const count = countCell(row, 'Number of Connections');
    if (type === 'GapJunction') builder.addGapJunctions(row, pre, post, count);
    else builder.addChemical(row, { pre, post, synapses: count, ...transmitterIn(row) });
  }
  if (tables.muscles) {
    for (const row of readTable(tables.muscles, ',', ['Neuron', 'Muscle', 'Number of Connections', 'Neurotransmitter'])) {
      const muscle = cellIn(row, 'Muscle');
      if (muscle.kind !== 'muscle') rowError(row, `column "Muscle": ${shown(muscle.name)} is a ${muscle.kind}, not a muscle`);
      builder.addNeuromuscular(row, { neuron: neuronIn(row, 'Neuron'), muscle: muscle.name, synapses: countCell(row, 'Number of Connections'), ...transmitterIn(row) });
    }
  }
  return builder.build();
}

function neuronIn(row: TableRow, column: string): string {
  const cell = cellIn(row, column);
  if (cell.kind !== 'neuron') rowError(row, `column ${shown(column)}: ${shown(cell.name)} is a ${cell.kind}, not a neuron`);
  return cell.name;
}

/**
 * The transmitter, spelt one way: the muscle table writes 'Serotonin, Acetylcholine' where the
 * connectome table writes 'Serotonin_Acetylcholine'. An empty cell gives none.
 */
function transmitterIn(row: TableRow): { transmitter?: string } {
  const parts = row.cells['Neurotransmitter']!.split(/\s*[,_]\s*/).filter((p) => p !== '');
  return parts.length > 0 ? { transmitter: parts.join('_') } : {};
}
