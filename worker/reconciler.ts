// Starts the workflow of any case whose start was lost between the API's commit and its start call.
import type { Client } from '@temporalio/client';
import { markWorkflowStarted, unstartedCases } from '../db/cases.js';
import type { Db } from '../db/client.js';
import { type CaseWorkflowSettings, startCaseWorkflow } from '../temporal/start-case.js';

/** Bounds one start, so a Temporal that is away costs seconds per pass, not the SDK's long retries. */
const START_DEADLINE_MS = 5_000;
/** This many failed starts in a row means Temporal (or Postgres) is away, not one bad case: stop the pass. */
const FAILURES_IN_A_ROW = 3;
const FIRST_BACKOFF_MS = 1_000;

export async function reconcileOnce(
  db: Db,
  client: Client,
  settings: CaseWorkflowSettings,
  graceMs: number,
  log?: (msg: string) => void,
) {
  const rows = await unstartedCases(db, new Date(Date.now() - graceMs));
  let started = 0;
  let failuresInARow = 0;
  for (const row of rows) {
    // One case that cannot start must not hold back the cases behind it.
    try {
      await client.withDeadline(Date.now() + START_DEADLINE_MS, () => startCaseWorkflow(client, row, settings));
      await markWorkflowStarted(db, row.id);
      started++;
      failuresInARow = 0;
    } catch (err) {
      log?.(`reconciler: ${row.caseNumber}: ${(err as Error).message}`);
      if (++failuresInARow >= FAILURES_IN_A_ROW) throw new Error(`${failuresInARow} starts failed in a row, last: ${(err as Error).message}`, { cause: err });
    }
  }
  return started;
}

/**
 * Runs `reconcileOnce` every `intervalMs`. A failed pass (Postgres or Temporal away) is logged and
 * retried after 1 s, 2 s, 4 s … up to `intervalMs`; nothing escapes the loop.
 */
export function startReconciler(
  db: Db,
  client: Client,
  settings: CaseWorkflowSettings,
  opts: { intervalMs: number; graceMs: number; log?: (msg: string) => void },
) {
  let stopped = false;
  let wake = () => {};
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => (clearTimeout(timer), resolve());
    });

  const loop = async () => {
    let failures = 0;
    let reason = '';
    while (!stopped) {
      try {
        const n = await reconcileOnce(db, client, settings, opts.graceMs, opts.log);
        if (n > 0) opts.log?.(`reconciler: started ${n} case workflow(s)`);
        if (failures > 0) opts.log?.('reconciler: running again');
        failures = 0;
      } catch (err) {
        failures++;
        reason = (err as Error).message;
      }
      const delay = failures > 0 ? Math.min(opts.intervalMs, FIRST_BACKOFF_MS * 2 ** (failures - 1)) : opts.intervalMs;
      if (failures > 0) opts.log?.(`reconciler: pass failed (${failures} in a row: ${reason}); next try in ${delay} ms`);
      if (!stopped) await pause(delay);
    }
  };
  const done = loop();
  return async () => {
    stopped = true;
    wake();
    await done;
  };
}
