// Starts the workflow of any case whose start was lost between the API's commit and its start call.
import type { Client } from '@temporalio/client';
import { markWorkflowStarted, unstartedCases } from '../db/cases.js';
import type { Db } from '../db/client.js';
import { type CaseWorkflowSettings, startCaseWorkflow } from '../temporal/start-case.js';

export async function reconcileOnce(
  db: Db,
  client: Client,
  settings: CaseWorkflowSettings,
  graceMs: number,
  log?: (msg: string) => void,
) {
  const rows = await unstartedCases(db, new Date(Date.now() - graceMs));
  let started = 0;
  for (const row of rows) {
    // One case that cannot start must not hold back the cases behind it.
    try {
      await startCaseWorkflow(client, row, settings);
      await markWorkflowStarted(db, row.id);
      started++;
    } catch (err) {
      log?.(`reconciler: ${row.caseNumber}: ${(err as Error).message}`);
    }
  }
  return started;
}

export function startReconciler(
  db: Db,
  client: Client,
  settings: CaseWorkflowSettings,
  opts: { intervalMs: number; graceMs: number; log?: (msg: string) => void },
) {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = reconcileOnce(db, client, settings, opts.graceMs, opts.log).then(
      (n) => n > 0 && opts.log?.(`reconciler: started ${n} case workflow(s)`),
      (err) => opts.log?.(`reconciler: ${(err as Error).message}`),
    );
  };
  const timer = setInterval(tick, opts.intervalMs);
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
