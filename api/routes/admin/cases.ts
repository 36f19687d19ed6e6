// Back office: case queues and filters, one case, actions on it (and a pending action's outcome), and
// the queue sizes for the menu.
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { AUTO_CLOSE_EVENT, CASE_STATUSES, EMAIL_FAILED_EVENT, HANDLER_ACTIONS, type HandlerAction, allowedActions, caseTypeSchema } from '../../../domain/index.js';
import { type CaseDetailRow, type CaseListRow, QUEUES } from '../../../db/queues.js';
import { caseDetail, caseQueue, queueSizes } from '../../../services/back-office.js';
import type { caseServiceLevelEvents } from '../../../db/staff-notifications.js';
import { type ActionResult, actionRequest, runStaffAction } from '../../../services/case-actions.js';
import { notFound } from '../../../services/errors.js';
import { caseClocks } from '../../../services/service-levels.js';
import type { AuthEnv } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { caseCore, iso, isoOrNull, pendingAction } from '../../presenters/case.js';
import { readBody, readHeaders } from '../../problems.js';
import { requestIdOf, statusUrls } from '../../schemas/action-requests.js';
import { actionSegment, actionSpec } from '../../schemas/actions.js';
import { idempotencyHeader } from '../../schemas/cases.js';
import { MAX_PAGE_SIZE, idValue, pageOf, parseListQuery, searchText, setContentRange } from './list-query.js';

const filterSchema = z.strictObject({
  queue: z.enum(QUEUES).optional(),
  type: caseTypeSchema.optional(),
  status: z.enum(CASE_STATUSES).optional(),
  organisationId: idValue.optional(),
  assigneeId: idValue.optional(),
  // Trigram search needs three characters to use its index.
  q: searchText(3).optional(),
  id: z.array(z.string().max(40)).max(MAX_PAGE_SIZE).optional(),
});

// Case numbers follow age, so react-admin's default sort on `id` sorts by age too. `slaDueAt`: the
// earliest due time of the case's running service-level clocks.
const SORTS = ['createdAt', 'id', 'caseNumber', 'slaDueAt'] as const;

/** CaseListItem of the back office's contract, with both service-level clocks as of now (null: not measured). */
const listItem = (deps: Pick<ApiDeps, 'workflow'>, r: CaseListRow) => ({
  id: r.caseNumber,
  ...caseCore(r),
  organisationId: r.organisationId,
  organisationName: r.organisationName,
  assigneeId: r.assigneeId,
  assigneeName: r.assigneeName,
  reporterName: r.reporterName,
  // From an earlier customer portal: closed and read-only (services/account-import.ts).
  imported: r.imported,
  // "Kontakta oss" without an account: no organisation or reporter; the back office marks it "Utan konto".
  withoutAccount: r.withoutAccount,
  slaDueAt: isoOrNull(r.slaDueAt),
  serviceLevels: caseClocks(deps.workflow.calendar, r),
});

type ServiceLevelEventRow = Awaited<ReturnType<typeof caseServiceLevelEvents>>[number];

const isHandlerAction = (a: string): a is HandlerAction => (HANDLER_ACTIONS as readonly string[]).includes(a);

/** The whole case as staff see it, read from Postgres; personnummer in clear, since staff issue cards. */
const detail = (deps: ApiDeps, row: CaseDetailRow & { serviceLevelEvents: ServiceLevelEventRow[] }) => ({
  ...listItem(deps, row),
  version: row.version,
  resolution: row.resolution,
  closedAt: isoOrNull(row.closedAt),
  submission: deps.cipher.openSubmission(row.payload),
  timeline: row.events.map((e) => ({
    version: e.version,
    action: e.action,
    actor: { type: e.actorType, id: e.actorId, name: e.actorType === 'system' ? 'System' : e.actorName },
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    at: iso(e.at),
    ...(e.body !== null ? { message: { visibility: e.visibility, body: e.body } } : {}),
    ...(e.action === EMAIL_FAILED_EVENT ? { email: refusal(e.data) } : {}),
    ...(e.action === AUTO_CLOSE_EVENT || e.action === 'close' ? { data: { resolution: e.data.resolution ?? null } } : {}),
  })),
  // Warnings at 80 % and breaches of the clocks, for the timeline beside the events.
  serviceLevelEvents: row.serviceLevelEvents.map((e) => ({ kind: e.kind, clock: e.clock, at: iso(e.at) })),
  // Set while the case's latest e-mail stands refused; a later delivered e-mail clears it.
  undeliveredEmail: row.undeliveredEmail && row.undeliveredEmailAt
    ? { recipient: row.undeliveredEmail.recipient, reason: row.undeliveredEmail.reason, at: iso(row.undeliveredEmailAt) }
    : null,
  temporalUrl: temporalUrl(deps, row.workflowId),
  // An earlier case has no workflow to carry out an action: none is offered.
  actions: row.imported ? [] : allowedActions(row.status).filter(isHandlerAction).map(actionSegment),
});

