// One workflow, one case: a recreated database numbers cases from 00001 again while Temporal keeps the
// old cases' workflows, and every new case still gets a new workflow of its own, started with its own id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { question } from '../scripts/sample-cases.js';
import { dropDatabase, freshDatabase } from '../scripts/throwaway-databases.js';
import { AesGcmPayloadCodec } from '../temporal/payload-codec.js';
import type { CaseWorkflowInput } from '../workflows/messages.js';
import { type Harness, startHarness } from './helpers/harness.js';

const name = `kundportal_workflow_identity_${process.pid}`;
const codec = new AesGcmPayloadCodec(loadConfig().TEMPORAL_PAYLOAD_KEY);
let url: string | undefined;
let h: Harness | undefined;

/** An empty, migrated database under the same name each time, as after a drop and a fresh start. */
async function recreateDatabase() {
  url = await freshDatabase(loadConfig().DATABASE_URL, name);
  const db = createDb(url, { max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  return url;
}

beforeAll(async () => {
  h = await startHarness({ databaseUrl: await recreateDatabase() });
});
afterAll(async () => {
  await h?.stop();
  if (url) await dropDatabase(url);
});

async function submitTwo(harness: Harness) {
  const cases = [];
  for (let i = 0; i < 2; i++) {
    const res = await harness.api('POST', '/api/v1/cases', { token: harness.customerToken, body: question(harness.customerEmail) });
    expect(res.status).toBe(201);
    cases.push(
      await harness.db.selectFrom('cases').select(['id', 'caseNumber', 'workflowId']).where('caseNumber', '=', res.json.caseNumber).executeTakeFirstOrThrow(),
    );
  }
  return cases;
}

/** The input a workflow was started with, decrypted. */
async function startInput(harness: Harness, workflowId: string) {
  const history = await harness.temporal.workflow.getHandle(workflowId).fetchHistory();
  const payloads = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
  const [input] = await codec.decode(payloads ?? []);
  return defaultPayloadConverter.fromPayload<CaseWorkflowInput>(input!);
}

describe('a database recreated while Temporal keeps running', () => {
  it('gives every new case its own workflow, though case numbers start again from 00001', async () => {
    const before = await submitTwo(h!);
    expect(before.map((c) => c.caseNumber.slice(-5))).toEqual(['00001', '00002']);
    for (const c of before) {
      expect(c.workflowId).toMatch(new RegExp(`^${c.caseNumber}-[0-9a-f]{10}$`));
      expect(await startInput(h!, c.workflowId)).toMatchObject({ caseId: c.id, caseNumber: c.caseNumber });
    }

    // The database goes; Temporal and the old workflows stay.
    await h!.stop();
    h = undefined;
    await dropDatabase(url!);
    h = await startHarness({ databaseUrl: await recreateDatabase() });

    const after = await submitTwo(h);
    expect(after.map((c) => c.caseNumber)).toEqual(before.map((c) => c.caseNumber));
    for (const [i, c] of after.entries()) {
      const old = before[i]!;
      expect(c.workflowId).not.toBe(old.workflowId);
      expect(c.workflowId.startsWith(`${c.caseNumber}-`)).toBe(true);
      // A workflow of its own, started for this case: a run of one, whose input names the new row.
      expect(await startInput(h, c.workflowId)).toMatchObject({ caseId: c.id, caseNumber: c.caseNumber, isNew: true });
      const runs = [];
      for await (const w of h.temporal.workflow.list({ query: `WorkflowId = '${c.workflowId}'` })) runs.push(w);
      expect(runs).toHaveLength(1);
      // The old case's workflow is untouched and still names the old row.
      expect((await h.temporal.workflow.getHandle(old.workflowId).describe()).status.name).toBe('RUNNING');
      expect(await startInput(h, old.workflowId)).toMatchObject({ caseId: old.id });
    }

    // Actions reach the new case's workflow, not the old one's.
    const take = await h.staffAction(after[0]!.caseNumber, 'take');
    expect(take.status).toBe(200);
    expect(take.json).toMatchObject({ status: 'in_progress', version: 2 });
    const timeline = await h.db.selectFrom('case_events').select('action').where('caseId', '=', after[0]!.id).orderBy('version').execute();
    expect(timeline.map((e) => e.action)).toEqual(['submit', 'take']);
  });
});
