// recordTransition runs as a local activity (behind the 'record-transition-local-activity' patch): a case
// goes through its life without a single recordTransition activity task, and a transition whose write
// keeps failing is retried, inside the workflow task and then on durable timers, until Postgres has it.
// Both histories are recorded for tests/replay.test.ts (RECORD_HISTORIES=1).
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../activities/index.js';
import type { TransitionRecord } from '../activities/record-transition.js';
import { loadConfig } from '../config/index.js';
import { startOptions } from '../temporal/start-case.js';
import { caseDataConverter } from '../temporal/payload-codec.js';
import type { caseWorkflow } from '../workflows/case-workflow.js';
import { CASE_WORKFLOW_TYPE, caseStateQuery, caseUpdates } from '../workflows/messages.js';
import { question, sithsOrder } from '../scripts/sample-cases.js';
import { type Harness, startHarness, workflowBundle } from './helpers/harness.js';
import { recordHistory } from './helpers/record-history.js';

type HistoryEvent = { eventType: string; [k: string]: unknown };
const eventsOf = (json: string): HistoryEvent[] => JSON.parse(json).events;
const activityTypes = (events: HistoryEvent[]) =>
  events
    .filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')
    .map((e) => (e.activityTaskScheduledEventAttributes as { activityType: { name: string } }).activityType.name);

/** The activity type core writes into each local-activity marker (its own JSON, not a payload of ours). */
const localActivityTypes = (events: HistoryEvent[]) =>
  events
    .filter((e) => e.eventType === 'EVENT_TYPE_MARKER_RECORDED')
    .map((e) => e.markerRecordedEventAttributes as { markerName: string; details?: Record<string, { payloads?: Array<{ data?: string }> }> })
    .filter((m) => m.markerName === 'core_local_activity')
    .map((m) => JSON.parse(Buffer.from(m.details!.data!.payloads![0]!.data!, 'base64').toString('utf8')).activity_type as string);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

describe('recordTransition as a local activity', () => {
  it('runs a whole case without recordTransition activity tasks', async () => {
    const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(h.customerEmail, 1) });
    expect(submitted.status).toBe(201);
    const caseNumber: string = submitted.json.caseNumber;
    await h.mailsTo(h.customerEmail, 1);
    expect((await h.staffAction(caseNumber, 'take')).status).toBe(200);
    expect((await h.staffAction(caseNumber, 'note', { body: 'Intern anteckning.' })).status).toBe(200);
    expect((await h.staffAction(caseNumber, 'request-info', { body: 'Vilken e-post?' })).json.status).toBe('awaiting_customer');
    const answer = await h.api('POST', `/api/v1/cases/${caseNumber}/messages`, { token: h.customerToken, body: { body: 'Den här.' } });
    expect(answer.json.status).toBe('in_progress');
    expect((await h.staffAction(caseNumber, 'close', { resolution: 'Klart.' })).json.status).toBe('closed');
    const handle = await h.caseWorkflow(caseNumber);
    for (let i = 0; (await handle.query(caseStateQuery)).pendingEmails > 0; i++) {
      if (i > 200) throw new Error('e-mail still pending after 20 s');
      await new Promise((r) => setTimeout(r, 100));
    }

    const row = await h.db.selectFrom('cases').select(['id', 'status', 'version']).where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'closed', version: 6 });
    const timeline = await h.db.selectFrom('case_events').select('action').where('caseId', '=', row.id).orderBy('version').execute();
    expect(timeline.map((e) => e.action)).toEqual(['submit', 'take', 'note', 'request_info', 'customer_message', 'close']);

    expect(await handle.query(caseStateQuery)).toMatchObject({ status: 'closed', version: 6, pendingEmails: 0 });
    const events = eventsOf(await recordHistory(handle, 'local-transition'));
    expect(activityTypes(events)).not.toContain('recordTransition');
    expect(activityTypes(events)).toContain('sendCaseEmail');
    expect(localActivityTypes(events).filter((t) => t === 'recordTransition')).toHaveLength(5);
  });

  it('retries a failing write until Postgres has it, past the local retry threshold', { timeout: 90_000 }, async () => {
    // A worker of its own whose recordTransition fails its first attempts as an unreachable Postgres would.
    const real = createActivities(h.deps);
    let failuresLeft = 0;
    const attempts: Array<{ attempt: number; isLocal: boolean }> = [];
    const activities = {
      ...real,
      async recordTransition(t: TransitionRecord) {
        const { attempt, isLocal } = Context.current().info;
        attempts.push({ attempt, isLocal });
        if (failuresLeft > 0) {
          failuresLeft--;
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432 (test)'), { code: 'ECONNREFUSED' });
        }
        return real.recordTransition(t);
      },
    };
    const taskQueue = `test-local-${randomUUID()}`;
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const worker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue,
      activities,
      dataConverter: caseDataConverter(loadConfig().TEMPORAL_PAYLOAD_KEY),
      workflowBundle: await workflowBundle(),
    });
    try {
      await worker.runUntil(async () => {
        const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: question(h.customerEmail) });
        const caseNumber: string = submitted.json.caseNumber;
        const row = await h.db.selectFrom('cases').selectAll().where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
        // Move the case's workflow onto this worker's task queue.
        const old = h.temporal.workflow.getHandle(row.workflowId);
        await old.terminate('test: run on a worker whose writes fail');
        const options = startOptions(row, { ...h.workflow, taskQueue });
        const handle = await h.temporal.workflow.start<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, {
          ...options,
          args: [{ ...options.args[0], isNew: false }],
        });

        // Backoffs 0.5, 1, 2, 4 s run inside the workflow task; the fifth (8 s) is a durable timer.
        failuresLeft = 5;
        const started = Date.now();
        const view = await handle.executeUpdate(caseUpdates.take, {
          args: [{ requestId: randomUUID(), actor: { type: 'staff', id: h.staffId } }],
          updateId: randomUUID(),
        });
        expect(view).toMatchObject({ status: 'in_progress', version: 2 });
        expect(Date.now() - started).toBeGreaterThan(14_000);
        expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(attempts.every((a) => a.isLocal)).toBe(true);
        const written = await h.db.selectFrom('cases').select(['status', 'version']).where('id', '=', row.id).executeTakeFirstOrThrow();
        expect(written).toEqual({ status: 'in_progress', version: 2 });

        const events = eventsOf(await recordHistory(handle, 'local-transition-retried'));
        expect(activityTypes(events)).not.toContain('recordTransition');
        expect(events.filter((e) => e.eventType === 'EVENT_TYPE_TIMER_STARTED').length).toBeGreaterThanOrEqual(1);
        await handle.terminate('test done');
      });
    } finally {
      await connection.close();
    }
  });
});
