// Reads the CSV files of an import from an earlier customer portal into lines by column name, for
// services/account-import.ts. Excel in Swedish writes ';' between fields, other tools ','; the header
// line tells which. A file that cannot be read as a whole (an unknown or missing column, a quote never
// closed) is refused with one message; a line with a problem of its own is left to the import's report.
import { parse } from 'csv-parse/sync';
import { ACCOUNT_COLUMNS, CASE_COLUMNS, type ImportLine, REQUIRED_ACCOUNT_COLUMNS, REQUIRED_CASE_COLUMNS } from '../domain/account-import.js';

export type CsvRead = { ok: true; lines: ImportLine[] } | { ok: false; message: string };

/** Header names as people write them: any case, spaces around, "E-postadress" for "e-post". */
function columnName(header: string): string {
  const name = header.trim().toLowerCase().replace(/\s+/g, ' ');
  return name === 'e-postadress' || name === 'epost' ? 'e-post' : name;
}

/** The field separator of the header line: ';', tab or ','. */
function separatorOf(text: string): string {
  const header = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const count = (c: string) => header.split(c).length - 1;
  return [';', '\t', ','].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

interface Parsed {
  record: string[];
  info: { lines: number; empty_lines: number };
}

function readCsv(text: string, kind: 'konton' | 'ärenden', columns: Record<string, string>, required: readonly string[]): CsvRead {
  // One line ending throughout: a file mixing them would otherwise stop at the first change.
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!normalised.trim()) return { ok: false, message: `Filen med ${kind} är tom.` };
  let records: Parsed[];
  try {
    records = parse(normalised, { delimiter: separatorOf(normalised), info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as Parsed[];
  } catch (err) {
    const at = (err as { lines?: number }).lines;
    return { ok: false, message: `Filen med ${kind} går inte att läsa som CSV${at ? ` (rad ${at})` : ''}: kontrollera citattecknen.` };
  }
  const [header, ...rows] = records;
  if (!header) return { ok: false, message: `Filen med ${kind} är tom.` };
  const names = header.record.map(columnName);
  const unknown = names.filter((n) => !(n in columns));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `Okänd kolumn i filen med ${kind}: ${unknown.map((n) => `"${n}"`).join(', ')}. Kolumnerna som går att använda är: ${Object.keys(columns).join(', ')}.`,
    };
  }
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) return { ok: false, message: `Kolumnen "${twice[0]}" finns två gånger i filen med ${kind}.` };
  const missing = required.filter((n) => !names.includes(n));
  if (missing.length > 0) return { ok: false, message: `Filen med ${kind} saknar kolumnen ${missing.map((n) => `"${n}"`).join(', ')}.` };

  let previousEnd = header.info.lines;
  let previousEmpty = header.info.empty_lines;
  const lines = rows.map(({ record, info }) => {
    // The parser tells where a record ends; it starts after the one before and any empty lines between.
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    const values: Record<string, string> = {};
    names.forEach((n, i) => (values[n] = record[i] ?? ''));
    // More fields than the header has columns: nowhere to put them, so the import refuses the line.
    return record.length > names.length ? { line, values, fieldCount: record.length } : { line, values };
  });
  return { ok: true, lines };
}

export const readAccountCsv = (text: string) => readCsv(text, 'konton', ACCOUNT_COLUMNS, REQUIRED_ACCOUNT_COLUMNS);
export const readCaseCsv = (text: string) => readCsv(text, 'ärenden', CASE_COLUMNS, REQUIRED_CASE_COLUMNS);
