// Service-level warnings on real Postgres, Temporal and SMTP, with a business calendar whose window
// opens a few seconds into the test (and was open yesterday at the same hours): a case carried over
// from yesterday, already past both targets, is warned about at the opening and not before; a case
// taken by a handler warns that handler alone at 80 % and at the breach, in business time; no warning
// is raised twice, neither after a target change nor after a restart from Postgres.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertSubmittedCase } from '../db/cases.js';
import { upsertStaff } from '../db/people.js';
import { insertTargets } from '../db/service-levels.js';
import { caseSubmissionSchema } from '../domain/index.js';
import { DEFAULT_SERVICE_LEVEL_TARGETS } from '../domain/service-levels.js';
import { startCaseWorkflow, startOptions } from '../temporal/start-case.js';
import type { BusinessCalendarConfig } from '../workflows/business-hours.js';
import type { caseWorkflow } from '../workflows/case-workflow.js';
import { CASE_WORKFLOW_TYPE, serviceLevelsQuery } from '../workflows/messages.js';
import { CaseSlaStateSA } from '../workflows/search-attributes.js';
import { PICKUP_OFFICE, question } from '../scripts/sample-cases.js';
import { type Harness, RUN_ID, sleep, startHarness } from './helpers/harness.js';
import { recordHistory } from './helpers/record-history.js';
import { windowFrom } from '../scripts/opening-window.js';

const OPENS_IN_MS = 10_000;
const DAY = 24 * 3600_000;

let h: Harness;
let opensAt: Date;
let admin: { id: number; email: string };
let adminStaffId: number;
let hannaEmail: string;

beforeAll(async () => {
  h = await startHarness();
  // "Beställning": first response within a minute, resolution within ten (business minutes).
  adminStaffId = await upsertStaff(h.db, { name: 'Ada Administratör', email: `ada.varning.${RUN_ID}@kundportal.local`, role: 'admin' });
  admin = { id: adminStaffId, email: `ada.varning.${RUN_ID}@kundportal.local` };
  await insertTargets(h.db, 'order', { firstResponseMinutes: 1, resolutionMinutes: 10, reminderAfterDays: 0, autoCloseAfterDays: 0 }, admin.id);
  hannaEmail = (await h.db.selectFrom('staff').select('email').where('id', '=', h.staffId).executeTakeFirstOrThrow()).email;
  // A window that opens a few seconds from now, every day (so also yesterday at the same hours).
  opensAt = new Date(Math.ceil((Date.now() + OPENS_IN_MS) / 1000) * 1000);
  const calendar: BusinessCalendarConfig = windowFrom(opensAt, 3);
  h.workflow.calendar = calendar;
});
afterAll(async () => {
  // Other test files share the database: "Beställning" back on its defaults.
  await h?.db.insertInto('service_level_targets').values({ caseType: 'order', ...DEFAULT_SERVICE_LEVEL_TARGETS.order, changedByStaffId: adminStaffId }).execute();
  await h?.stop();
});

const order = () => ({ ...question(h.customerEmail), type: 'order', subject: 'Beställning av kortläsare' });
const warningsOf = (caseId: number) =>
  h.db.selectFrom('staff_notifications').select(['staffId', 'kind', 'clock', 'title', 'createdAt', 'emailSentAt']).where('caseId', '=', caseId).orderBy('id').execute();
const mailsAbout = (to: string, caseNumber: string) => h.mail.messages.filter((m) => m.to.includes(to) && m.subject.includes(caseNumber));

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(200);
  }
}

