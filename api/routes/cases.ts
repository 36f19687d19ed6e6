// Customer API: submit a case, Mina sidor (ongoing and closed), one case with its public timeline,
// the case as PDF, messages and withdrawal. A local administrator sees the organisation's cases.
import { Hono } from 'hono';
import { z } from 'zod';
import { findAccount } from '../../db/accounts.js';
import { type CaseRow, caseTimeline, findCase, markWorkflowStarted } from '../../db/cases.js';
import { listCustomerCases } from '../../db/customer-cases.js';
import { submitCaseOnce } from '../../db/submissions.js';
import { CASE_TYPE_LABELS, ORDER_CASE_TYPES, ORDER_RIGHT_REQUIRED, STATUS_LABELS, caseSubmissionSchema, problem } from '../../domain/index.js';
import { startCaseWorkflow } from '../../temporal/start-case.js';
import { type AuthEnv, type Principal, requireAuth } from '../auth.js';
import { presentCase } from '../case-view.js';
import type { ApiDeps } from '../deps.js';
import { renderCasePdf } from '../pdf/case-pdf.js';
import { ProblemError, notFound, readBody, readQuery, sendProblem } from '../problems.js';
import { rateLimit } from '../rate-limit.js';
import { pagingQuery } from '../schemas/paging.js';
import { respondWithAction } from './action-response.js';
import { contactFromAccount } from './me.js';

export const messageSchema = z.strictObject({ body: z.string().trim().min(1, 'Skriv ett meddelande').max(10_000) });
export const withdrawSchema = z.strictObject({ reason: z.string().trim().max(2_000).optional() });
export const caseListQuery = pagingQuery.extend({
  status: z.enum(['ongoing', 'closed'], { error: 'status ska vara ongoing eller closed' }).default('ongoing'),
  scope: z.enum(['own', 'organisation'], { error: 'scope ska vara own eller organisation' }).default('own'),
});
/** A submission is safe once committed; a slow Temporal must not hold the customer's request. */
const START_DEADLINE_MS = 5_000;
export const idempotencyKeySchema = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/);
type Customer = Extract<Principal, { kind: 'customer' }>;

/** The reporter, or a local administrator of the case's organisation; anyone else gets 404, not 403. */
const maySee = (p: Customer, row: CaseRow) => row.reporter_id === p.accountId || (p.isLocalAdmin && row.organisation_id === p.organisationId);

