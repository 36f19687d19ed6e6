// Back office: organisations, and their verification by an administrator.
import { Hono } from 'hono';
import { z } from 'zod';
import { normaliseOrganisationsnummer } from '../../../domain/index.js';
import { ORGANISATION_SORTS, findOrganisationRecord, listOrganisations } from '../../../db/back-office.js';
import { verifyOrganisation } from '../../../db/organisations.js';
import { type AuthEnv, requireAdmin } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { idParam, notFound, readBody } from '../../problems.js';
import { MAX_PAGE_SIZE, idValue, pageOf, parseListQuery, searchText, setContentRange } from './list-query.js';

const filterSchema = z.strictObject({
  verified: z.boolean().optional(),
  q: searchText().optional(),
  id: z.array(idValue).max(MAX_PAGE_SIZE).optional(),
});
const SORTS = Object.keys(ORGANISATION_SORTS) as [keyof typeof ORGANISATION_SORTS, ...(keyof typeof ORGANISATION_SORTS)[]];

// react-admin's update sends the whole record: fields other than `verified` are ignored.
const updateSchema = z.object({ verified: z.literal(true, 'Ange verified: true för att verifiera organisationen') });

type OrganisationRow = Awaited<ReturnType<typeof listOrganisations>>['rows'][number];
const toRecord = ({ verifiedAt, ...o }: OrganisationRow) => ({
  id: o.id,
  organisationsnummer: o.organisationsnummer,
  name: o.name,
  verified: verifiedAt !== null,
  verifiedAt,
  createdAt: o.createdAt,
  memberCount: o.memberCount ?? 0,
  registeredByName: o.registeredByName,
});

export function adminOrganisations(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();

  app.get('/', async (c) => {
    const { filter, sort, range } = parseListQuery(c, filterSchema, SORTS, { field: 'name', order: 'ASC' });
    const page = pageOf(range, filter.id);
    const organisationsnummer = filter.q ? (normaliseOrganisationsnummer(filter.q) ?? undefined) : undefined;
    const { rows, total } = await listOrganisations(
      deps.db,
      { ids: filter.id, verified: filter.verified, q: filter.q, organisationsnummer },
      sort.field,
      { ...page, order: sort.order },
    );
    setContentRange(c, 'organisations', page.offset, rows.length, total);
    return c.json(rows.map(toRecord));
  });

  const one = async (id: number) => {
    const org = await findOrganisationRecord(deps.db, id);
    return org && { ...toRecord(org), units: org.units };
  };

  app.get('/:id', async (c) => {
    const org = await one(idParam(c));
    return org ? c.json(org) : notFound(c, 'Organisationen finns inte.');
  });

  app.put('/:id', requireAdmin, async (c) => {
    const id = idParam(c);
    await readBody(c, updateSchema);
    // Verifying makes the person who registered the organisation its local administrator.
    if (!(await verifyOrganisation(deps.db, id, c.get('principal').staffId))) return notFound(c, 'Organisationen finns inte.');
    return c.json(await one(id));
  });

  return app;
}
