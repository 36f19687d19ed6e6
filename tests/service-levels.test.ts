// The service-level clocks on real Postgres and Temporal, with a business calendar whose window opens a
// few seconds into the test: both clocks start counting at the opening, first response stops at the
// first public reply, resolution pauses in Väntar på kund and resumes, a changed target reaches the
// running case, the clocks survive closing, the workflow's completion and reopening, and a restart
// from Postgres and continue-as-new. Due times are checked in Postgres and in Temporal's visibility.
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertStaff } from '../db/people.js';
import { insertTargets } from '../db/service-levels.js';
import { DEFAULT_SERVICE_LEVEL_TARGETS } from '../domain/service-levels.js';
import { createApiToken } from '../db/tokens.js';
import { serviceLevelRollout } from '../services/service-levels.js';
import { startOptions } from '../temporal/start-case.js';
import { businessCalendar, type BusinessCalendarConfig } from '../workflows/business-hours.js';
import type { caseWorkflow } from '../workflows/case-workflow.js';
import { CASE_WORKFLOW_TYPE, serviceLevelsQuery } from '../workflows/messages.js';
import { CaseFirstResponseDueAtSA, CaseResolutionDueAtSA, CaseSlaStateSA } from '../workflows/search-attributes.js';
import { question } from '../scripts/sample-cases.js';
import { type Harness, RUN_ID, sleep, startHarness } from './helpers/harness.js';
import { recordHistory } from './helpers/record-history.js';
import { windowFrom } from '../scripts/opening-window.js';

const OPENS_IN_MS = 8_000;
const MINUTE = 60_000;

let h: Harness;
let opensAt: Date;
let calendar: BusinessCalendarConfig;
let adminToken: string;

beforeAll(async () => {
  // Closed cases complete their workflow after 3 s: a reopening then starts a new run from Postgres.
  h = await startHarness({ closedRetentionMs: 3_000 });
  // A window that opens a few seconds from now, every day: the test runs at any hour. Set once the
  // harness is up (its start takes seconds); cases started from now on run on it.
  opensAt = new Date(Math.ceil((Date.now() + OPENS_IN_MS) / 1000) * 1000);
  calendar = windowFrom(opensAt, 3);
  h.workflow.calendar = calendar;
  const admin = await upsertStaff(h.db, { name: 'Ada Administratör', email: `ada.${RUN_ID}@kundportal.local`, role: 'admin' });
  adminToken = await createApiToken(h.db, { staffId: admin }, 'test');
});
afterAll(async () => {
  // Other test files share the database: no case of ours left running against the clock, and
  // 'improvement' back on its defaults.
  for (const caseNumber of submittedHere) await h?.staffAction(caseNumber, 'close', { resolution: 'Testet är klart.' });
  await h?.api('PUT', '/api/admin/service-levels/improvement', { token: adminToken, body: DEFAULT_SERVICE_LEVEL_TARGETS.improvement });
  await h?.stop();
});
const submittedHere: string[] = [];

const cal = () => businessCalendar(calendar);

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

const clocksOf = (caseId: number) => h.db.selectFrom('case_service_levels').selectAll().where('caseId', '=', caseId).executeTakeFirst();
const slaDueOf = async (caseId: number) =>
  (await h.db.selectFrom('cases').select('slaDueAt').where('id', '=', caseId).executeTakeFirstOrThrow()).slaDueAt;

const setTargets = (body: Record<string, number>) => h.api('PUT', '/api/admin/service-levels/improvement', { token: adminToken, body });

/** Visibility (eventually consistent): the workflow ids a query finds. */
async function found(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of h.temporal.workflow.list({ query })) ids.push(wf.workflowId);
  return ids;
}

