// A crash between the API's commit and its workflow start loses nothing: the reconciler finds the
// committed case, starts its workflow once, and the customer gets one receipt.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseRow, insertSubmittedCase, unstartedCases } from '../db/cases.js';
import { caseSubmissionSchema } from '../domain/index.js';
import { startCaseWorkflow } from '../temporal/start-case.js';
import { caseStateQuery } from '../workflows/messages.js';
import { reconcileOnce } from '../worker/reconciler.js';
import { type Harness, RUN_ID, sleep, startHarness } from './helpers/harness.js';
import { PICKUP_OFFICE, sithsOrder } from '../scripts/sample-cases.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const run = RUN_ID;
const mailsTo = (to: string) => h.receivedBy(to);
const schema = caseSubmissionSchema({ pickupOffices: [PICKUP_OFFICE] });

/** What the API commits for a submission, without the workflow start that follows the commit. */
async function commitWithoutStart(email: string): Promise<CaseRow> {
  const parsed = schema.parse(sithsOrder(email, 2));
  return h.db.transaction().execute((trx) =>
    insertSubmittedCase(trx, {
      sealedSubmission: h.cipher.sealSubmission(parsed),
      reporterId: h.accountId,
      organisationId: h.organisationId,
    }),
  );
}

const startedAt = async (id: number) =>
  (await h.db.selectFrom('cases').select('workflowStartedAt').where('id', '=', id).executeTakeFirstOrThrow()).workflowStartedAt;

async function runsOf(workflowId: string) {
  const runs = [];
  for await (const w of h.temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(w);
  return runs;
}

describe('reconcileOnce', () => {
  it('starts the workflow of a case committed without one, exactly once', async () => {
    const email = `reconcile.${run}@exempel.se`;
    const row = await commitWithoutStart(email);
    const handle = h.temporal.workflow.getHandle(row.workflowId);

    expect(await startedAt(row.id)).toBeNull();
    await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect((await unstartedCases(h.db, new Date(Date.now() + 1000))).map((r) => r.id)).toContain(row.id);

    // A grace period longer than the case's age leaves it alone.
    await reconcileOnce(h.db, h.temporal, h.workflow, 60_000);
    expect(await startedAt(row.id)).toBeNull();
    await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

    await sleep(5); // created_at must lie strictly before "now - 0"
    const started = await reconcileOnce(h.db, h.temporal, h.workflow, 0);
    expect(started).toBeGreaterThanOrEqual(1);

    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.taskQueue).toBe(h.workflow.taskQueue);
    expect(await startedAt(row.id)).toBeInstanceOf(Date);
    expect(await handle.query(caseStateQuery)).toMatchObject({ caseNumber: row.caseNumber, status: 'submitted', version: 1 });

    const [receipt] = await h.mailsTo(email, 1);
    expect(receipt!.subject).toBe(`Ditt ärende ${row.caseNumber} är nu inskickat`);
    expect(receipt!.text).toContain(row.caseNumber);

    // Once more: the case is no longer pending and nothing is started again.
    const pending = (await unstartedCases(h.db, new Date())).map((r) => r.id);
    expect(pending).not.toContain(row.id);
    expect(await reconcileOnce(h.db, h.temporal, h.workflow, 0)).toBe(pending.length); // 0 unless other files left some
    await sleep(1500);
    expect(mailsTo(email)).toHaveLength(1);
    expect(await runsOf(row.workflowId)).toHaveLength(1);
    expect((await handle.describe()).runId).toBe(description.runId);
  });

  it('only marks a case whose workflow was started but not recorded as started', async () => {
    // The crash came after the start call and before markWorkflowStarted.
    const email = `reconcile-marked.${run}@exempel.se`;
    const row = await commitWithoutStart(email);
    await startCaseWorkflow(h.temporal, row, h.workflow);
    await h.mailsTo(email, 1);
    const runId = (await h.temporal.workflow.getHandle(row.workflowId).describe()).runId;
    expect(await startedAt(row.id)).toBeNull();

    await sleep(5);
    expect(await reconcileOnce(h.db, h.temporal, h.workflow, 0)).toBeGreaterThanOrEqual(1);
    expect(await startedAt(row.id)).toBeInstanceOf(Date);
    await sleep(1500);
    expect(mailsTo(email)).toHaveLength(1);
    expect(await runsOf(row.workflowId)).toHaveLength(1);
    expect((await h.temporal.workflow.getHandle(row.workflowId).describe()).runId).toBe(runId);
  });

  it('leaves the workflow usable: a handler can take the reconciled case', async () => {
    const email = `reconcile-take.${run}@exempel.se`;
    const row = await commitWithoutStart(email);
    await sleep(5);
    await reconcileOnce(h.db, h.temporal, h.workflow, 0);
    await h.mailsTo(email, 1);
    const take = await h.staffAction(row.caseNumber, 'take');
    expect(take.status).toBe(200);
    expect(take.json).toMatchObject({ status: 'in_progress', version: 2, assigneeId: h.staffId });
    const taken = (await h.mailsTo(email, 2))[1]!;
    expect(taken.subject).toBe(`Ärende ${row.caseNumber} har fått status Under behandling`);
  });

  it('starts several pending cases in one pass', async () => {
    const emails = [0, 1, 2].map((i) => `reconcile-many-${i}.${run}-${randomUUID().slice(0, 8)}@exempel.se`);
    const rows = [];
    for (const e of emails) rows.push(await commitWithoutStart(e));
    await sleep(5);
    expect(await reconcileOnce(h.db, h.temporal, h.workflow, 0)).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(await startedAt(r.id)).toBeInstanceOf(Date);
    for (const e of emails) await h.mailsTo(e, 1);
  });
});