export function customerCases(deps: ApiDeps) {
  const { db, cipher } = deps;
  const submission = caseSubmissionSchema({ pickupOffices: deps.pickupOffices });
  const app = new Hono<AuthEnv<'customer'>>();
  app.use('*', requireAuth(db, 'customer'));

  const visibleCase = async (p: Customer, caseNumber: string) => {
    const row = await findCase(db, caseNumber);
    return row && maySee(p, row) ? row : undefined;
  };

  app.post(
    '/',
    rateLimit<AuthEnv<'customer'>>(db, { name: 'submit', perMinute: deps.rateLimits.submissionsPerMinute, key: (c) => String(c.get('principal').accountId) }),
    async (c) => {
      const p = c.get('principal');
      const key = c.req.header('Idempotency-Key');
      if (key !== undefined && !idempotencyKeySchema.safeParse(key).success) {
        throw new ProblemError(problem(400, 'Ogiltig Idempotency-Key', 'Nyckeln ska vara 1–200 synliga ASCII-tecken.'));
      }
      // Without a contact block the case is prefilled from "Mina uppgifter" (read only then: this is the hot path).
      const data = await readBody(c, submission, async (raw) =>
        raw && typeof raw === 'object' && !Array.isArray(raw) && !('contact' in raw)
          ? { ...raw, contact: contactFromAccount(cipher, (await findAccount(db, p.accountId))!) }
          : raw,
      );
      if (ORDER_CASE_TYPES.includes(data.type) && !p.canOrder) {
        return sendProblem(c, problem(403, 'Behörighet saknas', ORDER_RIGHT_REQUIRED, { type: 'https://kundportal.se/problems/order-right-required' }));
      }
      const result = await submitCaseOnce(
        db,
        { sealedSubmission: cipher.sealSubmission(data), organisationId: p.organisationId, reporterId: p.accountId },
        key ? { owner: `customer:${p.accountId}`, key, request: data } : undefined,
      );
      if (result === 'key-conflict') {
        return sendProblem(
          c,
          problem(422, 'Idempotency-Key används redan', 'Nyckeln har redan använts för en annan begäran.', {
            type: 'https://kundportal.se/problems/idempotency-conflict',
          }),
        );
      }
      const { row, created } = result;
      if (created) {
        // After commit; should this fail or the process die here, the worker's reconciler starts it.
        try {
          await deps.temporal.withDeadline(Date.now() + START_DEADLINE_MS, () => startCaseWorkflow(deps.temporal, row, deps.workflow));
          await markWorkflowStarted(db, row.id);
        } catch (err) {
          deps.log?.(`case ${row.case_number}: workflow start deferred to the reconciler (${(err as Error).message})`);
        }
      }
      c.header('Location', `/api/v1/cases/${row.case_number}`);
      return c.json(
        {
          caseNumber: row.case_number,
          status: row.status,
          statusLabel: STATUS_LABELS[row.status],
          message: 'Ditt ärende är nu inskickat.',
          info: 'Tack, ditt ärende är nu registrerat! Vi kommer att hantera det så snart som möjligt. Inkomna ärenden hanteras helgfria vardagar mellan 09:00–16:00.',
        },
        created ? 201 : 200,
      );
    },
  );

  app.get('/', async (c) => {
    const p = c.get('principal');
    const q = readQuery(c, caseListQuery);
    if (q.scope === 'organisation' && !p.isLocalAdmin) {
      return sendProblem(c, problem(403, 'Åtkomst nekad', 'Endast lokala administratörer ser organisationens alla ärenden.'));
    }
    const result = await listCustomerCases(db, {
      scope: q.scope === 'organisation' ? { organisationId: p.organisationId } : { reporterId: p.accountId },
      state: q.status,
      after: q.cursor,
      limit: q.limit,
    });
    return c.json({
      items: result.items.map((r) => ({
        caseNumber: r.case_number,
        type: r.type,
        typeLabel: CASE_TYPE_LABELS[r.type],
        status: r.status,
        statusLabel: STATUS_LABELS[r.status],
        subject: r.subject,
        reporterName: r.reporter_name,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        closedAt: r.closed_at,
      })),
      nextCursor: result.nextCursor,
    });
  });

  app.get('/:caseNumber', async (c) => {
    const row = await visibleCase(c.get('principal'), c.req.param('caseNumber'));
    if (!row) return notFound(c);
    return c.json(await presentCase(db, cipher, row, 'customer'));
  });

  app.get('/:caseNumber/pdf', async (c) => {
    const p = c.get('principal');
    const row = await visibleCase(p, c.req.param('caseNumber'));
    if (!row) return notFound(c);
    const reader = (await findAccount(db, p.accountId))!;
    const timeline = await caseTimeline(db, row.id, { includeInternal: false });
    const pdf = await renderCasePdf({
      caseNumber: row.case_number,
      typeLabel: CASE_TYPE_LABELS[row.type],
      statusLabel: STATUS_LABELS[row.status],
      subject: row.subject,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      closedAt: row.closed_at,
      resolution: row.resolution,
      submission: cipher.openSubmission(row.payload) as never,
      messages: timeline.flatMap((e) =>
        e.message?.visibility === 'public'
          ? [{ at: e.at, authorLabel: e.actor.type === 'staff' ? 'Handläggare' : e.actor.id === p.accountId ? 'Du' : 'Kund', body: e.message.body }]
          : [],
      ),
      readerPersonnummer: cipher.open(reader.personnummer_enc),
    });
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${row.case_number}.pdf"`,
      'Cache-Control': 'private, no-store',
    });
  });

  app.post('/:caseNumber/messages', async (c) => {
    const p = c.get('principal');
    const row = await visibleCase(p, c.req.param('caseNumber'));
    if (!row) return notFound(c);
    const { body } = await readBody(c, messageSchema);
    return respondWithAction(c, deps, row, 'customer_message', { actor: { type: 'customer', id: p.accountId }, body });
  });

  app.post('/:caseNumber/withdraw', async (c) => {
    const p = c.get('principal');
    const row = await visibleCase(p, c.req.param('caseNumber'));
    if (!row) return notFound(c);
    const { reason } = await readBody(c, withdrawSchema);
    return respondWithAction(c, deps, row, 'withdraw', {
      actor: { type: 'customer', id: p.accountId },
      resolution: reason ? `Återkallat av kunden: ${reason}` : 'Återkallat av kunden',
    });
  });

  return app;
}
