// Runs a handler or customer action through the case workflow's Update, and reads an action's outcome
// later by its request id (the Update id). An Update Temporal has admitted but the workflow has not
// finished within the deadline is `pending`: never an error that would invite a blind retry.
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
// CommonJS package: Node's ESM loader offers only its default export.
import proto from '@temporalio/proto';
import { type CaseAction, checkTransition } from '../domain/index.js';
import type { CaseRow } from '../db/cases.js';
import { type ActionCommand, type CaseView, caseUpdates } from '../workflows/messages.js';
import { type CaseWorkflowSettings, startOperation } from './start-case.js';

export type ActionOutcome = { state: 'done'; view: CaseView } | { state: 'refused'; reason: string } | { state: 'pending' };

/**
 * How long an action's request waits for the workflow before it is answered 202 with a status URL.
 * An action normally finishes in well under a second; 5 s covers a busy worker, and is short enough
 * that a person waiting at a button is told what goes on instead of guessing.
 */
const ACTION_DEADLINE_MS = 5_000;
/** How long a read of the status URL waits for a pending action to finish before answering 202 again. */
const OUTCOME_WAIT_MS = 2_000;
/** Asking whether Temporal knows the Update answers at once; this bounds it when Temporal is away. */
const STAGE_CHECK_MS = 2_000;

const Stage = proto.temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
const GRPC_NOT_FOUND = 5;

/**
 * The run has completed (or never started). The client turns every NOT_FOUND from the server into
 * this error, also "workflow execution already completed" and an Update aborted by the run closing.
 */
const isFinished = (err: unknown): boolean => err instanceof WorkflowNotFoundError;

/** The workflow refused the action (validator or handler): its reason. */
const refusal = (err: unknown): ActionOutcome | undefined =>
  err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? { state: 'refused', reason: err.cause.message } : undefined;

/**
 * How far Temporal has taken the Update (admitted, accepted, completed), or undefined when it knows
 * no Update of that id on the workflow's current run: never received, or rejected by the validator,
 * which leaves no trace. Asked with wait stage ADMITTED, the server answers at once.
 */
async function updateStage(client: Client, workflowId: string, updateId: string): Promise<number | undefined> {
  try {
    const res = await client.withDeadline(Date.now() + STAGE_CHECK_MS, () =>
      client.workflowService.pollWorkflowExecutionUpdate({
        namespace: client.options.namespace,
        updateRef: { workflowExecution: { workflowId }, updateId },
        identity: client.options.identity,
        waitPolicy: { lifecycleStage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED },
      }),
    );
    return res.stage ?? undefined;
  } catch (err) {
    if (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND) return undefined;
    throw err;
  }
}

/**
 * The outcome of an action by its Update id, waiting up to `waitMs` for one still pending; undefined
 * when Temporal knows no such Update (resending the action with the same id is then safe: the workflow
 * remembers the ids it has applied and answers those with the current state).
 */
export async function actionOutcome(client: Client, workflowId: string, updateId: string, waitMs = OUTCOME_WAIT_MS): Promise<ActionOutcome | undefined> {
  try {
    const handle = client.workflow.getHandle(workflowId).getUpdateHandle<CaseView>(updateId);
    return { state: 'done', view: await client.withDeadline(Date.now() + waitMs, () => handle.result()) };
  } catch (err) {
    const refused = refusal(err);
    if (refused) return refused;
    if (isFinished(err)) return undefined;
    if (!(err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)) throw err;
    // Still waiting, or Temporal away (then this throws, and the caller gets its outage answer).
    const stage = await updateStage(client, workflowId, updateId);
    if (stage === undefined) return undefined;
    if (stage < Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED) return { state: 'pending' };
    throw err;
  }
}

/** After the deadline: pending if Temporal has admitted the Update, its outcome if it just finished. */
async function afterDeadline(client: Client, workflowId: string, updateId: string, err: unknown): Promise<ActionOutcome> {
  const stage = await updateStage(client, workflowId, updateId).catch(() => undefined);
  if (stage === undefined) throw err; // never admitted: Temporal is away, and the action was not taken
  if (stage < Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED) return { state: 'pending' };
  const outcome = await actionOutcome(client, workflowId, updateId);
  if (!outcome) throw err;
  return outcome;
}

export async function runCaseAction(
  client: Client,
  settings: CaseWorkflowSettings,
  row: CaseRow,
  action: CaseAction,
  cmd: ActionCommand,
): Promise<ActionOutcome> {
  const update = caseUpdates[action];
  const { workflowId } = row;
  const withDeadline = <T>(fn: () => Promise<T>) => client.withDeadline(Date.now() + ACTION_DEADLINE_MS, fn);
  try {
    const view = await withDeadline(() => client.workflow.getHandle(workflowId).executeUpdate(update, { args: [cmd], updateId: cmd.requestId }));
    return { state: 'done', view };
  } catch (err) {
    const refused = refusal(err);
    if (refused) return refused;
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return afterDeadline(client, workflowId, cmd.requestId, err);
    if (!isFinished(err)) throw err;
  }
  // The run completed (a case closed long ago): Postgres holds the truth.
  const transition = checkTransition(row.status, action);
  if (!transition.ok) return { state: 'refused', reason: transition.reason };
  try {
    const view = await withDeadline(() =>
      client.workflow.executeUpdateWithStart(update, {
        args: [cmd],
        updateId: cmd.requestId,
        startWorkflowOperation: startOperation(row, settings),
      }),
    );
    return { state: 'done', view };
  } catch (err) {
    const refused = refusal(err);
    if (refused) return refused;
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return afterDeadline(client, workflowId, cmd.requestId, err);
    throw err;
  }
}
