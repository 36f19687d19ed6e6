// Moving in from an earlier customer portal (services/account-import.ts, npm run import:accounts): a file
// with good and bad lines on a database of its own. A dry run writes nothing; a real run with a bad line
// writes nothing either unless bad lines are skipped; the same file again changes nothing; earlier cases
// come closed and read-only with their original numbers and dates, and their numbers are never drawn again.
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { insertSubmittedCase, unstartedCases } from '../db/cases.js';
import { createDb, type Db } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { upsertCustomerAccount, upsertOrganisation } from '../db/people.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { caseSubmissionSchema } from '../domain/index.js';
import { main } from '../scripts/import-accounts.js';
import { PICKUP_OFFICE, organisationsnummer, personnummer, question } from '../scripts/sample-cases.js';
import { dropDatabase, freshDatabase } from '../scripts/throwaway-databases.js';
import { readAccountCsv, readCaseCsv } from '../services/account-import-csv.js';
import { type ImportReport, importEarlierAccounts } from '../services/account-import.js';

const key = () => randomBytes(32).toString('base64');
const cipher = createPersonalDataCipher({ encryptionKey: key(), hashKey: key() });

let url: string;
let db: Db;
let dir: string;

const ORG_NEW = organisationsnummer('802101', 11); // created by the import (its name is given)
const ORG_KNOWN = organisationsnummer('802101', 12); // already registered in this portal
const ORG_UNKNOWN = organisationsnummer('802101', 13); // missing, and no name given
const NATIVE_EMAIL = 'ivar.inne@exempel.se';

// As Excel in Swedish saves it: BOM, ';' between fields, CRLF, a role list quoted since it holds ';'.
const ACCOUNTS = `\uFEFFNamn;E-post;Organisationsnummer;Organisationsnamn;Enhet;Roller\r
Anna Andersson;Anna.Andersson@Region.se;${ORG_NEW};Region Ödemark;Vårdcentralen Kiruna;"får beställa; lokal administratör"\r
Bertil Berg;bertil.berg@region.se;${ORG_NEW.replace('-', '')};;;Får beställa\r
Cecilia Ceder;cecilia.ceder@exempel.se;${ORG_KNOWN};;Kansliet;\r
Dan Dålig;dan@exempel;${ORG_NEW};;;\r
Eva Ek;eva.ek@exempel.se;123456-7890;Fel AB;;\r
Fia Fel;ANNA.andersson@region.se;${ORG_NEW};;;\r
Gun Gås;gun.gas@exempel.se;${ORG_NEW};;;superanvändare|får beställa\r
Hans Hål;hans.hal@exempel.se;${ORG_UNKNOWN};;;\r
Ivar Inne;${NATIVE_EMAIL};${ORG_KNOWN};;;\r
`;

// Comma-separated, a description with a comma and a line break inside quotes.
const CASES = `ärendenummer,e-post,typ,rubrik,beskrivning,skapad,avslutad,lösning
KP-2019-00042,anna.andersson@region.se,Fråga,Inloggningen krånglar,"Det går inte att logga in,
varken i dag eller i går.",2019-03-04 09:15,2019-03-05 14:00,Vi återställde kontot.
ÄR-2020-7,bertil.berg@region.se,fault_report,Skrivaren skriver inte,,2020-06-01,2020-06-03,
KP-2019-042,anna.andersson@region.se,Fråga,Fel form på numret,,2019-01-01,2019-01-02,
ÄR-2020-8,dan@exempel.se,Fråga,Ingen sådan person,,2020-01-01,2020-01-02,
ÄR-2020-9,anna.andersson@region.se,Beställning av SITHS-kort,Kort,,2020-01-01,2020-01-02,
ÄR-2020-10,anna.andersson@region.se,Fråga,Avslutat före skapat,,2020-01-05,2020-01-04,
`;

beforeAll(async () => {
  url = await freshDatabase(loadConfig().DATABASE_URL, `kundportal_account_import_${process.pid}`);
  db = createDb(url, { max: 3 });
  await migrateToLatest(db);
  const known = await upsertOrganisation(db, { organisationsnummer: ORG_KNOWN, name: 'Kommunen Känd', verified: true });
  await upsertCustomerAccount(db, cipher, { organisationId: known, personnummer: personnummer('19800101', 1), name: 'Ivar Inne', email: NATIVE_EMAIL });
  dir = await mkdtemp(join(tmpdir(), 'account-import-'));
  await writeFile(join(dir, 'konton.csv'), ACCOUNTS);
  await writeFile(join(dir, 'arenden.csv'), CASES);
});
afterAll(async () => {
  await db?.destroy();
  if (url) await dropDatabase(url);
});

