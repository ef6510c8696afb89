// Delimited text tables (CSV, TSV) as connectome files write them: a header line naming the
// columns, then one record per line. The files come from users, so nothing in them is trusted:
// every problem is an E_FORMAT error naming the file, the line and what is wrong, never a crash
// or a silently misread value.
import { fail, shown } from '../errors.js';

/** A table as read: its name (for error messages, e.g. the path) and its text. */
export interface TableFile {
  name: string;
  text: string;
}

/** One record: where it is, and its cells (trimmed) by column name. */
export interface TableRow {
  file: string;
  /** 1-based line in the file. */
  line: number;
  cells: Record<string, string>;
}

/** Refuses the row: an E_FORMAT error whose path is `file:line`. */
export function rowError(row: { file: string; line: number }, message: string): never {
  return fail('E_FORMAT', `${row.file}:${row.line}`, message);
}

/**
 * The records of a table whose header names at least `columns` (in any order; other columns
 * are ignored). Blank lines are skipped; a record must have as many cells as the header. Cells
 * may be quoted as in RFC 4180 ("a, b" with "" for a quote), as OpenWorm's muscle table is.
 */
export function readTable(file: TableFile, delimiter: ',' | '\t', columns: readonly string[]): TableRow[] {
  const lines = file.text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerLine = lines.findIndex((l) => l.trim() !== '');
  const tableName = delimiter === ',' ? 'a comma-separated table' : 'a tab-separated table';
  if (headerLine < 0) rowError({ file: file.name, line: 1 }, `is empty: ${tableName} starts with a header line naming its columns (${columns.join(', ')})`);
  const header = splitRecord({ file: file.name, line: headerLine + 1 }, lines[headerLine]!, delimiter);
  const at = columns.map((name) => {
    const k = header.indexOf(name);
    if (k < 0) rowError({ file: file.name, line: headerLine + 1 }, `has no column ${shown(name)} (its columns: ${header.map((h) => shown(h)).join(', ')}; is it ${tableName}?)`);
    return k;
  });
  const rows: TableRow[] = [];
  for (let i = headerLine + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const where = { file: file.name, line: i + 1 };
    const record = splitRecord(where, lines[i]!, delimiter);
    if (record.length !== header.length) rowError(where, `has ${record.length} cells where the header names ${header.length} columns`);
    rows.push({ ...where, cells: Object.fromEntries(columns.map((name, c) => [name, record[at[c]!]!])) });
  }
  return rows;
}

/** A record's cells, trimmed; a quote anywhere but around a whole cell is an error. */
function splitRecord(where: { file: string; line: number }, text: string, delimiter: ',' | '\t'): string[] {
  // A cell: spaces, then a quoted string (with "" for a quote) or text without quotes or delimiters, then a delimiter or the end.
  const cell = new RegExp(` *(?:"((?:[^"]|"")*)" *|([^"${delimiter}]*))(${delimiter}|$)`, 'y');
  const cells: string[] = [];
  for (;;) {
    const start = cell.lastIndex;
    const m = cell.exec(text);
    if (!m) rowError(where, `a quote that does not enclose a whole cell, in ${shown(text.slice(start))}`);
    cells.push(m[1] !== undefined ? m[1].replaceAll('""', '"').trim() : m[2]!.trim());
    if (m[3] === '') return cells;
  }
}

/** A cell holding a whole number of synapses (or junctions): 1 or more. */
export function countCell(row: TableRow, column: string): number {
  const text = row.cells[column]!;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && Number.isSafeInteger(n))) rowError(row, `column ${shown(column)} must be a whole number >= 1 (got ${shown(text)})`);
  return n;
}

/** A cell that must hold one of `choices`. */
export function choiceCell<T extends string>(row: TableRow, column: string, choices: readonly T[]): T {
  const text = row.cells[column]!;
  if (!(choices as readonly string[]).includes(text)) rowError(row, `column ${shown(column)} must be ${choices.map((c) => shown(c)).join(' or ')} (got ${shown(text)})`);
  return text as T;
}