/** Recipient and the relay's reply, as the event recorded them. */
const refusal = (data: Record<string, unknown>) => ({
  recipient: typeof data.recipient === 'string' ? data.recipient : null,
  reason: typeof data.reason === 'string' ? data.reason : null,
});

/** The case's own workflow: its id is the case number plus a random part (see temporal/start-case.ts). */
function temporalUrl(deps: Pick<ApiDeps, 'temporalUi'>, workflowId: string) {
  const { url, namespace } = deps.temporalUi;
  return `${url.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

export function adminCases(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();

  app.get('/', async (c) => {
    const { filter, sort, range } = parseListQuery(c, filterSchema, SORTS, { field: 'createdAt', order: 'DESC' });
    const page = pageOf(range, filter.id);
    const { id: caseNumbers, ...rest } = filter;
    const order = { order: sort.order, sort: sort.field === 'slaDueAt' ? ('slaDueAt' as const) : ('createdAt' as const) };
    const { rows, total } = await caseQueue(deps, c.get('principal'), { ...rest, caseNumbers }, { ...page, ...order });
    setContentRange(c, 'cases', page.offset, rows.length, total);
    return c.json(rows.map((r) => listItem(deps, r)));
  });

  app.get('/:caseNumber', async (c) => c.json(detail(deps, await caseDetail(deps, c.req.param('caseNumber')))));

  app.post('/:caseNumber/actions/:action', async (c) => {
    const spec = actionSpec(c.req.param('action'));
    if (!spec) throw notFound('Åtgärden finns inte.');
    const requestId = readHeaders(c, idempotencyHeader(''))['idempotency-key'];
    const input = await readBody(c, spec.body);
    const caseNumber = c.req.param('caseNumber');
    return actionAnswer(c, caseNumber, await runStaffAction(deps, c.get('principal'), caseNumber, spec.action, input, requestId));
  });

  // The outcome of an action that was answered 202, by its key.
  app.get('/:caseNumber/actions/requests/:requestId', async (c) => {
    const caseNumber = c.req.param('caseNumber');
    return actionAnswer(c, caseNumber, await actionRequest(deps, c.get('principal'), caseNumber, requestIdOf(c.req.param('requestId'))));
  });

  /** Done: the whole case (the Update returns once Postgres has the action); pending: 202 and where to ask. */
  async function actionAnswer(c: Context, caseNumber: string, result: ActionResult) {
    if (result.done) return c.json(detail(deps, await caseDetail(deps, caseNumber)));
    const pending = pendingAction(result.requestId, statusUrls.backOffice(caseNumber, result.requestId));
    return c.json(pending.body, 202, pending.headers);
  }

  return app;
}

/** `{ new, mine, awaiting, open, closed, undelivered, overdue }`, each at most COUNT_CAP, with `<queue>Capped` when there are more. */
export function queueCountsApi(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();
  app.get('/', async (c) => {
    const counts = await queueSizes(deps, c.get('principal'));
    return c.json({
      ...Object.fromEntries(QUEUES.map((q) => [q, counts[q].count])),
      ...Object.fromEntries(QUEUES.map((q) => [`${q}Capped`, counts[q].capped])),
    });
  });
  return app;
}