function lines() {
  const accounts = readAccountCsv(ACCOUNTS);
  const cases = readCaseCsv(CASES);
  if (!accounts.ok || !cases.ok) throw new Error('the fixtures should read');
  return { accounts: accounts.lines, cases: cases.lines };
}

/** Everything an import may touch, as rows, so two snapshots show any change at all. */
async function snapshot() {
  const table = async (name: string, order = 'id') => (await sql.raw(`select * from ${name} order by ${order}`).execute(db)).rows;
  return {
    organisations: await table('organisations'),
    units: await table('units'),
    accounts: await table('customer_accounts'),
    cases: await table('cases'),
    events: await table('case_events'),
    counters: await table('case_number_counters', 'year'),
  };
}

const outcomes = (r: ImportReport, file: 'accounts' | 'cases') =>
  Object.fromEntries(r.lines.filter((l) => l.file === file).map((l) => [l.line, l.outcome]));
const reasonsAt = (r: ImportReport, file: 'accounts' | 'cases', line: number) => r.lines.find((l) => l.file === file && l.line === line)?.reasons ?? [];

const accountsByEmail = () =>
  db
    .selectFrom('customer_accounts as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisationId')
    .leftJoin('units as u', 'u.id', 'a.unitId')
    .select(['a.email', 'a.name', 'o.organisationsnummer', 'u.name as unit', 'a.canOrder', 'a.isLocalAdmin', 'a.personnummerEnc', 'a.personnummerHash', 'a.importedAt', 'a.verifiedAt'])
    .where('a.importedAt', 'is not', null)
    .orderBy('a.id')
    .execute();