describe('a case measured in business time', () => {
  let caseNumber: string;
  let caseId: number;
  let handle: WorkflowHandle;
  let revision: number;

  it('targets set by an administrator apply to a case submitted while the office is closed, from the opening', async () => {
    const put = await setTargets({ firstResponseMinutes: 20, resolutionMinutes: 40, reminderAfterDays: 2, autoCloseAfterDays: 4 });
    expect(put.status).toBe(200);
    revision = put.json.revision;
    expect(put.json.history[0]).toMatchObject({ revision, firstResponseMinutes: 20, resolutionMinutes: 40, changedByName: 'Ada Administratör' });

    const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: { ...question(h.customerEmail), type: 'improvement' } });
    expect(submitted.status).toBe(201);
    caseNumber = submitted.json.caseNumber;
    submittedHere.push(caseNumber);
    const row = await h.db.selectFrom('cases').select(['id', 'createdAt']).where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    caseId = row.id;
    handle = await h.caseWorkflow(caseNumber);
    expect(row.createdAt.getTime()).toBeLessThan(opensAt.getTime());

    const clocks = await eventually(() => clocksOf(caseId), (c) => c !== undefined, 'the clocks in Postgres');
    // Submitted while closed: counting starts at the opening.
    expect(clocks!.firstResponseDueAt).toEqual(cal().addBusinessMinutes(row.createdAt, 20));
    expect(clocks!.firstResponseDueAt!.getTime()).toBe(opensAt.getTime() + 20 * MINUTE);
    expect(clocks!.resolutionDueAt!.getTime()).toBe(opensAt.getTime() + 40 * MINUTE);
    expect(clocks).toMatchObject({ targetRevision: revision, firstResponseElapsedMinutes: 0, resolutionElapsedMinutes: 0, firstResponseStoppedAt: null });
    expect(await slaDueOf(caseId)).toEqual(clocks!.firstResponseDueAt);

    // Search attributes: on the workflow once the task that wrote the clocks completes (the local
    // activity's write is in Postgres a moment before), and in visibility for an ops query.
    const attributes = await eventually(
      async () => (await handle.describe()).typedSearchAttributes,
      (a) => a.get(CaseFirstResponseDueAtSA) !== undefined,
      'the search attributes on the workflow',
    );
    expect(attributes.get(CaseFirstResponseDueAtSA)).toEqual(clocks!.firstResponseDueAt);
    expect(attributes.get(CaseResolutionDueAtSA)).toEqual(clocks!.resolutionDueAt);
    expect(attributes.get(CaseSlaStateSA)).toBe('running');
    const due = clocks!.resolutionDueAt!;
    const query = (op: string, at: Date) => `WorkflowId = '${handle.workflowId}' AND CaseResolutionDueAt ${op} "${at.toISOString()}"`;
    await eventually(() => found(query('<', new Date(due.getTime() + 1000))), (ids) => ids.length === 1, 'the case in visibility');
    expect(await found(query('<', new Date(due.getTime() - 1000)))).toEqual([]);
    expect(await found(`WorkflowId = '${handle.workflowId}' AND CaseSlaState = 'running'`)).toEqual([handle.workflowId]);
  });

  it('first response runs through taking and notes and stops at the first public reply', async () => {
    await sleep(Math.max(0, opensAt.getTime() + 1000 - Date.now()));
    expect((await h.staffAction(caseNumber, 'take')).status).toBe(200);
    expect((await h.staffAction(caseNumber, 'note', { body: 'Intern: kollar.' })).status).toBe(200);
    let clocks = await clocksOf(caseId);
    expect(clocks!.firstResponseStoppedAt).toBeNull();
    expect(clocks!.firstResponseDueAt!.getTime()).toBe(opensAt.getTime() + 20 * MINUTE);

    expect((await h.staffAction(caseNumber, 'reply', { body: 'Vi tittar på förslaget.' })).status).toBe(200);
    clocks = await clocksOf(caseId);
    const answeredAt = clocks!.firstResponseStoppedAt!;
    expect(answeredAt.getTime()).toBeGreaterThan(opensAt.getTime());
    expect(clocks!.firstResponseElapsedMinutes).toBeCloseTo((answeredAt.getTime() - opensAt.getTime()) / MINUTE, 6);
    expect(clocks!.firstResponseDueAt).toBeNull();
    expect(await slaDueOf(caseId)).toEqual(clocks!.resolutionDueAt);
    expect((await handle.describe()).typedSearchAttributes.get(CaseFirstResponseDueAtSA)).toBeUndefined();
  });

  it('resolution pauses while the case waits for the customer and resumes where it stopped', async () => {
    const dueBefore = (await clocksOf(caseId))!.resolutionDueAt!;
    expect((await h.staffAction(caseNumber, 'request-info', { body: 'Vilken tjänst gäller det?' })).status).toBe(200);
    const paused = (await clocksOf(caseId))!;
    expect(paused).toMatchObject({ resolutionRunningSince: null, resolutionDueAt: null, resolutionStoppedAt: null });
    expect(paused.resolutionElapsedMinutes).toBeGreaterThan(0);
    expect(await slaDueOf(caseId)).toBeNull();
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(CaseResolutionDueAtSA)).toBeUndefined();
    expect(attributes.get(CaseSlaStateSA)).toBe('paused');
    const pausedAt = opensAt.getTime() + paused.resolutionElapsedMinutes * MINUTE;

    await sleep(3_000);
    const answer = await h.api('POST', `/api/v1/cases/${caseNumber}/messages`, { token: h.customerToken, body: { body: 'E-tjänstekortet.' } });
    expect(answer.json.status).toBe('in_progress');
    const resumed = (await clocksOf(caseId))!;
    const resumedAt = resumed.resolutionRunningSince!.getTime();
    expect(resumed.resolutionElapsedMinutes).toBe(paused.resolutionElapsedMinutes);
    // The due time moved by exactly the pause (all of it inside the open window).
    expect(resumedAt - pausedAt).toBeGreaterThanOrEqual(3_000);
    expect(Math.abs(resumed.resolutionDueAt!.getTime() - (dueBefore.getTime() + (resumedAt - pausedAt)))).toBeLessThanOrEqual(1);
    expect((await handle.describe()).typedSearchAttributes.get(CaseSlaStateSA)).toBe('running');
  });

  it('a changed target reaches the running case', async () => {
    const before = (await clocksOf(caseId))!;
    const put = await setTargets({ firstResponseMinutes: 20, resolutionMinutes: 70, reminderAfterDays: 2, autoCloseAfterDays: 4 });
    expect(put.status).toBe(200);
    expect(put.json.revision).toBeGreaterThan(revision);
    revision = put.json.revision;
    const after = (await eventually(() => clocksOf(caseId), (c) => c?.targetRevision === revision, 'the new targets on the case'))!;
    expect(after.resolutionDueAt!.getTime() - before.resolutionDueAt!.getTime()).toBe(30 * MINUTE);
    expect(after.resolutionElapsedMinutes).toBe(before.resolutionElapsedMinutes);
    expect(after.targets).toMatchObject({ revision, resolutionMinutes: 70 });
    // The workflow writes Postgres from its task, and the attribute when the task completes.
    await eventually(
      async () => (await handle.describe()).typedSearchAttributes.get(CaseResolutionDueAtSA)?.getTime(),
      (t) => t === after.resolutionDueAt!.getTime(),
      'the moved due time on the workflow',
    );
    const moved = after.resolutionDueAt!.getTime();
    await eventually(
      () => found(`WorkflowId = '${handle.workflowId}' AND CaseResolutionDueAt BETWEEN "${new Date(moved - 1000).toISOString()}" AND "${new Date(moved + 1000).toISOString()}"`),
      (ids) => ids.length === 1,
      'the moved due time in visibility',
    );
  });

  it('a revision the API never sent out reaches it through the worker’s rollout pass', async () => {
    // As if the API had stopped between saving and signalling.
    const id = await insertTargets(h.db, 'improvement', { firstResponseMinutes: 20, resolutionMinutes: 100, reminderAfterDays: 2, autoCloseAfterDays: 4 }, (await h.db.selectFrom('staff').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow()).id);
    const before = (await clocksOf(caseId))!;
    expect(await serviceLevelRollout(h.db, h.temporal)()).toBeGreaterThanOrEqual(1);
    const after = (await eventually(() => clocksOf(caseId), (c) => c?.targetRevision === id, 'the swept targets on the case'))!;
    expect(after.resolutionDueAt!.getTime() - before.resolutionDueAt!.getTime()).toBe(30 * MINUTE);
    revision = id;
  });

  it('closing stops resolution; after the workflow completed, reopening resumes it from Postgres', async () => {
    const firstRun = (await handle.describe()).runId;
    expect((await h.staffAction(caseNumber, 'close', { resolution: 'Förslaget är inlagt.' })).status).toBe(200);
    const closed = (await clocksOf(caseId))!;
    expect(closed.resolutionStoppedAt).toBeInstanceOf(Date);
    expect(closed.resolutionDueAt).toBeNull();
    expect(await slaDueOf(caseId)).toBeNull();
    expect((await handle.describe()).typedSearchAttributes.get(CaseSlaStateSA)).toBe('stopped');
    const history = await recordHistory(h.temporal.workflow.getHandle(handle.workflowId, firstRun), 'service-levels');
    expect(history).not.toContain(question(h.customerEmail).contact.personnummer);

    await eventually(async () => (await handle.describe()).status.name, (s) => s === 'COMPLETED', 'the closed workflow to complete');
    expect((await h.staffAction(caseNumber, 'reopen')).status).toBe(200);
    const reopened = (await clocksOf(caseId))!;
    expect(reopened.resolutionElapsedMinutes).toBe(closed.resolutionElapsedMinutes);
    expect(reopened.resolutionStoppedAt).toBeNull();
    const since = reopened.resolutionRunningSince!;
    expect(since.getTime()).toBeGreaterThan(closed.resolutionStoppedAt!.getTime());
    expect(reopened.resolutionDueAt).toEqual(cal().addBusinessMinutes(since, 100 - closed.resolutionElapsedMinutes));
    // First response was answered in the first run and stays answered.
    expect(reopened.firstResponseStoppedAt).toEqual(closed.firstResponseStoppedAt);
    expect(reopened.firstResponseElapsedMinutes).toBe(closed.firstResponseElapsedMinutes);
    const newRun = h.temporal.workflow.getHandle(handle.workflowId);
    expect((await newRun.describe()).runId).not.toBe(firstRun);
    expect(await newRun.query(serviceLevelsQuery)).toMatchObject({ targets: { revision }, resolution: { elapsedMinutes: closed.resolutionElapsedMinutes } });
    expect((await newRun.describe()).typedSearchAttributes.get(CaseResolutionDueAtSA)).toEqual(reopened.resolutionDueAt);
  });
});

