// Back office: staff members (every handler sees them, for assigning), created and changed by administrators.
import { Hono } from 'hono';
import { z } from 'zod';
import { emailSchema, personnummerSchema } from '../../../domain/index.js';
import { STAFF_SORTS } from '../../../db/back-office.js';
import { addStaff, changeStaff, staffList, staffMember } from '../../../services/back-office.js';
import { type AuthEnv, authorise } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { readBody } from '../../problems.js';
import { toId } from '../../schemas/params.js';
import { MAX_PAGE_SIZE, idValue, pageOf, parseListQuery, searchText, setContentRange } from './list-query.js';

const ROLES = ['handler', 'admin'] as const;
const filterSchema = z.strictObject({
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
  q: searchText().optional(),
  id: z.array(idValue).max(MAX_PAGE_SIZE).optional(),
});
const SORTS = Object.keys(STAFF_SORTS) as [keyof typeof STAFF_SORTS, ...(keyof typeof STAFF_SORTS)[]];

const name = z.string().trim().min(1, 'Namn saknas').max(200, 'Högst 200 tecken');
const role = z.enum(ROLES, 'Välj handläggare eller administratör');
const createSchema = z.object({ name, email: emailSchema, role, personnummer: personnummerSchema });
// react-admin's update sends the whole record: fields other than these are ignored.
const updateSchema = z.object({
  name: name.optional(),
  email: emailSchema.optional(),
  role: role.optional(),
  active: z.boolean().optional(),
});

export function adminStaff(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();
  const admin = authorise(deps.db, 'admin');

  app.get('/', async (c) => {
    const { filter, sort, range } = parseListQuery(c, filterSchema, SORTS, { field: 'name', order: 'ASC' });
    const page = pageOf(range, filter.id);
    const { rows, total } = await staffList(deps, { ...filter, ids: filter.id }, sort.field, { ...page, order: sort.order });
    setContentRange(c, 'staff', page.offset, rows.length, total);
    return c.json(rows);
  });

  app.get('/:id', async (c) => c.json(await staffMember(deps, toId(c.req.param('id')))));

  app.post('/', admin, async (c) => {
    const created = await addStaff(deps, await readBody(c, createSchema));
    c.header('Location', `/api/admin/staff/${created.id}`);
    return c.json(created, 201);
  });

  app.put('/:id', admin, async (c) => c.json(await changeStaff(deps, toId(c.req.param('id')), await readBody(c, updateSchema))));

  return app;
}