describe('reading the files', () => {
  it('refuses a file with an unknown or a missing column, naming it', () => {
    expect(readAccountCsv('namn;e-post;telefon\nA;a@b.se;1\n')).toEqual({ ok: false, message: expect.stringContaining('Okänd kolumn i filen med konton: "telefon"') });
    expect(readAccountCsv('namn,e-post\nA,a@b.se\n')).toEqual({ ok: false, message: 'Filen med konton saknar kolumnen "organisationsnummer".' });
    expect(readCaseCsv('')).toEqual({ ok: false, message: 'Filen med ärenden är tom.' });
  });

  it('numbers each line where it starts in the file', () => {
    const { accounts, cases } = lines();
    expect(accounts.map((l) => l.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The first case spans lines 2 and 3.
    expect(cases.map((l) => l.line)).toEqual([2, 4, 5, 6, 7, 8]);
    expect(cases[0]!.values['beskrivning']).toBe('Det går inte att logga in,\nvarken i dag eller i går.');
  });
});

describe('importing a file with good and bad lines', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    before = await snapshot();
  });

  it('a dry run reports every line and writes nothing', async () => {
    const r = await importEarlierAccounts(db, lines(), { dryRun: true, skipBadLines: false });
    expect(r).toMatchObject({ dryRun: true, written: false, organisationsCreated: 1 });
    expect(r.accounts).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 6 });
    expect(r.cases).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(outcomes(r, 'accounts')).toEqual({ 2: 'created', 3: 'created', 4: 'created', 5: 'rejected', 6: 'rejected', 7: 'rejected', 8: 'rejected', 9: 'rejected', 10: 'rejected' });
    expect(reasonsAt(r, 'accounts', 5)).toEqual(['Ogiltig e-postadress']);
    expect(reasonsAt(r, 'accounts', 6)).toEqual(['Ogiltigt organisationsnummer']);
    expect(reasonsAt(r, 'accounts', 7)).toEqual(['E-postadressen finns redan på rad 2 i filen']);
    expect(reasonsAt(r, 'accounts', 8)).toEqual(['Okänd roll "superanvändare". Roller som går att ange: får beställa, lokal administratör']);
    expect(reasonsAt(r, 'accounts', 9)).toEqual([expect.stringContaining(`Organisationen med organisationsnummer ${ORG_UNKNOWN} finns inte i kundportalen`)]);
    expect(reasonsAt(r, 'accounts', 10)).toEqual(['Det finns redan ett konto i kundportalen med den här e-postadressen. Det ändras inte av importen']);
    expect(outcomes(r, 'cases')).toEqual({ 2: 'created', 4: 'created', 5: 'rejected', 6: 'rejected', 7: 'rejected', 8: 'rejected' });
    expect(reasonsAt(r, 'cases', 5)).toEqual([expect.stringContaining('Ärendenumret "KP-2019-042" har fel form')]);
    expect(reasonsAt(r, 'cases', 6)).toEqual([expect.stringContaining('Det finns inget importerat konto med e-postadressen dan@exempel.se')]);
    expect(reasonsAt(r, 'cases', 7)).toEqual([expect.stringContaining('En beställning av SITHS-kort kan inte flyttas in')]);
    expect(reasonsAt(r, 'cases', 8)).toEqual(['Avslutad får inte vara före Skapad']);
    expect(r.summary).toMatch(/^Provkörning, ingenting har sparats\./);
    expect(await snapshot()).toEqual(before);
  });

  it('a real run with a bad line imports nothing', async () => {
    const r = await importEarlierAccounts(db, lines(), { dryRun: false, skipBadLines: false });
    expect(r.written).toBe(false);
    expect(r.summary).toBe('Ingenting har importerats: 10 rader har fel. Rätta dem, eller välj att hoppa över felaktiga rader.');
    expect(await snapshot()).toEqual(before);
  });

  it('skipping bad lines imports the good ones, awaiting verification', async () => {
    const r = await importEarlierAccounts(db, lines(), { dryRun: false, skipBadLines: true });
    expect(r).toMatchObject({ written: true, organisationsCreated: 1, accounts: { created: 3, rejected: 6 }, cases: { created: 2, rejected: 4 } });

    const accounts = await accountsByEmail();
    expect(accounts.map(({ importedAt, ...a }) => a)).toEqual([
      {
        email: 'Anna.Andersson@region.se',
        name: 'Anna Andersson',
        organisationsnummer: ORG_NEW,
        unit: 'Vårdcentralen Kiruna',
        canOrder: true,
        isLocalAdmin: true,
        personnummerEnc: null,
        personnummerHash: null,
        verifiedAt: null,
      },
      { email: 'bertil.berg@region.se', name: 'Bertil Berg', organisationsnummer: ORG_NEW, unit: null, canOrder: true, isLocalAdmin: false, personnummerEnc: null, personnummerHash: null, verifiedAt: null },
      { email: 'cecilia.ceder@exempel.se', name: 'Cecilia Ceder', organisationsnummer: ORG_KNOWN, unit: 'Kansliet', canOrder: false, isLocalAdmin: false, personnummerEnc: null, personnummerHash: null, verifiedAt: null },
    ]);
    for (const a of accounts) expect(a.importedAt).toBeInstanceOf(Date);
    // The new organisation came from the earlier portal, where it was a customer: verified.
    const org = await db.selectFrom('organisations').selectAll().where('organisationsnummer', '=', ORG_NEW).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ name: 'Region Ödemark', verifiedAt: expect.any(Date) });
    // The person who made their own account in this portal is left alone.
    expect(await db.selectFrom('customer_accounts').select(['name', 'importedAt']).where('email', '=', NATIVE_EMAIL).execute()).toEqual([{ name: 'Ivar Inne', importedAt: null }]);
  });

  it('earlier cases come closed and read-only, with their original numbers and dates, and no workflow', async () => {
    const cases = await db
      .selectFrom('cases as c')
      .innerJoin('customer_accounts as a', 'a.id', 'c.reporterId')
      .select(['c.id', 'c.caseNumber', 'c.year', 'c.seq', 'c.type', 'c.status', 'c.subject', 'c.resolution', 'c.createdAt', 'c.closedAt', 'c.imported', 'c.workflowStartedAt', 'c.version', 'c.payload', 'a.email'])
      .orderBy('c.caseNumber')
      .execute();
    expect(cases.map(({ id, payload, ...c }) => c)).toEqual([
      {
        caseNumber: 'KP-2019-00042',
        year: 2019,
        seq: 42,
        type: 'question',
        status: 'closed',
        subject: 'Inloggningen krånglar',
        resolution: 'Vi återställde kontot.',
        // Swedish time: 09:15 on 4 March 2019 (CET) is 08:15 UTC.
        createdAt: new Date('2019-03-04T08:15:00Z'),
        closedAt: new Date('2019-03-05T13:00:00Z'),
        imported: true,
        workflowStartedAt: null,
        version: 2,
        email: 'Anna.Andersson@region.se',
      },
      {
        caseNumber: 'ÄR-2020-7',
        year: null,
        seq: null,
        type: 'fault_report',
        status: 'closed',
        subject: 'Skrivaren skriver inte',
        resolution: null,
        // Midnight in summer (CEST) is 22:00 UTC the day before.
        createdAt: new Date('2020-05-31T22:00:00Z'),
        closedAt: new Date('2020-06-02T22:00:00Z'),
        imported: true,
        workflowStartedAt: null,
        version: 2,
        email: 'bertil.berg@region.se',
      },
    ]);
    expect(cases[0]!.payload).toMatchObject({ type: 'question', subject: 'Inloggningen krånglar', description: 'Det går inte att logga in,\nvarken i dag eller i går.', contact: { name: 'Anna Andersson', organisationsnummer: ORG_NEW, personnummer: '' } });
    const events = await db.selectFrom('case_events').select(['version', 'action', 'fromStatus', 'toStatus', 'createdAt', 'data']).where('caseId', '=', cases[0]!.id).orderBy('version').execute();
    expect(events).toEqual([
      { version: 1, action: 'submit', fromStatus: null, toStatus: 'submitted', createdAt: new Date('2019-03-04T08:15:00Z'), data: { imported: true } },
      { version: 2, action: 'close', fromStatus: 'submitted', toStatus: 'closed', createdAt: new Date('2019-03-05T13:00:00Z'), data: { imported: true, resolution: 'Vi återställde kontot.' } },
    ]);
    // The reconciler never sees them, however old.
    expect((await unstartedCases(db, new Date(Date.now() + 60_000))).filter((c) => c.imported)).toEqual([]);
    // No bell, no e-mail: the person has long known about these cases.
    expect(Number((await sql<{ n: string }>`select count(*) as n from notifications`.execute(db)).rows[0]!.n)).toBe(0);
    expect(Number((await sql<{ n: string }>`select count(*) as n from email_log`.execute(db)).rows[0]!.n)).toBe(0);
  });

  it('a new case of that year is numbered after the earlier one, never colliding', async () => {
    const account = await db.selectFrom('customer_accounts').select(['id', 'organisationId']).where('email', '=', NATIVE_EMAIL).executeTakeFirstOrThrow();
    const submission = caseSubmissionSchema({ pickupOffices: [PICKUP_OFFICE] }).parse(question(NATIVE_EMAIL));
    const row = await insertSubmittedCase(
      db,
      { sealedSubmission: cipher.sealSubmission(submission), organisationId: account.organisationId, reporterId: account.id },
      new Date('2019-06-01T10:00:00Z'),
    );
    expect(row.caseNumber).toBe('KP-2019-00043');
    await db.deleteFrom('cases').where('id', '=', row.id).execute();
    await db.updateTable('case_number_counters').set({ lastSeq: 42 }).where('year', '=', 2019).execute();
  });

  it('the same file again changes nothing', async () => {
    const after = await snapshot();
    const r = await importEarlierAccounts(db, lines(), { dryRun: false, skipBadLines: true });
    expect(r).toMatchObject({ written: true, organisationsCreated: 0 });
    expect(r.accounts).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 6 });
    expect(r.cases).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 4 });
    expect(await snapshot()).toEqual(after);
  });

  it('a changed line updates the account or case, and the report says what', async () => {
    const changed = lines();
    changed.accounts[1]!.values['roller'] = 'lokal administratör';
    changed.cases[1]!.values['lösning'] = 'Ny toner.';
    const dry = await importEarlierAccounts(db, changed, { dryRun: true, skipBadLines: true });
    expect(dry.lines.filter((l) => l.outcome === 'updated').map((l) => [l.file, l.line, l.changes])).toEqual([
      ['accounts', 3, ['roller']],
      ['cases', 4, ['lösning']],
    ]);
    const r = await importEarlierAccounts(db, changed, { dryRun: false, skipBadLines: true });
    expect(r.accounts).toMatchObject({ updated: 1, unchanged: 2 });
    expect(r.cases).toMatchObject({ updated: 1, unchanged: 1 });
    const bertil = await db.selectFrom('customer_accounts').select(['canOrder', 'isLocalAdmin']).where('email', '=', 'bertil.berg@region.se').executeTakeFirstOrThrow();
    expect(bertil).toEqual({ canOrder: false, isLocalAdmin: true });
    expect((await db.selectFrom('cases').select('resolution').where('caseNumber', '=', 'ÄR-2020-7').executeTakeFirstOrThrow()).resolution).toBe('Ny toner.');
  });

  it('leaves a verified account as its person keeps it', async () => {
    const pnr = personnummer('19750505', 5);
    await db
      .updateTable('customer_accounts')
      .set({ personnummerEnc: cipher.seal(pnr), personnummerHash: cipher.hash(pnr), verifiedAt: new Date(), name: 'Cecilia Ceder-Lund' })
      .where('email', '=', 'cecilia.ceder@exempel.se')
      .execute();
    const r = await importEarlierAccounts(db, lines(), { dryRun: false, skipBadLines: true });
    expect(r.lines.find((l) => l.file === 'accounts' && l.line === 4)).toMatchObject({ outcome: 'unchanged', reasons: [expect.stringContaining('redan verifierat')] });
    expect((await db.selectFrom('customer_accounts').select('name').where('email', '=', 'cecilia.ceder@exempel.se').executeTakeFirstOrThrow()).name).toBe('Cecilia Ceder-Lund');
  });
});