it('the clocks survive a restart from Postgres and continue-as-new', async () => {
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: { ...question(h.customerEmail), type: 'improvement' } });
  const caseNumber = submitted.json.caseNumber as string;
  submittedHere.push(caseNumber);
  const row = await h.db.selectFrom('cases').selectAll().where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  await sleep(Math.max(0, opensAt.getTime() + 500 - Date.now()));
  expect((await h.staffAction(caseNumber, 'request-info', { body: 'Vilken version?' })).status).toBe(200);
  const before = (await clocksOf(row.id))!;
  expect(before.resolutionRunningSince).toBeNull();

  // Replace the run with one that continues as new after a few events (the test hook).
  const handle = h.temporal.workflow.getHandle(row.workflowId);
  await handle.terminate('test: restart with a small history limit');
  const current = await h.db.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  const options = startOptions(current, h.workflow);
  await h.temporal.workflow.start<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, {
    ...options,
    args: [{ ...options.args[0], isNew: false, continueAsNewAfterEvents: 20 }],
  });
  const restarted = await eventually(() => handle.query(serviceLevelsQuery), (c) => c !== null, 'the restarted run to measure');
  expect(restarted!.resolution).toEqual({ elapsedMinutes: before.resolutionElapsedMinutes, runningSince: null, stoppedAt: null, dueAt: null });
  expect(restarted!.firstResponse.stoppedAt).toBe(before.firstResponseStoppedAt!.toISOString());

  for (let i = 0; i < 6; i++) expect((await h.staffAction(caseNumber, 'note', { body: `Anteckning ${i + 1}` })).status).toBe(200);
  const description = await handle.describe();
  expect(description.raw.workflowExecutionInfo?.firstRunId).not.toBe(description.runId); // continued at least once
  const carried = await handle.query(serviceLevelsQuery);
  expect(carried!.resolution.elapsedMinutes).toBe(before.resolutionElapsedMinutes);
  expect(carried!.seq).toBeGreaterThan(restarted!.seq);

  const answer = await h.api('POST', `/api/v1/cases/${caseNumber}/messages`, { token: h.customerToken, body: { body: 'Version 2.' } });
  expect(answer.json.status).toBe('in_progress');
  const resumed = (await clocksOf(row.id))!;
  expect(resumed.resolutionElapsedMinutes).toBe(before.resolutionElapsedMinutes);
  expect(resumed.resolutionDueAt).toEqual(cal().addBusinessMinutes(resumed.resolutionRunningSince!, resumed.targets.resolutionMinutes - before.resolutionElapsedMinutes));
  expect((await handle.describe()).typedSearchAttributes.get(CaseResolutionDueAtSA)).toEqual(resumed.resolutionDueAt);
});
