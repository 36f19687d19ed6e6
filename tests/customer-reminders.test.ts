// Reminders and automatic closing of cases waiting for the customer, on real Postgres, Temporal and
// SMTP, with a business calendar whose window opens a few seconds into the test and a business day of
// a few seconds: a question asked while the office is closed counts its days from the opening (the
// resolution clock paused meanwhile); the customer is reminded once after N days (bell and e-mail) and
// the case closes as the system after M days, with the resolution and how to go on; a customer message
// before that cancels both, and asking again starts the count over.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertStaff } from '../db/people.js';
import { insertTargets } from '../db/service-levels.js';
import { AUTO_CLOSE_RESOLUTION, DEFAULT_SERVICE_LEVEL_TARGETS } from '../domain/service-levels.js';
import type { BusinessCalendarConfig } from '../workflows/business-hours.js';
import { serviceLevelsQuery } from '../workflows/messages.js';
import { question } from '../scripts/sample-cases.js';
import { type Harness, RUN_ID, sleep, startHarness } from './helpers/harness.js';
import { logInWithELegitimation } from './helpers/browser-session.js';
import { loginableCustomer } from './helpers/portal-customer.js';
import { recordHistory } from './helpers/record-history.js';
import { windowFrom } from '../scripts/opening-window.js';

const OPENS_IN_MS = 15_000;
/** A business day of 12 s: reminded after one day, closed after two. */
const DAY_MS = 12_000;
const SLACK_MS = 6_000;

let h: Harness;
let opensAt: Date;
let adminId: number;

beforeAll(async () => {
  h = await startHarness();
  adminId = await upsertStaff(h.db, { name: 'Ada Administratör', email: `ada.paminn.${RUN_ID}@kundportal.local`, role: 'admin' });
  await insertTargets(h.db, 'question', { firstResponseMinutes: 420, resolutionMinutes: 5 * 420, reminderAfterDays: 1, autoCloseAfterDays: 2 }, adminId);
  h.workflow.businessDayMinutes = DAY_MS / 60_000;
  // A window that opens a few seconds from now, every day (the test runs at any hour).
  opensAt = new Date(Math.ceil((Date.now() + OPENS_IN_MS) / 1000) * 1000);
  const calendar: BusinessCalendarConfig = windowFrom(opensAt, 3);
  h.workflow.calendar = calendar;
});
afterAll(async () => {
  // Other test files share the database: "Fråga" back on its defaults.
  await h?.db.insertInto('service_level_targets').values({ caseType: 'question', ...DEFAULT_SERVICE_LEVEL_TARGETS.question, changedByStaffId: adminId }).execute();
  await h?.stop();
});

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(200);
  }
}

async function submitQuestion(subject: string) {
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: { ...question(h.customerEmail), subject } });
  expect(submitted.status).toBe(201);
  const caseNumber = submitted.json.caseNumber as string;
  const { id } = await h.db.selectFrom('cases').select('id').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  return { caseNumber, id };
}

const eventsOf = (caseId: number) =>
  h.db.selectFrom('case_events').select(['action', 'actorType', 'toStatus', 'createdAt']).where('caseId', '=', caseId).orderBy('version').execute();
