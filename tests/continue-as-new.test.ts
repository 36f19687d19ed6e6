// History stays bounded: the workflow continues as new with its state intact and keeps working.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { caseWorkflow } from '../workflows/case-workflow.js';
import { CASE_WORKFLOW_TYPE, caseStateQuery } from '../workflows/messages.js';
import { startOptions } from '../temporal/start-case.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { question } from '../scripts/sample-cases.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

it('continues as new after many actions and keeps status, version and pending e-mail', async () => {
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: question(h.customerEmail) });
  const caseNumber = submitted.json.caseNumber as string;
  const row = await h.db.selectFrom('cases').selectAll().where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  await h.mailsTo(h.customerEmail, 1);
  // Replace the run with one whose continue-as-new threshold is tiny (the test hook).
  const handle = h.temporal.workflow.getHandle(row.workflowId);
  const firstRunId = (await handle.describe()).runId;
  await handle.terminate('test: restart with a small history limit');
  const options = startOptions(row, h.workflow);
  await h.temporal.workflow.start<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, {
    ...options,
    args: [{ ...options.args[0], isNew: false, continueAsNewAfterEvents: 20 }],
  });

  for (let i = 0; i < 6; i++) {
    const note = await h.staffAction(caseNumber, 'note', { body: `Anteckning ${i + 1}` });
    expect(note.status).toBe(200);
  }
  const take = await h.staffAction(caseNumber, 'take');
  expect(take.json).toMatchObject({ status: 'in_progress', version: 8 });
  await h.mailsTo(h.customerEmail, 2);

  const description = await handle.describe();
  expect(description.runId).not.toBe(firstRunId);
  expect(description.raw.workflowExecutionInfo?.firstRunId).not.toBe(description.runId); // continued at least once
  expect(await handle.query(caseStateQuery)).toMatchObject({
    status: 'in_progress',
    version: 8,
    assigneeId: h.staffId,
  });
  const dbRow = await h.db.selectFrom('cases').select(['version', 'status']).where('id', '=', row.id).executeTakeFirstOrThrow();
  expect(dbRow).toEqual({ version: 8, status: 'in_progress' });
});