it('a case past its targets while the office is closed is warned about at the opening, to every handler while nobody has it', async () => {
  // Submitted yesterday at the opening and never touched: both clocks ran through yesterday's hours.
  const schema = caseSubmissionSchema({ pickupOffices: [PICKUP_OFFICE] });
  const inserted = await insertSubmittedCase(h.db, { sealedSubmission: h.cipher.sealSubmission(schema.parse(order())), organisationId: h.organisationId, reporterId: h.accountId });
  const yesterday = new Date(opensAt.getTime() - DAY);
  await h.db.updateTable('cases').set({ createdAt: yesterday }).where('id', '=', inserted.id).execute();
  await h.db.updateTable('case_events').set({ createdAt: yesterday }).where('caseId', '=', inserted.id).execute();
  const row = await h.db.selectFrom('cases').selectAll().where('id', '=', inserted.id).executeTakeFirstOrThrow();
  await startCaseWorkflow(h.temporal, row, h.workflow);
  const handle = h.temporal.workflow.getHandle(row.workflowId);

  // Measured from its timeline: both targets long passed, the office closed.
  const clocks = await eventually(() => handle.query(serviceLevelsQuery), (c) => c !== null, 'the clocks');
  expect(clocks!.firstResponse.runningSince).toBe(yesterday.toISOString());
  expect(Date.now()).toBeLessThan(opensAt.getTime());
  await sleep(Math.max(0, opensAt.getTime() - 1_500 - Date.now()));
  expect(await warningsOf(row.id)).toEqual([]);
  expect(mailsAbout(hannaEmail, row.caseNumber)).toEqual([]);

  // At the opening: the breaches (the 80 % warnings are no news by then), to every active staff member.
  const warnings = await eventually(() => warningsOf(row.id), (w) => w.some((n) => n.staffId === admin.id && n.clock === 'resolution'), 'the warnings');
  for (const w of warnings) {
    expect(w.kind).toBe('sla_breach');
    expect(w.createdAt.getTime()).toBeGreaterThanOrEqual(opensAt.getTime());
    expect(w.createdAt.getTime()).toBeLessThan(opensAt.getTime() + 10_000);
  }
  const hanna = warnings.filter((w) => w.staffId === h.staffId);
  expect(hanna.map((w) => w.title).sort()).toEqual([
    `Ärende ${row.caseNumber}: tiden till första svar har passerats`,
    `Ärende ${row.caseNumber}: tiden till lösning har passerats`,
  ]);
  expect(warnings.filter((w) => w.staffId === admin.id)).toHaveLength(2);
  await eventually(async () => mailsAbout(hannaEmail, row.caseNumber).length, (n) => n === 2, 'two e-mails to Hanna');
  const [mail] = mailsAbout(hannaEmail, row.caseNumber);
  expect(mail!.text).toContain(`/admin/cases/${row.caseNumber}/show`);
  expect(mail!.text).not.toContain(h.customerEmail);
  await eventually(async () => (await handle.describe()).typedSearchAttributes.get(CaseSlaStateSA), (s) => s === 'breached', 'the breached state');
});

it('a taken case warns its handler alone at 80 % and at the breach, in business time, and never twice', async () => {
  await sleep(Math.max(0, opensAt.getTime() + 500 - Date.now()));
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: order() });
  expect(submitted.status).toBe(201);
  const caseNumber = submitted.json.caseNumber as string;
  expect((await h.staffAction(caseNumber, 'take')).status).toBe(200);
  const row = await h.db.selectFrom('cases').select(['id', 'createdAt']).where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  const handle = await h.caseWorkflow(caseNumber);

  // First response within one business minute, the office open: 80 % after 48 s, the breach after 60.
  const warned = await eventually(() => warningsOf(row.id), (w) => w.length >= 1, '80 %', 70_000);
  expect(warned).toMatchObject([{ staffId: h.staffId, kind: 'sla_warning', clock: 'firstResponse', title: `Ärende ${caseNumber}: 80 % av tiden till första svar har gått` }]);
  const after = warned[0]!.createdAt.getTime() - row.createdAt.getTime();
  expect(after).toBeGreaterThanOrEqual(48_000);
  expect(after).toBeLessThan(48_000 + 5_000);
  // The notification is written by the warning's activity; the attribute when the workflow task after it completes.
  await eventually(async () => (await handle.describe()).typedSearchAttributes.get(CaseSlaStateSA), (s) => s !== 'running', 'the warning state');
  expect((await handle.describe()).typedSearchAttributes.get(CaseSlaStateSA)).toBe('warning');
  const breached = await eventually(() => warningsOf(row.id), (w) => w.length >= 2, 'the breach', 30_000);
  expect(breached[1]).toMatchObject({ staffId: h.staffId, kind: 'sla_breach', clock: 'firstResponse' });
  expect(breached[1]!.createdAt.getTime() - row.createdAt.getTime()).toBeGreaterThanOrEqual(60_000);
  await eventually(async () => mailsAbout(hannaEmail, caseNumber).length, (n) => n === 2, 'two e-mails to Hanna');
  expect(mailsAbout(admin.email, caseNumber)).toEqual([]); // the case is Hanna's

  // Still unanswered and past its target: neither a target change nor a new run from Postgres raises
  // the breach again.
  await insertTargets(h.db, 'order', { firstResponseMinutes: 1, resolutionMinutes: 20, reminderAfterDays: 0, autoCloseAfterDays: 0 }, admin.id);
  const history = await recordHistory(handle, 'service-level-warnings');
  expect(history).not.toContain(h.customerEmail);
  const current = await h.db.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  await handle.terminate('test: a new run from Postgres');
  const options = startOptions(current, h.workflow);
  await h.temporal.workflow.start<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, { ...options, args: [{ ...options.args[0], isNew: false }] });
  const restarted = await eventually(() => handle.query(serviceLevelsQuery), (c) => c?.targets.resolutionMinutes === 20, 'the restarted run on the new targets');
  expect(restarted!.firstResponse.stoppedAt).toBeNull();
  await sleep(3_000);
  expect(await warningsOf(row.id)).toHaveLength(2);
  expect(mailsAbout(hannaEmail, caseNumber)).toHaveLength(2);
  expect((await h.staffAction(caseNumber, 'reply', { body: 'Vi beställer.' })).status).toBe(200);
  expect((await handle.query(serviceLevelsQuery))!.firstResponse.stoppedAt).not.toBeNull();
}, 150_000);
