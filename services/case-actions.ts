// Every action on a case goes through its workflow's Update: a refusal comes back as a conflict, and one
// request id per intent makes a retried action join the first instead of acting twice.
import { randomUUID } from 'node:crypto';
import type { CaseRow } from '../db/cases.js';
import type { CaseAction, HandlerAction } from '../domain/index.js';
import { runCaseAction } from '../temporal/case-actions.js';
import type { ActionCommand, CaseView } from '../workflows/messages.js';
import { visibleCase } from './case-access.js';
import type { ServiceDeps } from './deps.js';
import { conflict, invalid } from './errors.js';
import type { Customer, Staff } from './principal.js';

export const ACTION_REFUSED_TYPE = 'https://kundportal.se/problems/action-refused';

/** What a handler's action carries, by action: an assignee, a text or a resolution. */
export type ActionInput = { assigneeId?: number; body?: string; resolution?: string };

async function run(deps: ServiceDeps, row: CaseRow, action: CaseAction, cmd: Omit<ActionCommand, 'requestId'>, requestId?: string): Promise<CaseView> {
  const outcome = await runCaseAction(deps.temporal, deps.workflow, row, action, { ...cmd, requestId: requestId ?? randomUUID() });
  if (!outcome.ok) throw conflict('Åtgärden är inte tillåten', outcome.reason, ACTION_REFUSED_TYPE);
  return outcome.view;
}

/** A handler's action; an assignee must be a staff member, which the workflow cannot know. */
export async function runStaffAction(deps: ServiceDeps, p: Staff, caseNumber: string, action: HandlerAction, input: ActionInput, requestId?: string) {
  const row = await visibleCase(deps.db, p, caseNumber);
  if (input.assigneeId !== undefined) {
    const assignee = await deps.db.selectFrom('staff').select('id').where('id', '=', input.assigneeId).executeTakeFirst();
    if (!assignee) throw invalid('Handläggaren finns inte.', [{ field: 'assigneeId', message: 'Handläggaren finns inte' }]);
  }
  return run(deps, row, action, { actor: { type: 'staff', id: p.staffId }, ...input }, requestId);
}

export async function sendCustomerMessage(deps: ServiceDeps, p: Customer, caseNumber: string, body: string, requestId?: string) {
  const row = await visibleCase(deps.db, p, caseNumber);
  return run(deps, row, 'customer_message', { actor: { type: 'customer', id: p.accountId }, body }, requestId);
}

export async function withdrawCase(deps: ServiceDeps, p: Customer, caseNumber: string, reason: string | undefined, requestId?: string) {
  const row = await visibleCase(deps.db, p, caseNumber);
  const resolution = reason ? `Återkallat av kunden: ${reason}` : 'Återkallat av kunden';
  return run(deps, row, 'withdraw', { actor: { type: 'customer', id: p.accountId }, resolution }, requestId);
}
