// npm run import:accounts -- konton.csv [--cases ärenden.csv] [--dry-run] [--skip-bad-lines]
// Moves accounts (and their earlier cases) in from an earlier customer portal and prints the report:
// what was created, changed and left as it was, and every rejected line with its reason. The format of
// the files is in the README ("Flytta in från en tidigare kundportal").
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { readAccountCsv, readCaseCsv } from '../services/account-import-csv.js';
import { type ImportReport, type LineReport, importEarlierAccounts } from '../services/account-import.js';

const USAGE = `Användning:
  npm run import:accounts -- konton.csv [--cases ärenden.csv] [--dry-run] [--skip-bad-lines]

  --dry-run          Visa vad importen skulle göra, utan att spara något.
  --skip-bad-lines   Importera de korrekta raderna även om andra rader har fel.
  --cases FIL        En fil med tidigare ärenden, som flyttas in avslutade.`;

const OUTCOME = { created: 'ny', updated: 'ändras', unchanged: 'oförändrad', rejected: 'FEL' } as const;

const FILE_NAMES = { accounts: 'konton', cases: 'ärenden' } as const;

function lineText(l: LineReport): string {
  const details = [...(l.changes.length > 0 ? [`ändrat: ${l.changes.join(', ')}`] : []), ...l.reasons];
  return `  ${FILE_NAMES[l.file]} rad ${l.line}: ${OUTCOME[l.outcome]}${l.key ? ` (${l.key})` : ''}${details.length > 0 ? ` – ${details.join('; ')}` : ''}`;
}

/** The report as people read it: the summary, then every line that is not left as it was. */
function reportText(r: ImportReport): string {
  const lines = r.lines.filter((l) => l.outcome !== 'unchanged' || l.reasons.length > 0);
  return [r.summary, ...(lines.length > 0 ? ['', 'Rader:', ...lines.map(lineText)] : [])].join('\n');
}

/** Runs the command; returns the exit code (0 done, 1 nothing imported because of bad lines, 2 wrong use). */
export async function main(argv: string[], databaseUrl: string, print: (s: string) => void = console.log): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { cases: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'skip-bad-lines': { type: 'boolean', default: false } },
    });
  } catch (err) {
    print(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    print(USAGE);
    return 2;
  }
  const read = async (file: string, reader: typeof readAccountCsv) => {
    try {
      return reader(await readFile(file, 'utf8'));
    } catch (err) {
      return { ok: false as const, message: `Filen ${file} går inte att läsa: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
  };
  const accounts = await read(positionals[0]!, readAccountCsv);
  const cases = values.cases === undefined ? undefined : await read(values.cases, readCaseCsv);
  for (const file of [accounts, cases]) {
    if (file && !file.ok) {
      print(file.message);
      return 2;
    }
  }
  const db = createDb(databaseUrl, { max: 1 });
  try {
    const report = await importEarlierAccounts(
      db,
      { accounts: accounts.ok ? accounts.lines : [], cases: cases?.ok ? cases.lines : undefined },
      { dryRun: values['dry-run'], skipBadLines: values['skip-bad-lines'] },
    );
    print(reportText(report));
    return report.written || report.dryRun ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), loadConfig().DATABASE_URL);
}
