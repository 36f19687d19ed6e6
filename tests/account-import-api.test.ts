// Moving in through the back office (POST /api/admin/account-import): administrators only, a dry run
// first, bad input a 400 problem naming the file; the earlier cases it brings are read-only in the back
// office, refused any action with a Swedish reason, and never started as workflows, with the real
// Temporal server and the worker's reconciler.
import { randomInt } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationsnummer } from '../scripts/sample-cases.js';
import { reconcileOnce } from '../worker/reconciler.js';
import { type BackOfficeWorld, backOfficeWorld } from './helpers/back-office.js';
import { type Harness, startHarness } from './helpers/harness.js';

let h: Harness;
let w: BackOfficeWorld;
beforeAll(async () => {
  h = await startHarness();
  w = await backOfficeWorld(h);
});
afterAll(() => h?.stop());

// Unique per run: several test runs may share the database.
const tag = String(randomInt(10 ** 6)).padStart(6, '0');
const org = organisationsnummer('803' + tag.slice(0, 3), Number(tag.slice(3)));
const email = `greta.${tag}@exempel.se`;
const caseNumber = `ÄR-${tag}-1`;
const accounts = `namn;e-post;organisationsnummer;organisationsnamn;roller\nGreta Gammal;${email};${org};Gamla kommunen;får beställa\nHugo Fel;hugo@;${org};;\n`;
const cases = `ärendenummer;e-post;typ;rubrik;beskrivning;skapad;avslutad;lösning\n${caseNumber};${email};Fråga;Hur byter jag lösenord?;Jag har glömt det.;2021-02-01 10:00;2021-02-02 11:30;Vi skickade en länk.\n`;
const body = (o: Record<string, unknown>) => ({ accounts, cases, dryRun: true, skipBadLines: false, ...o });

describe('POST /api/admin/account-import', () => {
  it('is for administrators only', async () => {
    expect((await w.asHandler('POST', '/account-import', body({}))).status).toBe(403);
    expect((await w.asCustomer('POST', '/account-import', body({}))).status).toBe(403);
    expect((await w.anonymous('POST', '/account-import', body({}))).status).toBe(401);
  });

  it('answers bad input with a problem naming the field, and writes nothing', async () => {
    const missing = await w.asAdmin('POST', '/account-import', { dryRun: true, skipBadLines: false });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.json.errors).toEqual([{ field: 'accounts', message: 'Filen med konton saknas' }]);

    const unknownColumn = await w.asAdmin('POST', '/account-import', body({ accounts: `namn;e-post;organisationsnummer;telefon\nGreta;${email};${org};1\n`, dryRun: false }));
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.json.errors).toEqual([{ field: 'accounts', message: expect.stringContaining('Okänd kolumn i filen med konton: "telefon"') }]);
    expect(await h.db.selectFrom('customer_accounts').select('id').where('email', '=', email).execute()).toEqual([]);
  });

  it('reports a dry run, refuses a real run with a bad line, and imports with bad lines skipped', async () => {
    const dry = await w.asAdmin('POST', '/account-import', body({}));
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, written: false, accounts: { created: 1, rejected: 1 }, cases: { created: 1 } });
    expect(dry.json.lines).toContainEqual({ file: 'accounts', line: 3, key: 'hugo@', outcome: 'rejected', reasons: ['Ogiltig e-postadress'], changes: [] });

    const refused = await w.asAdmin('POST', '/account-import', body({ dryRun: false }));
    expect(refused.json).toMatchObject({ written: false });
    expect(await h.db.selectFrom('customer_accounts').select('id').where('email', '=', email).execute()).toEqual([]);

    const done = await w.asAdmin('POST', '/account-import', body({ dryRun: false, skipBadLines: true }));
    expect(done.json).toMatchObject({ written: true, organisationsCreated: 1, accounts: { created: 1, rejected: 1 }, cases: { created: 1 } });
    const organisation = await h.db.selectFrom('organisations').select(['verifiedAt', 'verifiedByStaffId']).where('organisationsnummer', '=', org).executeTakeFirstOrThrow();
    expect(organisation).toEqual({ verifiedAt: expect.any(Date), verifiedByStaffId: w.admin.id });

    const again = await w.asAdmin('POST', '/account-import', body({ dryRun: false, skipBadLines: true }));
    expect(again.json).toMatchObject({ written: true, accounts: { created: 0, updated: 0, unchanged: 1 }, cases: { created: 0, updated: 0, unchanged: 1 } });
  });

  it('shows the imported account as awaiting verification in the accounts list', async () => {
    const id = (await h.db.selectFrom('customer_accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const res = await w.asAdmin('GET', `/accounts/${id}`);
    expect(res.json).toMatchObject({ name: 'Greta Gammal', personnummer: null, awaitingVerification: true, canOrder: true, importedAt: expect.any(String) });
  });
});

describe('an earlier case', () => {
  it('is shown read-only in the back office, by its original number', async () => {
    const res = await w.asAdmin('GET', `/cases/${encodeURIComponent(caseNumber)}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      caseNumber,
      status: 'closed',
      imported: true,
      actions: [],
      resolution: 'Vi skickade en länk.',
      createdAt: '2021-02-01T09:00:00.000Z',
      closedAt: '2021-02-02T10:30:00.000Z',
    });
  });

  it('refuses every action with the reason, in Swedish', async () => {
    const res = await h.api('POST', `/api/admin/cases/${encodeURIComponent(caseNumber)}/actions/reopen`, {
      token: w.handler.token,
      body: {},
      headers: { 'Idempotency-Key': `reopen-${tag}` },
    });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ title: 'Åtgärden är inte tillåten', detail: expect.stringContaining('Ärendet kommer från den tidigare kundportalen') });
    const row = await h.db.selectFrom('cases').select(['status', 'version']).where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', version: 2 });
  });

  it('is never started as a workflow, not even by the reconciler', async () => {
    const row = await h.db.selectFrom('cases').select(['id', 'workflowId']).where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    // No grace period: every case without a confirmed start is a candidate, the imported one is not.
    await reconcileOnce(h.db, h.temporal, h.workflow, 0);
    await expect(h.temporal.workflow.getHandle(row.workflowId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    const after = await h.db.selectFrom('cases').select('workflowStartedAt').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.workflowStartedAt).toBeNull();
  });
});
