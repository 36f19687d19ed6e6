import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import type { CaseAction } from '../../domain/index.js';
import { problem } from '../../domain/index.js';
import type { CaseRow } from '../../db/cases.js';
import { runCaseAction } from '../../temporal/case-actions.js';
import type { ActionCommand, CaseView } from '../../workflows/messages.js';
import { presentState } from '../case-view.js';
import type { ApiDeps } from '../deps.js';
import { sendProblem } from '../problems.js';

/**
 * Runs an action through the workflow and answers with the new state (or what `present` makes of
 * it), or 409 with the refusal.
 */
export async function respondWithAction(
  c: Context,
  deps: ApiDeps,
  row: CaseRow,
  action: CaseAction,
  cmd: Omit<ActionCommand, 'requestId'>,
  present: (view: CaseView) => unknown = presentState,
) {
  const requestId = c.req.header('Idempotency-Key') ?? randomUUID();
  const outcome = await runCaseAction(deps.temporal, deps.workflow, row, action, { ...cmd, requestId });
  if (!outcome.ok) {
    return sendProblem(
      c,
      problem(409, 'Åtgärden är inte tillåten', outcome.reason, { type: 'https://kundportal.se/problems/action-refused' }),
    );
  }
  return c.json(await present(outcome.view));
}
