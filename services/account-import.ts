// Moving in from an earlier customer portal: an administrator imports its accounts (and optionally
// their earlier cases) from lines read by services/account-import-csv.ts. Accounts come without
// personnummer and wait for their person to verify them ("Verifiera ditt konto"); earlier cases come
// closed and read-only, with their original numbers and dates, and never get a workflow.
//
// The same file twice changes nothing: an account is keyed on its lower-cased e-mail address, a case on
// its number. The whole import is one transaction: a dry run makes every write and rolls them back, so
// its report is exactly what a real run would do; a real run with a rejected line rolls back too,
// unless the administrator chose to skip bad lines.
import { type Transaction, sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { DB } from '../db/schema.js';
import {
  ACCOUNT_COLUMNS,
  CASE_COLUMNS,
  type ImportLine,
  type ImportedAccount,
  type ImportedCase,
  importedAccountSchema,
  importedCaseSchema,
} from '../domain/account-import.js';
import { swedishErrorMap } from '../domain/problem.js';
import type { z } from 'zod';

export type LineOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface LineReport {
  file: 'accounts' | 'cases';
  line: number;
  /** The e-mail address or case number the line is about, as the file gives it. */
  key: string;
  outcome: LineOutcome;
  /** Why a line is rejected, or a note about one that is not. */
  reasons: string[];
  /** What an updated line changes, by column. */
  changes: string[];
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportReport {
  dryRun: boolean;
  skipBadLines: boolean;
  /** True when the import was written: not a dry run, and no rejected line unless bad lines are skipped. */
  written: boolean;
  accounts: Counts;
  cases: Counts;
  organisationsCreated: number;
  lines: LineReport[];
  /** One sentence in Swedish saying what happened. */
  summary: string;
}

export interface ImportInput {
  accounts: ImportLine[];
  cases?: ImportLine[] | undefined;
}

export interface ImportOptions {
  dryRun: boolean;
  skipBadLines: boolean;
  /** The administrator importing (null from the command line): organisations created are verified by them. */
  staffId?: number | null;
  now?: Date;
}

/** Rolls the transaction back and carries the report out of it. */
class RollBack extends Error {
  constructor(readonly report: ImportReport) {
    super('roll back the import');
  }
}

const zero = (): Counts => ({ created: 0, updated: 0, unchanged: 0, rejected: 0 });

/** A line's problems in Swedish, each once. Every message of the line schemas names its column. */
const reasonsOf = (error: z.ZodError) => [...new Set(error.issues.map((issue) => issue.message))];

/** The values of a line by field name (ACCOUNT_COLUMNS / CASE_COLUMNS map column to field). */
function fieldsOf(l: ImportLine, columns: Record<string, string>) {
  return Object.fromEntries(Object.entries(columns).map(([column, field]) => [field, l.values[column] ?? '']));
}

const tooManyFields = (l: ImportLine, columns: number) =>
  l.fieldCount ? [`Raden har ${l.fieldCount} fält men rubrikraden ${columns}: kontrollera avgränsarna och citattecknen`] : [];

type Parsed<T> = { l: ImportLine; key: string; value?: T; reasons: string[] };

function parseLines<T>(lines: ImportLine[], columns: Record<string, string>, schema: z.ZodType<T>, keyOf: (f: Record<string, string>) => string) {
  return lines.map((l): Parsed<T> => {
    const fields = fieldsOf(l, columns);
    const extra = tooManyFields(l, Object.keys(l.values).length);
    const parsed = schema.safeParse(fields, { error: swedishErrorMap });
    if (!parsed.success) return { l, key: keyOf(fields).trim(), reasons: [...extra, ...reasonsOf(parsed.error)] };
    return extra.length > 0 ? { l, key: keyOf(fields).trim(), reasons: extra } : { l, key: keyOf(fields).trim(), value: parsed.data, reasons: [] };
  });
}

/** Refuses every line after the first with the same key, naming the first. */
function refuseDuplicates<T>(parsed: Parsed<T>[], keyOf: (v: T) => string, what: string) {
  const first = new Map<string, number>();
  for (const p of parsed) {
    if (!p.value) continue;
    const key = keyOf(p.value);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, p.l.line);
    else {
      p.reasons.push(`${what} finns redan på rad ${seen} i filen`);
      delete p.value;
    }
  }
}

const emailKey = (email: string) => email.toLowerCase();

export async function importEarlierAccounts(db: Db, input: ImportInput, options: ImportOptions): Promise<ImportReport> {
  const now = options.now ?? new Date();
  const accounts = parseLines(input.accounts, ACCOUNT_COLUMNS, importedAccountSchema, (f) => f.email ?? '');
  refuseDuplicates(accounts, (a) => emailKey(a.email), 'E-postadressen');
  const cases = parseLines(input.cases ?? [], CASE_COLUMNS, importedCaseSchema(now), (f) => f.caseNumber ?? '');
  refuseDuplicates(cases, (c) => c.caseNumber.caseNumber, 'Ärendenumret');

  try {
    return await db.transaction().execute(async (trx) => {
      // One import at a time: two at once could both create an account for one address.
      await sql`select pg_advisory_xact_lock(hashtext('kundportal:account-import'))`.execute(trx);
      const report: ImportReport = {
        dryRun: options.dryRun,
        skipBadLines: options.skipBadLines,
        written: false,
        accounts: zero(),
        cases: zero(),
        organisationsCreated: 0,
        lines: [],
        summary: '',
      };
      const run: Run = { trx, report, now, staffId: options.staffId ?? null, organisations: new Map(), units: new Map() };
      for (const a of accounts) await record(report, 'accounts', a, a.value && (await importAccount(run, a.value)));
      for (const c of cases) await record(report, 'cases', c, c.value && (await importCase(run, c.value)));

      const rejected = report.accounts.rejected + report.cases.rejected;
      report.written = !options.dryRun && (rejected === 0 || options.skipBadLines);
      report.summary = summaryOf(report, rejected);
      if (!report.written) throw new RollBack(report);
      return report;
    });
  } catch (err) {
    if (err instanceof RollBack) return err.report;
    throw err;
  }
}

type Outcome = { outcome: Exclude<LineOutcome, 'rejected'>; changes?: string[]; note?: string } | { outcome: 'rejected'; reason: string };

async function record<T>(report: ImportReport, file: 'accounts' | 'cases', p: Parsed<T>, result: Outcome | undefined) {
  const outcome = result?.outcome ?? 'rejected';
  const reasons = result === undefined ? p.reasons : result.outcome === 'rejected' ? [result.reason] : result.note ? [result.note] : [];
  report[file][outcome]++;
  report.lines.push({ file, line: p.l.line, key: p.key, outcome, reasons, changes: result?.outcome !== 'rejected' ? (result?.changes ?? []) : [] });
}

function summaryOf(r: ImportReport, rejected: number): string {
  const counts = (c: Counts) => `${c.created} nya, ${c.updated} ändrade, ${c.unchanged} oförändrade`;
  const what = `Konton: ${counts(r.accounts)}. Tidigare ärenden: ${counts(r.cases)}. Nya organisationer: ${r.organisationsCreated}.`;
  const bad = rejected === 1 ? '1 rad har fel' : `${rejected} rader har fel`;
  if (r.dryRun) {
    const then = rejected === 0 ? '' : r.skipBadLines ? ` ${bad} och hoppas över.` : ` ${bad}: rätta dem eller välj att hoppa över felaktiga rader.`;
    return `Provkörning, ingenting har sparats. Så här skulle importen bli: ${what}${then}`;
  }
  if (!r.written) return `Ingenting har importerats: ${bad}. Rätta dem, eller välj att hoppa över felaktiga rader.`;
  return `Importen är klar. ${what}${rejected === 0 ? '' : ` ${bad} och hoppades över.`}`;
}

interface Run {
  trx: Transaction<DB>;
  report: ImportReport;
  now: Date;
  staffId: number | null;
  /** Organisation ids by organisationsnummer and unit ids by organisation and name, as met: a file names few of each. */
  organisations: Map<string, number>;
  units: Map<string, number>;
}

/** The organisation's id, created (verified: it was a customer of the earlier portal) when missing. */
async function organisationFor(run: Run, a: ImportedAccount): Promise<number | string> {
  const known = run.organisations.get(a.organisationsnummer);
  if (known !== undefined) return known;
  const found = await run.trx.selectFrom('organisations').select('id').where('organisationsnummer', '=', a.organisationsnummer).executeTakeFirst();
  if (found) {
    run.organisations.set(a.organisationsnummer, found.id);
    return found.id;
  }
  if (!a.organisationName) {
    return `Organisationen med organisationsnummer ${a.organisationsnummer} finns inte i kundportalen. Ange organisationsnamn så skapas den`;
  }
  // A customer registering the same organisation at this moment wins; its row is then used.
  const created = await run.trx
    .insertInto('organisations')
    .values({ organisationsnummer: a.organisationsnummer, name: a.organisationName, verifiedAt: run.now, verifiedByStaffId: run.staffId })
    .onConflict((oc) => oc.column('organisationsnummer').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (created) run.report.organisationsCreated++;
  const id = created?.id ?? (await run.trx.selectFrom('organisations').select('id').where('organisationsnummer', '=', a.organisationsnummer).executeTakeFirstOrThrow()).id;
  run.organisations.set(a.organisationsnummer, id);
  return id;
}

async function unitFor(run: Run, organisationId: number, name: string | undefined): Promise<number | null> {
  if (!name) return null;
  const key = `${organisationId}:${name}`;
  const known = run.units.get(key);
  if (known !== undefined) return known;
  const unit = await run.trx
    .insertInto('units')
    .values({ organisationId, name })
    .onConflict((oc) => oc.columns(['organisationId', 'name']).doUpdateSet({ name }))
    .returning('id')
    .executeTakeFirstOrThrow();
  run.units.set(key, unit.id);
  return unit.id;
}

async function importAccount(run: Run, a: ImportedAccount): Promise<Outcome> {
  const { trx } = run;
  const existing = await trx
    .selectFrom('customer_accounts as a')
    .leftJoin('organisations as o', 'o.id', 'a.organisationId')
    .leftJoin('units as u', 'u.id', 'a.unitId')
    .select(['a.id', 'a.name', 'a.organisationId', 'o.organisationsnummer', 'u.name as unitName', 'a.canOrder', 'a.isLocalAdmin', 'a.importedAt', 'a.verifiedAt'])
    .where(sql`lower(a.email)`, '=', emailKey(a.email))
    // An imported account first: a person may have made their own with the same address since.
    .orderBy(sql`a.imported_at is null`)
    .orderBy('a.id')
    .executeTakeFirst();
  if (existing && existing.importedAt === null) {
    return { outcome: 'rejected', reason: 'Det finns redan ett konto i kundportalen med den här e-postadressen. Det ändras inte av importen' };
  }
  const organisationId = await organisationFor(run, a);
  if (typeof organisationId === 'string') return { outcome: 'rejected', reason: organisationId };
  const unitId = await unitFor(run, organisationId, a.unitName);
  const wanted = { name: a.name, organisationId, unitId, canOrder: a.roles.canOrder, isLocalAdmin: a.roles.isLocalAdmin };

  if (!existing) {
    await trx
      .insertInto('customer_accounts')
      .values({ ...wanted, email: a.email, personnummerEnc: null, personnummerHash: null, importedAt: run.now, notifyByEmail: true })
      .execute();
    return { outcome: 'created' };
  }
  const changes = [
    existing.name !== a.name && 'namn',
    existing.organisationsnummer !== a.organisationsnummer && 'organisationsnummer',
    (existing.unitName ?? undefined) !== a.unitName && 'enhet',
    (existing.canOrder !== a.roles.canOrder || existing.isLocalAdmin !== a.roles.isLocalAdmin) && 'roller',
  ].filter((c): c is string => c !== false);
  if (changes.length === 0) return { outcome: 'unchanged' };
  // Once a person has verified it, the account is theirs: what they have changed since stays.
  if (existing.verifiedAt !== null) {
    return { outcome: 'unchanged', note: `Kontot är redan verifierat och ändras inte av importen (skiljer sig i: ${changes.join(', ')})` };
  }
  await trx.updateTable('customer_accounts').set({ ...wanted, updatedAt: run.now }).where('id', '=', existing.id).execute();
  return { outcome: 'updated', changes };
}

/** The case's payload: the submitted form as the portal stores it, the contact block from the reporter's account. */
function payloadFor(c: ImportedCase, a: { organisationName: string; organisationsnummer: string; unitName: string | null; name: string; email: string; notifyByEmail: boolean }) {
  const contact = {
    organisationName: a.organisationName,
    organisationsnummer: a.organisationsnummer,
    ...(a.unitName ? { unitName: a.unitName } : {}),
    // The earlier portal's case carries no personnummer: never in the file, and not known until verification.
    personnummer: '',
    name: a.name,
    email: a.email,
    notifyByEmail: a.notifyByEmail,
  };
  return { type: c.type, contact, subject: c.subject, description: c.description ?? '' };
}

async function importCase(run: Run, c: ImportedCase): Promise<Outcome> {
  const { trx } = run;
  const reporter = await trx
    .selectFrom('customer_accounts as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisationId')
    .leftJoin('units as u', 'u.id', 'a.unitId')
    .select(['a.id', 'a.organisationId', 'o.name as organisationName', 'o.organisationsnummer', 'u.name as unitName', 'a.name', 'a.email', 'a.notifyByEmail'])
    .where(sql`lower(a.email)`, '=', emailKey(c.email))
    .where('a.importedAt', 'is not', null)
    .executeTakeFirst();
  if (!reporter) {
    return { outcome: 'rejected', reason: `Det finns inget importerat konto med e-postadressen ${c.email}. Ta med personen i filen med konton` };
  }
  const existing = await trx.selectFrom('cases').selectAll().where('caseNumber', '=', c.caseNumber.caseNumber).executeTakeFirst();
  if (existing && !existing.imported) {
    return { outcome: 'rejected', reason: 'Ärendenumret används redan av ett ärende i kundportalen' };
  }
  const payload = payloadFor(c, reporter);
  const row = {
    type: c.type,
    subject: c.subject,
    payload: JSON.stringify(payload),
    organisationId: reporter.organisationId,
    reporterId: reporter.id,
    resolution: c.resolution ?? null,
    createdAt: c.createdAt,
    updatedAt: c.closedAt,
    closedAt: c.closedAt,
  };

  if (existing) {
    const before = existing.payload as { description?: string };
    const changes = [
      existing.type !== c.type && 'typ',
      existing.subject !== c.subject && 'rubrik',
      (before.description ?? '') !== (c.description ?? '') && 'beskrivning',
      existing.reporterId !== reporter.id && 'e-post',
      existing.createdAt.getTime() !== c.createdAt.getTime() && 'skapad',
      existing.closedAt?.getTime() !== c.closedAt.getTime() && 'avslutad',
      existing.resolution !== (c.resolution ?? null) && 'lösning',
    ].filter((x): x is string => x !== false);
    if (changes.length === 0) return { outcome: 'unchanged' };
    await trx.updateTable('cases').set(row).where('id', '=', existing.id).execute();
    await trx.deleteFrom('case_events').where('caseId', '=', existing.id).execute();
    await timeline(run, existing.id, reporter.id, c);
    return { outcome: 'updated', changes };
  }

  const { year, seq } = c.caseNumber;
  if (year !== null && seq !== null) {
    // New cases of that year are numbered after it, so this number is never drawn again.
    await trx
      .insertInto('case_number_counters')
      .values({ year, lastSeq: seq })
      .onConflict((oc) => oc.column('year').doUpdateSet({ lastSeq: sql`greatest(case_number_counters.last_seq, excluded.last_seq)` }))
      .execute();
  }
  const inserted = await trx
    .insertInto('cases')
    .values({ ...row, caseNumber: c.caseNumber.caseNumber, year, seq, status: 'closed', version: 2, imported: true, workflowStartedAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await timeline(run, inserted.id, reporter.id, c);
  return { outcome: 'created' };
}

/** Sent by its reporter at Skapad, closed at Avslutad: the two events the earlier portal's case is known by. */
async function timeline(run: Run, caseId: number, reporterId: number, c: ImportedCase) {
  await run.trx
    .insertInto('case_events')
    .values([
      { caseId, version: 1, action: 'submit', actorType: 'customer', actorId: reporterId, fromStatus: null, toStatus: 'submitted', data: JSON.stringify({ imported: true }), createdAt: c.createdAt },
      {
        caseId,
        version: 2,
        action: 'close',
        actorType: 'system',
        actorId: null,
        fromStatus: 'submitted',
        toStatus: 'closed',
        data: JSON.stringify({ imported: true, ...(c.resolution ? { resolution: c.resolution } : {}) }),
        createdAt: c.closedAt,
      },
    ])
    .execute();
}
