// Back office: staff members (every handler sees them, for assigning), created and changed by administrators.
import { Hono } from 'hono';
import { z } from 'zod';
import { emailSchema, personnummerSchema, problem } from '../../../domain/index.js';
import { STAFF_SORTS, type StaffChangeRefusal, createStaff, findStaffRecord, listStaff, updateStaff } from '../../../db/back-office.js';
import { type AuthEnv, requireAdmin } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { ProblemError, idParam, invalidFields, notFound, readBody } from '../../problems.js';
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

function refusal(reason: StaffChangeRefusal): ProblemError {
  switch (reason) {
    case 'email-taken':
      return invalidFields('E-postadressen används redan.', [{ field: 'email', message: 'E-postadressen används redan av en annan medarbetare' }]);
    case 'personnummer-taken':
      return invalidFields('Personnumret används redan.', [{ field: 'personnummer', message: 'Personnumret hör redan till en annan medarbetare' }]);
    case 'last-admin':
      return new ProblemError(
        problem(409, 'Ändringen är inte tillåten', 'Det måste finnas minst en aktiv administratör. Utse en annan administratör först.'),
      );
  }
}

export function adminStaff(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();

  app.get('/', async (c) => {
    const { filter, sort, range } = parseListQuery(c, filterSchema, SORTS, { field: 'name', order: 'ASC' });
    const page = pageOf(range, filter.id);
    const { rows, total } = await listStaff(deps.db, { ...filter, ids: filter.id }, sort.field, { ...page, order: sort.order });
    setContentRange(c, 'staff', page.offset, rows.length, total);
    return c.json(rows);
  });

  app.get('/:id', async (c) => {
    const staff = await findStaffRecord(deps.db, idParam(c));
    return staff ? c.json(staff) : notFound(c, 'Medarbetaren finns inte.');
  });

  // The personnummer ties the new member to their e-legitimation.
  app.post('/', requireAdmin, async (c) => {
    const created = await createStaff(deps.db, deps.cipher, await readBody(c, createSchema));
    if (!created.ok) throw refusal(created.reason);
    c.header('Location', `/api/admin/staff/${created.id}`);
    return c.json(await findStaffRecord(deps.db, created.id), 201);
  });

  app.put('/:id', requireAdmin, async (c) => {
    const id = idParam(c);
    const changed = await updateStaff(deps.db, id, await readBody(c, updateSchema));
    if (!changed.ok) {
      if (changed.reason === 'not-found') return notFound(c, 'Medarbetaren finns inte.');
      throw refusal(changed.reason);
    }
    return c.json(await findStaffRecord(deps.db, id));
  });

  return app;
}
