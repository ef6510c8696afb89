// The table formats a connectome is read from, by the names the command line and the API use.
import { fail, shown } from '../errors.js';
import type { Connectome } from './connectome.js';
import { COOK2019, parseEdgeList, WHITE1986 } from './edge-list.js';
import { parseOpenWorm } from './openworm.js';
import type { TableFile } from './table.js';

export const CONNECTOME_FORMATS = ['openworm', 'cook2019', 'white1986'] as const;

export type ConnectomeFormat = (typeof CONNECTOME_FORMATS)[number];

export function isConnectomeFormat(format: unknown): format is ConnectomeFormat {
  return (CONNECTOME_FORMATS as readonly unknown[]).includes(format);
}

/**
 * Reads a connectome table. `muscleTable` is OpenWorm's second table (neurons onto muscles);
 * the other formats list their neuromuscular synapses in the one table.
 */
export function parseConnectome(format: string, table: TableFile, muscleTable?: TableFile): Connectome {
  if (!isConnectomeFormat(format)) return fail('E_PARAM', 'format', `must be ${CONNECTOME_FORMATS.join(', ')} (got ${shown(format)})`);
  if (format === 'openworm') return parseOpenWorm({ connectome: table, ...(muscleTable ? { muscles: muscleTable } : {}) });
  if (muscleTable) fail('E_PARAM', 'muscleTable', `is OpenWorm's second table: a ${format} table lists its neuromuscular synapses itself`);
  return parseEdgeList(table, format === 'cook2019' ? COOK2019 : WHITE1986);
}
