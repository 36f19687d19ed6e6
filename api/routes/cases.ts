// Customer API: submit a case, read it with its public timeline, write messages, withdraw.
import { Hono } from 'hono';
import { z } from 'zod';
import { STATUS_LABELS, caseSubmissionSchema, problem } from '../../domain/index.js';
import { findCase, markWorkflowStarted } from '../../db/cases.js';
import { submitCaseOnce } from '../../db/submissions.js';
import { startCaseWorkflow } from '../../temporal/start-case.js';
import { type AuthEnv, requireAuth } from '../auth.js';
import { presentCase } from '../case-view.js';
import type { ApiDeps } from '../deps.js';
import { ProblemError, notFound, readBody, sendProblem } from '../problems.js';
import { respondWithAction } from './action-response.js';

const messageSchema = z.strictObject({ body: z.string().trim().min(1, 'Skriv ett meddelande').max(10_000) });
const withdrawSchema = z.strictObject({ reason: z.string().trim().max(2_000).optional() });
/** A submission is safe once committed; a slow Temporal must not hold the customer's request. */
const START_DEADLINE_MS = 5_000;
const idempotencyKeySchema = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/);

export function customerCases(deps: ApiDeps) {
  const { db, cipher } = deps;
  const submission = caseSubmissionSchema({ pickupOffices: deps.pickupOffices });
  const app = new Hono<AuthEnv<'customer'>>();
  app.use('*', requireAuth(db, 'customer'));

  /** A customer reaches only the cases they reported; anything else is simply not found. */
  const ownCase = async (accountId: number, caseNumber: string) => {
    const row = await findCase(db, caseNumber);
    return row && row.reporter_id === accountId ? row : undefined;
  };

  app.post('/', async (c) => {
    const p = c.get('principal');
    const key = c.req.header('Idempotency-Key');
    if (key !== undefined && !idempotencyKeySchema.safeParse(key).success) {
      throw new ProblemError(problem(400, 'Ogiltig Idempotency-Key', 'Nyckeln ska vara 1–200 synliga ASCII-tecken.'));
    }
    const data = await readBody(c, submission);
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
  });

  app.get('/:caseNumber', async (c) => {
    const p = c.get('principal');
    const row = await ownCase(p.accountId, c.req.param('caseNumber'));
    if (!row) return notFound(c);
    return c.json(await presentCase(db, cipher, row, 'customer'));
  });

  app.post('/:caseNumber/messages', async (c) => {
    const p = c.get('principal');
    const row = await ownCase(p.accountId, c.req.param('caseNumber'));
    if (!row) return notFound(c);
    const { body } = await readBody(c, messageSchema);
    return respondWithAction(c, deps, row, 'customer_message', { actor: { type: 'customer', id: p.accountId }, body });
  });

  app.post('/:caseNumber/withdraw', async (c) => {
    const p = c.get('principal');
    const row = await ownCase(p.accountId, c.req.param('caseNumber'));
    if (!row) return notFound(c);
    const { reason } = await readBody(c, withdrawSchema);
    return respondWithAction(c, deps, row, 'withdraw', {
      actor: { type: 'customer', id: p.accountId },
      resolution: reason ? `Återkallat av kunden: ${reason}` : 'Återkallat av kunden',
    });
  });

  return app;
}
