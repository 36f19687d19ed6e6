// Back office: case queues and filters, one case, actions on it, and the queue sizes for the menu.
import { Hono } from 'hono';
import { z } from 'zod';
import { CASE_STATUSES, caseTypeSchema } from '../../../domain/index.js';
import { findCase } from '../../../db/cases.js';
import { COUNT_CAP, QUEUES, listCases, queueCounts } from '../../../db/queues.js';
import type { AuthEnv } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { invalidFields, notFound } from '../../problems.js';
import { respondWithAction } from '../action-response.js';
import { actionSpec, readActionBody } from '../case-actions-spec.js';
import { loadCaseDetail, toCaseListItem } from './case-records.js';
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

// Case numbers follow age, so react-admin's default sort on `id` sorts by age too.
const SORTS = ['createdAt', 'id', 'caseNumber'] as const;

const CAP_TEXT = COUNT_CAP.toLocaleString('sv-SE');
const pastTheCap = () =>
  invalidFields(
    `Det går bara att bläddra bland de ${CAP_TEXT} första träffarna. Avgränsa med filter eller sökning, eller vänd sorteringen för att se de äldsta ärendena.`,
    [{ field: 'range', message: `Högst ${CAP_TEXT} träffar kan visas` }],
  );

export function adminCases(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();

  app.get('/', async (c) => {
    const { filter, sort, range } = parseListQuery(c, filterSchema, SORTS, { field: 'createdAt', order: 'DESC' });
    const page = pageOf(range, filter.id);
    if (page.offset >= COUNT_CAP) throw pastTheCap();
    const { id: caseNumbers, ...rest } = filter;
    const { rows, total } = await listCases(
      deps.db,
      { ...rest, caseNumbers },
      c.get('principal').staffId,
      { offset: page.offset, limit: Math.min(page.limit, COUNT_CAP - page.offset), order: sort.order },
    );
    setContentRange(c, 'cases', page.offset, rows.length, total);
    return c.json(rows.map(toCaseListItem));
  });

  app.get('/:caseNumber', async (c) => {
    const detail = await loadCaseDetail(deps, c.req.param('caseNumber'));
    return detail ? c.json(detail) : notFound(c);
  });

  app.post('/:caseNumber/actions/:action', async (c) => {
    const spec = actionSpec(c.req.param('action'));
    if (!spec) return notFound(c, 'Åtgärden finns inte.');
    const row = await findCase(deps.db, c.req.param('caseNumber'));
    if (!row) return notFound(c);
    const body = await readActionBody(c, deps.db, spec);
    // The Update returns once the activity has written the case, so Postgres has the new state.
    return respondWithAction(c, deps, row, spec.action, { actor: { type: 'staff', id: c.get('principal').staffId }, ...body }, async () =>
      loadCaseDetail(deps, row.case_number),
    );
  });

  return app;
}

/** `{ new, mine, awaiting, open, closed }`, each at most COUNT_CAP, with `<queue>Capped` when there are more. */
export function queueCountsApi(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();
  app.get('/', async (c) => {
    const counts = await queueCounts(deps.db, c.get('principal').staffId);
    return c.json({
      ...Object.fromEntries(QUEUES.map((q) => [q, counts[q].count])),
      ...Object.fromEntries(QUEUES.map((q) => [`${q}Capped`, counts[q].capped])),
    });
  });
  return app;
}
