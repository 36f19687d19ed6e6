// A customer's cases: submitting one (idempotent, workflow started after commit), Mina sidor, one case
// with its public timeline, and what its PDF shows.
import { findAccount } from '../db/accounts.js';
import { type CaseRow, caseTimeline, markWorkflowStarted } from '../db/cases.js';
import { listCustomerCases } from '../db/customer-cases.js';
import type { Keyset } from '../db/paging.js';
import { submitCaseOnce } from '../db/submissions.js';
import { CASE_TYPES, type CaseRequest, type CaseSubmission, type CaseType, ORDER_CASE_TYPES, ORDER_RIGHT_REQUIRED, maskPersonnummer } from '../domain/index.js';
import { startCaseWorkflow } from '../temporal/start-case.js';
import { accountPersonnummer, contactFromAccount } from './accounts.js';
import { visibleCase } from './case-access.js';
import type { ServiceDeps } from './deps.js';
import { ServiceError, invalid, refused } from './errors.js';
import type { Customer, Principal } from './principal.js';

/**
 * A submission is safe once committed, and the worker's reconciler starts any workflow not started
 * here, so a slow or absent Temporal holds the customer's request at most about a second
 * (npm run bench:start-outage measures it).
 */
const START_DEADLINE_MS = 1_000;

export const ORDER_RIGHT_TYPE = 'https://kundportal.se/problems/order-right-required';
export const IDEMPOTENCY_CONFLICT_TYPE = 'https://kundportal.se/problems/idempotency-conflict';

export const SUBMITTED_TEXT = {
  message: 'Ditt ärende är nu inskickat.',
  info: 'Tack, ditt ärende är nu registrerat! Vi kommer att hantera det så snart som möjligt. Inkomna ärenden hanteras helgfria vardagar mellan 09:00–16:00.',
};

/** The case types the customer may submit: orders only with the right to order. */
export const submittableCaseTypes = (p: Customer): CaseType[] => CASE_TYPES.filter((type) => p.canOrder || !ORDER_CASE_TYPES.includes(type));

/**
 * Submits a case for the customer's organisation. Without a contact block it is filled from "Mina
 * uppgifter"; a contact block must name the customer's own organisation. With a key, a retry of the
 * same request returns the first case (`created: false`).
 */
export async function submitCase(deps: ServiceDeps, p: Customer, request: CaseRequest, idempotencyKey?: string) {
  if (!submittableCaseTypes(p).includes(request.type)) {
    throw refused(ORDER_RIGHT_REQUIRED, { title: 'Behörighet saknas', type: ORDER_RIGHT_TYPE });
  }
  const { db, cipher } = deps;
  let contact = request.contact;
  if (!contact) {
    contact = contactFromAccount(cipher, (await findAccount(db, p.accountId))!);
  } else {
    const own = await db.selectFrom('organisations').select('organisationsnummer').where('id', '=', p.organisationId).executeTakeFirstOrThrow();
    if (contact.organisationsnummer !== own.organisationsnummer) {
      throw invalid('Ärendet gäller en annan organisation än din.', [
        { field: 'contact.organisationsnummer', message: `Ange din egen organisations organisationsnummer (${own.organisationsnummer})` },
      ]);
    }
  }
  const submission = { ...request, contact } as CaseSubmission;
  const result = await submitCaseOnce(
    db,
    { sealedSubmission: cipher.sealSubmission(submission), organisationId: p.organisationId, reporterId: p.accountId },
    // What the client sent is hashed, so a changed "Mina uppgifter" does not make a retry a conflict.
    idempotencyKey ? { owner: `customer:${p.accountId}`, key: idempotencyKey, request } : undefined,
  );
  if (result === 'key-conflict') {
    throw new ServiceError('idempotency-conflict', 'Idempotency-Key används redan', 'Nyckeln har redan använts för en annan begäran.', {
      type: IDEMPOTENCY_CONFLICT_TYPE,
    });
  }
  if (result.created) await startSubmittedWorkflow(deps, result.row);
  return result;
}

/** After commit; should this fail or the process die here, the worker's reconciler starts it. */
export async function startSubmittedWorkflow(deps: ServiceDeps, row: CaseRow) {
  try {
    await deps.temporal.withDeadline(Date.now() + START_DEADLINE_MS, () => startCaseWorkflow(deps.temporal, row, deps.workflow));
  } catch (err) {
    deps.log?.(`case ${row.caseNumber}: workflow start deferred to the reconciler (${(err as Error).message})`);
    return;
  }
  // The mark only spares the reconciler a start; the answer does not wait for it. Lost (a failed write,
  // the process gone), the reconciler starts the case again, which joins the running workflow.
  markWorkflowStarted(deps.db, row.id).catch((err: unknown) =>
    deps.log?.(`case ${row.caseNumber}: start mark left to the reconciler (${(err as Error).message})`),
  );
}

export interface CaseListQuery {
  status: 'ongoing' | 'closed';
  scope: 'own' | 'organisation';
  cursor?: Keyset | undefined;
  limit: number;
}

/** Mina sidor: the customer's own cases, or a local administrator's whole organisation's. */
export function listCases(deps: ServiceDeps, p: Customer, q: CaseListQuery) {
  if (q.scope === 'organisation' && !p.isLocalAdmin) throw refused('Endast lokala administratörer ser organisationens alla ärenden.');
  return listCustomerCases(deps.db, {
    scope: q.scope === 'organisation' ? { organisationId: p.organisationId } : { reporterId: p.accountId },
    state: q.status,
    after: q.cursor,
    limit: q.limit,
  });
}

/** One case with its timeline; customers see personnummer masked and no internal notes. */
export async function getCase(deps: ServiceDeps, p: Principal, caseNumber: string) {
  const row = await visibleCase(deps.db, p, caseNumber);
  const staff = p.kind === 'staff';
  const submission = deps.cipher.openSubmission(row.payload) as CaseSubmission;
  return {
    row,
    submission: staff ? submission : masked(submission),
    timeline: await caseTimeline(deps.db, row.id, { includeInternal: staff }),
  };
}

function masked(s: CaseSubmission): CaseSubmission {
  // An earlier case moved in from a previous portal has none (''): nothing to mask.
  const contact = { ...s.contact, personnummer: s.contact.personnummer ? maskPersonnummer(s.contact.personnummer) : '' };
  if (s.type !== 'siths_order') return { ...s, contact };
  return { ...s, contact, rows: s.rows.map((r) => ({ ...r, personnummer: maskPersonnummer(r.personnummer) })) };
}

/** What the case's PDF shows the customer: the public messages, and the reader's own number unmasked. */
export async function caseDocument(deps: ServiceDeps, p: Customer, caseNumber: string) {
  const row = await visibleCase(deps.db, p, caseNumber);
  const [reader, timeline] = await Promise.all([findAccount(deps.db, p.accountId), caseTimeline(deps.db, row.id, { includeInternal: false })]);
  return {
    row,
    submission: deps.cipher.openSubmission(row.payload) as CaseSubmission,
    messages: timeline.flatMap((e) =>
      e.message?.visibility === 'public'
        ? [{ at: e.at, authorLabel: e.actor.type === 'staff' ? 'Handläggare' : e.actor.id === p.accountId ? 'Du' : 'Kund', body: e.message.body }]
        : [],
    ),
    readerPersonnummer: accountPersonnummer(deps.cipher, reader!),
  };
}
