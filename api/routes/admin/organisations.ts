// Back office: organisations, and their verification by an administrator.
import { Hono } from 'hono';
import { z } from 'zod';
import { ORGANISATION_SORTS } from '../../../db/back-office.js';
import { organisation, organisations, verify } from '../../../services/back-office.js';
import { type AuthEnv, authorise } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { iso, isoOrNull } from '../../presenters/case.js';
import { readBody } from '../../problems.js';
import { toId } from '../../schemas/params.js';
import { MAX_PAGE_SIZE, idValue, pageOf, parseListQuery, searchText, setContentRange } from './list-query.js';

const filterSchema = z.strictObject({
  verified: z.boolean().optional(),
  q: searchText().optional(),
  id: z.array(idValue).max(MAX_PAGE_SIZE).optional(),
});
const SORTS = Object.keys(ORGANISATION_SORTS) as [keyof typeof ORGANISATION_SORTS, ...(keyof typeof ORGANISATION_SORTS)[]];

// react-admin's update sends the whole record: fields other than `verified` are ignored.
const updateSchema = z.object({ verified: z.literal(true, 'Ange verified: true för att verifiera organisationen') });

type OrganisationRecord = Awaited<ReturnType<typeof organisations>>['rows'][number];
const toRecord = (o: OrganisationRecord) => ({
  id: o.id,
  organisationsnummer: o.organisationsnummer,
  name: o.name,
  verified: o.verifiedAt !== null,
  verifiedAt: isoOrNull(o.verifiedAt),
  createdAt: iso(o.createdAt),
  memberCount: o.memberCount ?? 0,
  registeredByName: o.registeredByName,
});
const withUnits = (o: Awaited<ReturnType<typeof organisation>>) => ({ ...toRecord(o), units: o.units });

export function adminOrganisations(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();

  app.get('/', async (c) => {
    const { filter, sort, range } = parseListQuery(c, filterSchema, SORTS, { field: 'name', order: 'ASC' });
    const page = pageOf(range, filter.id);
    const { rows, total } = await organisations(deps, { ids: filter.id, verified: filter.verified, q: filter.q }, sort.field, { ...page, order: sort.order });
    setContentRange(c, 'organisations', page.offset, rows.length, total);
    return c.json(rows.map(toRecord));
  });

  app.get('/:id', async (c) => c.json(withUnits(await organisation(deps, toId(c.req.param('id'))))));

  app.put('/:id', authorise(deps.db, 'admin'), async (c) => {
    const id = toId(c.req.param('id'));
    await readBody(c, updateSchema);
    return c.json(withUnits(await verify(deps, c.get('principal'), id)));
  });

  return app;
}
