// Starts the workflow of any case whose start was lost between the API's commit and its start call.
import type { Client } from '@temporalio/client';
import { markWorkflowStarted, unstartedCases } from '../db/cases.js';
import type { Db } from '../db/client.js';
import { type CaseWorkflowSettings, startCaseWorkflow } from '../temporal/start-case.js';

export async function reconcileOnce(db: Db, client: Client, settings: CaseWorkflowSettings, graceMs: number) {
  const rows = await unstartedCases(db, new Date(Date.now() - graceMs));
  for (const row of rows) {
    await startCaseWorkflow(client, row, settings);
    await markWorkflowStarted(db, row.id);
  }
  return rows.length;
}

export function startReconciler(
  db: Db,
  client: Client,
  settings: CaseWorkflowSettings,
  opts: { intervalMs: number; graceMs: number; log?: (msg: string) => void },
) {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = reconcileOnce(db, client, settings, opts.graceMs).then(
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