describe('the database keeps the rules', () => {
  it('an account without personnummer must be an imported one, and a case without a number an imported one', async () => {
    const org = await db.selectFrom('organisations').select('id').where('organisationsnummer', '=', ORG_NEW).executeTakeFirstOrThrow();
    await expect(db.insertInto('customer_accounts').values({ organisationId: org.id, name: 'X', email: 'x@exempel.se' }).execute()).rejects.toMatchObject({
      constraint: 'customer_accounts_personnummer_unless_imported',
    });
    await expect(
      db.insertInto('customer_accounts').values({ organisationId: org.id, name: 'X', email: 'ANNA.ANDERSSON@region.se', importedAt: new Date() }).execute(),
    ).rejects.toMatchObject({ constraint: 'customer_accounts_imported_email_key' });
    await expect(
      db
        .insertInto('cases')
        .values({ caseNumber: 'ÄR-1', year: null, seq: null, type: 'question', status: 'submitted', subject: 'x', payload: '{}', organisationId: org.id })
        .execute(),
    ).rejects.toMatchObject({ constraint: 'cases_numbered_unless_imported' });
  });
});

describe('npm run import:accounts', () => {
  it('prints the dry run, and with bad lines imports nothing without --skip-bad-lines', async () => {
    const out: string[] = [];
    const print = (s: string) => out.push(s);
    const fresh = join(dir, 'nya.csv');
    await writeFile(fresh, `namn,e-post,organisationsnummer\nOlle Ny,olle.ny@exempel.se,${ORG_KNOWN}\nPer Fel,per@,${ORG_KNOWN}\n`);

    expect(await main([fresh, '--dry-run'], url, print)).toBe(0);
    expect(out.join('\n')).toContain('Provkörning, ingenting har sparats. Så här skulle importen bli: Konton: 1 nya, 0 ändrade, 0 oförändrade.');
    expect(out.join('\n')).toContain('konton rad 3: FEL (per@) – Ogiltig e-postadress');
    expect(await main([fresh], url, print)).toBe(1);
    expect(await db.selectFrom('customer_accounts').select('id').where('email', '=', 'olle.ny@exempel.se').execute()).toEqual([]);

    expect(await main([fresh, '--skip-bad-lines'], url, print)).toBe(0);
    expect(await db.selectFrom('customer_accounts').select('name').where('email', '=', 'olle.ny@exempel.se').execute()).toEqual([{ name: 'Olle Ny' }]);
  });

  it('imports accounts and cases from files, the same files again changing nothing', async () => {
    const out: string[] = [];
    const args = [join(dir, 'konton.csv'), '--cases', join(dir, 'arenden.csv'), '--skip-bad-lines'];
    expect(await main(args, url, (s) => out.push(s))).toBe(0);
    expect(out.at(-1)).toContain('Konton: 0 nya, 0 ändrade, 3 oförändrade.');
    expect(out.at(-1)).toContain('ärenden rad 8: FEL (ÄR-2020-10) – Avslutad får inte vara före Skapad');
  });

  it('names a file that cannot be read and shows how to use it', async () => {
    const out: string[] = [];
    expect(await main([join(dir, 'finns-inte.csv')], url, (s) => out.push(s))).toBe(2);
    expect(out[0]).toMatch(/^Filen .*finns-inte\.csv går inte att läsa: ENOENT/);
    expect(await main([], url, (s) => out.push(s))).toBe(2);
    expect(out.at(-1)).toContain('npm run import:accounts -- konton.csv');
  });
});