const systemEvents = async (caseId: number) => (await eventsOf(caseId)).filter((e) => e.actorType === 'system');
const bellsOf = (caseId: number) => h.db.selectFrom('notifications').select(['kind', 'title', 'body', 'createdAt']).where('caseId', '=', caseId).orderBy('id').execute();
const mailsAbout = (caseNumber: string) => h.receivedBy(h.customerEmail).filter((m) => m.subject.includes(caseNumber));
/** An e-mail's text with its line wrapping undone. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const askForMore = (caseNumber: string) => h.staffAction(caseNumber, 'request-info', { body: 'Vilket konto gäller det?' });

it('a question asked while the office is closed: reminded one business day after the opening, closed as the system after two', async () => {
  const { caseNumber, id } = await submitQuestion('Inloggningen fungerar inte');
  expect((await h.staffAction(caseNumber, 'take')).status).toBe(200);
  expect((await askForMore(caseNumber)).status).toBe(200);
  expect(Date.now()).toBeLessThan(opensAt.getTime());

  // Waiting for the customer: the resolution clock is paused, nothing is due in the queues.
  const handle = await h.caseWorkflow(caseNumber);
  const paused = await eventually(() => handle.query(serviceLevelsQuery), (c) => c !== null && c.resolution.runningSince === null, 'the paused clock');
  expect(paused!.resolution.stoppedAt).toBeNull();
  expect((await h.db.selectFrom('cases').select('slaDueAt').where('id', '=', id).executeTakeFirstOrThrow()).slaDueAt).toBeNull();

  // Nothing while the office is closed, nor in the first business day after the opening.
  await sleep(Math.max(0, opensAt.getTime() + DAY_MS - 1_000 - Date.now()));
  expect(await systemEvents(id)).toEqual([]);
  expect(mailsAbout(caseNumber).filter((m) => m.subject.startsWith('Påminnelse'))).toEqual([]);

  // The reminder: an event, a bell and an e-mail, one business day after the opening.
  const [reminder] = await eventually(() => systemEvents(id), (e) => e.length >= 1, 'the reminder');
  expect(reminder).toMatchObject({ action: 'customer_reminder', toStatus: 'awaiting_customer' });
  expect(reminder!.createdAt.getTime()).toBeGreaterThanOrEqual(opensAt.getTime() + DAY_MS);
  expect(reminder!.createdAt.getTime()).toBeLessThan(opensAt.getTime() + DAY_MS + SLACK_MS);
  const reminderMail = await eventually(async () => mailsAbout(caseNumber).filter((m) => m.subject.startsWith('Påminnelse')), (m) => m.length >= 1, 'the reminder e-mail');
  expect(reminderMail[0]!.subject).toBe(`Påminnelse: vi väntar på ditt svar i ärende ${caseNumber}`);
  expect(flat(reminderMail[0]!.text)).toContain('Handläggaren väntar fortfarande på ditt svar');
  expect(flat(reminderMail[0]!.text)).toContain('avslutas ärendet');

  // The automatic close, two business days after the opening: the system's event, the resolution, the notice.
  const closed = await eventually(() => systemEvents(id), (e) => e.length >= 2, 'the automatic close', 30_000);
  expect(closed[1]).toMatchObject({ action: 'auto_close', toStatus: 'closed' });
  expect(closed[1]!.createdAt.getTime()).toBeGreaterThanOrEqual(opensAt.getTime() + 2 * DAY_MS);
  expect(closed[1]!.createdAt.getTime()).toBeLessThan(opensAt.getTime() + 2 * DAY_MS + SLACK_MS);
  const row = await h.db.selectFrom('cases').select(['status', 'resolution', 'closedAt']).where('id', '=', id).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: 'closed', resolution: AUTO_CLOSE_RESOLUTION });
  const closeMail = await eventually(async () => mailsAbout(caseNumber).filter((m) => m.subject === `Ärende ${caseNumber} har avslutats`), (m) => m.length >= 1, 'the closing e-mail');
  expect(flat(closeMail[0]!.text)).toContain('Vi har avslutat ärendet eftersom vi inte fick svar på vår fråga.');
  expect(flat(closeMail[0]!.text)).toContain(`Skicka in ett nytt ärende och skriv att det gäller ärende ${caseNumber}`);
  const clocks = await handle.query(serviceLevelsQuery);
  expect(clocks!.resolution.stoppedAt).not.toBeNull();

  // Each once: bells, e-mails, events; none sent while the office was closed.
  await sleep(3_000);
  const bells = await bellsOf(id);
  expect(bells.filter((b) => b.kind === 'reminder')).toHaveLength(1);
  expect(bells.filter((b) => b.kind === 'auto_closed')).toHaveLength(1);
  expect(bells.find((b) => b.kind === 'auto_closed')!.body).toContain(caseNumber);
  expect(await systemEvents(id)).toHaveLength(2);
  expect(mailsAbout(caseNumber).filter((m) => m.subject.startsWith('Påminnelse'))).toHaveLength(1);
  expect(mailsAbout(caseNumber).filter((m) => m.subject.endsWith('har avslutats'))).toHaveLength(1);
  for (const b of bells) expect(b.createdAt.getTime() >= opensAt.getTime() || b.kind === 'received' || b.kind === 'info_request' || b.kind === 'status').toBe(true);

  // The customer's case in the API and on the portal page tells what happened, in Swedish.
  const own = await h.api('GET', `/api/v1/cases/${caseNumber}`, { token: h.customerToken });
  expect(own.status).toBe(200);
  expect((own.json.timeline as Array<{ action: string }>).map((e) => e.action).slice(-2)).toEqual(['customer_reminder', 'auto_close']);

  const page = await (await logInWithELegitimation(h.baseUrl, await loginableCustomer(h, '19850709'))).api('GET', `/mina-sidor/arenden/${caseNumber}`);
  expect(page.status).toBe(200);
  expect(page.json).toContain('Vi påminde dig om att svara på vår fråga');
  expect(page.json).toContain('Ärendet avslutades eftersom vi inte fick svar på vår fråga');
  expect(page.json).toContain('Skicka in ett nytt ärende');

  // The back office's case page: both events, the resolution on the close.
  const staffView = await h.api('GET', `/api/admin/cases/${caseNumber}`, { token: h.staffToken });
  expect(staffView.status).toBe(200);
  expect((staffView.json.timeline as Array<{ action: string; actor: { type: string }; data?: { resolution: string } }>).slice(-2)).toMatchObject([
    { action: 'customer_reminder', actor: { type: 'system' } },
    { action: 'auto_close', actor: { type: 'system' }, data: { resolution: AUTO_CLOSE_RESOLUTION } },
  ]);

  const history = await recordHistory(handle, 'customer-reminders');
  expect(history).not.toContain(h.customerEmail);
}, 120_000);

it('a customer message before the reminder cancels both; asking again starts the count over', async () => {
  await sleep(Math.max(0, opensAt.getTime() + 500 - Date.now()));
  const { caseNumber, id } = await submitQuestion('Fel i fakturan');
  expect((await h.staffAction(caseNumber, 'take')).status).toBe(200);
  expect((await askForMore(caseNumber)).status).toBe(200);
  await sleep(DAY_MS * 0.6);
  const answered = await h.api('POST', `/api/v1/cases/${caseNumber}/messages`, { token: h.customerToken, body: { body: 'Det gäller konto 4711.' } });
  expect(answered.status).toBe(200);
  const handle = await h.caseWorkflow(caseNumber);
  // Back in handling: the resolution clock runs again.
  expect((await handle.query(serviceLevelsQuery))!.resolution.runningSince).not.toBeNull();

  // Past both the reminder and the close of the first question: neither came.
  await sleep(2 * DAY_MS + SLACK_MS);
  expect(await systemEvents(id)).toEqual([]);
  expect((await h.db.selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('in_progress');

  // Asked again: a new wait, reminded one business day after the new question, not before.
  expect((await askForMore(caseNumber)).status).toBe(200);
  const askedAt = Date.now();
  const [reminder] = await eventually(() => systemEvents(id), (e) => e.length >= 1, 'the reminder of the second question');
  expect(reminder!.action).toBe('customer_reminder');
  expect(reminder!.createdAt.getTime()).toBeGreaterThanOrEqual(askedAt + DAY_MS - 1_000);
  // Answered after the reminder: no close.
  expect((await h.api('POST', `/api/v1/cases/${caseNumber}/messages`, { token: h.customerToken, body: { body: 'Kontot är 4711.' } })).status).toBe(200);
  await sleep(DAY_MS + SLACK_MS);
  expect((await systemEvents(id)).map((e) => e.action)).toEqual(['customer_reminder']);
  expect((await h.staffAction(caseNumber, 'close', { resolution: 'Fakturan är rättad.' })).status).toBe(200);
}, 120_000);
