// Every action on a case goes through its workflow's Update: a refusal comes back as a conflict, and one
// key per intent makes a retried action join the first instead of acting twice. An action the workflow
// has not finished within the deadline is pending: the caller reads its outcome later by its key.
import { randomUUID } from 'node:crypto';
import type { CaseRow } from '../db/cases.js';
import type { CaseAction, HandlerAction } from '../domain/index.js';
import { type ActionOutcome, actionOutcome, runCaseAction } from '../temporal/case-actions.js';
import type { ActionCommand, Actor, CaseView } from '../workflows/messages.js';
import { visibleCase } from './case-access.js';
import type { ServiceDeps } from './deps.js';
import { conflict, invalid, notFound } from './errors.js';
import type { Customer, Staff } from './principal.js';

export const ACTION_REFUSED_TYPE = 'https://kundportal.se/problems/action-refused';

/** What a handler's action carries, by action: an assignee, a text or a resolution. */
export type ActionInput = { assigneeId?: number; body?: string; resolution?: string };

/** Done, with the case's new state; or still being carried out, its outcome readable by `requestId`. */
export type ActionResult = { done: true; view: CaseView } | { done: false; requestId: string };

const actorOf = (p: Staff | Customer): Actor => (p.kind === 'staff' ? { type: 'staff', id: p.staffId } : { type: 'customer', id: p.accountId });

/**
 * The Update id: the caller's key scoped to the person acting, so two people's keys never meet and a
 * status read finds only the reader's own requests.
 */
const updateId = (actor: Actor, key: string) => (actor.id === null ? `contact:${key}` : `${actor.type}-${actor.id}:${key}`);

function settle(outcome: ActionOutcome, requestId: string): ActionResult {
  if (outcome.state === 'refused') throw conflict('Åtgärden är inte tillåten', outcome.reason, ACTION_REFUSED_TYPE);
  return outcome.state === 'done' ? { done: true, view: outcome.view } : { done: false, requestId };
}

/** Why no action is taken on an earlier case: it has no workflow to carry one out, and is kept as it was. */
const IMPORTED_CASE_READ_ONLY =
  'Ärendet kommer från den tidigare kundportalen. Det är avslutat och går bara att läsa. Skapa ett nytt ärende om du behöver mer hjälp.';

async function run(deps: ServiceDeps, row: CaseRow, action: CaseAction, cmd: Omit<ActionCommand, 'requestId'>, key: string = randomUUID()): Promise<ActionResult> {
  if (row.imported) throw conflict('Åtgärden är inte tillåten', IMPORTED_CASE_READ_ONLY, ACTION_REFUSED_TYPE);
  const outcome = await runCaseAction(deps.temporal, deps.workflow, row, action, { ...cmd, requestId: updateId(cmd.actor, key) });
  return settle(outcome, key);
}

/** A handler's action; an assignee must be a staff member, which the workflow cannot know. */
export async function runStaffAction(deps: ServiceDeps, p: Staff, caseNumber: string, action: HandlerAction, input: ActionInput, requestId?: string) {
  // Both reads at once: one round trip's wait on the action's path, not two. An unknown case still
  // answers before an unknown assignee.
  const [row, assignee] = await Promise.all([
    visibleCase(deps.db, p, caseNumber),
    input.assigneeId === undefined ? undefined : deps.db.selectFrom('staff').select('id').where('id', '=', input.assigneeId).executeTakeFirst(),
  ]);
  if (input.assigneeId !== undefined && !assignee) throw invalid('Handläggaren finns inte.', [{ field: 'assigneeId', message: 'Handläggaren finns inte' }]);
  return run(deps, row, action, { actor: actorOf(p), ...input }, requestId);
}

export async function sendCustomerMessage(deps: ServiceDeps, p: Customer, caseNumber: string, body: string, requestId?: string) {
  const row = await visibleCase(deps.db, p, caseNumber);
  return run(deps, row, 'customer_message', { actor: actorOf(p), body }, requestId);
}

/**
 * A message from the sender of a "Kontakta oss" case, through its signed link (services/contact.ts has
 * checked it): a customer without an account, so the actor's id is null.
 */
export function sendContactMessage(deps: ServiceDeps, row: CaseRow, body: string, requestId?: string) {
  return run(deps, row, 'customer_message', { actor: { type: 'customer', id: null }, body }, requestId);
}

export async function withdrawCase(deps: ServiceDeps, p: Customer, caseNumber: string, reason: string | undefined, requestId?: string) {
  const row = await visibleCase(deps.db, p, caseNumber);
  const resolution = reason ? `Återkallat av kunden: ${reason}` : 'Återkallat av kunden';
  return run(deps, row, 'withdraw', { actor: actorOf(p), resolution }, requestId);
}

/**
 * The outcome of the reader's own action on a case they may see, by the key it was sent with; waits
 * briefly for one still pending. Unknown to Temporal: never received, refused by the workflow's first
 * check (which leaves no trace), or from a run long gone. Sending the action again with the same key is then safe.
 */
export async function actionRequest(deps: ServiceDeps, p: Staff | Customer, caseNumber: string, requestId: string): Promise<ActionResult> {
  const row = await visibleCase(deps.db, p, caseNumber);
  const outcome = await actionOutcome(deps.temporal, row.workflowId, updateId(actorOf(p), requestId));
  if (!outcome) throw notFound('Begäran är okänd. Skicka åtgärden igen med samma Idempotency-Key: den utförs ändå bara en gång.');
  return settle(outcome, requestId);
}
