// Runs a handler or customer action through the case workflow's Update and turns refusals into reasons.
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type CaseAction, checkTransition } from '../domain/index.js';
import type { CaseRow } from '../db/cases.js';
import { type ActionCommand, type CaseView, caseUpdates } from '../workflows/messages.js';
import { type CaseWorkflowSettings, startOperation } from './start-case.js';

export type ActionOutcome = { ok: true; view: CaseView } | { ok: false; reason: string };

const ACTION_DEADLINE_MS = 15_000;

/**
 * The run has completed (or never started). The client turns every NOT_FOUND from the server into
 * this error, also "workflow execution already completed" and an Update aborted by the run closing.
 */
const isFinished = (err: unknown): boolean => err instanceof WorkflowNotFoundError;

export async function runCaseAction(
  client: Client,
  settings: CaseWorkflowSettings,
  row: CaseRow,
  action: CaseAction,
  cmd: ActionCommand,
): Promise<ActionOutcome> {
  const update = caseUpdates[action];
  const withDeadline = <T>(fn: () => Promise<T>) => client.withDeadline(Date.now() + ACTION_DEADLINE_MS, fn);
  try {
    const view = await withDeadline(() =>
      client.workflow.getHandle(row.caseNumber).executeUpdate(update, { args: [cmd], updateId: cmd.requestId }),
    );
    return { ok: true, view };
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { ok: false, reason: err.cause.message };
    }
    if (!isFinished(err)) throw err;
  }
  // The run completed (a case closed long ago): Postgres holds the truth.
  const transition = checkTransition(row.status, action);
  if (!transition.ok) return { ok: false, reason: transition.reason };
  try {
    const view = await withDeadline(() =>
      client.workflow.executeUpdateWithStart(update, {
        args: [cmd],
        updateId: cmd.requestId,
        startWorkflowOperation: startOperation(row, settings),
      }),
    );
    return { ok: true, view };
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { ok: false, reason: err.cause.message };
    }
    throw err;
  }
}
