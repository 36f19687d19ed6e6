// Back office: customer accounts (personnummer masked), and their roles set by an administrator.
import { Hono } from 'hono';
import { z } from 'zod';
import { maskPersonnummer } from '../../../domain/index.js';
import { ACCOUNT_SORTS } from '../../../db/back-office.js';
import type { PersonalDataCipher } from '../../../db/personal-data.js';
import { account, accounts, setAccountRoles } from '../../../services/back-office.js';
import { type AuthEnv, authorise } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { iso } from '../../presenters/case.js';
import { readBody } from '../../problems.js';
import { toId } from '../../schemas/params.js';
import { MAX_PAGE_SIZE, idValue, pageOf, parseListQuery, searchText, setContentRange } from './list-query.js';

const filterSchema = z.strictObject({
  organisationId: idValue.optional(),
  q: searchText().optional(),
  id: z.array(idValue).max(MAX_PAGE_SIZE).optional(),
});
const SORTS = Object.keys(ACCOUNT_SORTS) as [keyof typeof ACCOUNT_SORTS, ...(keyof typeof ACCOUNT_SORTS)[]];

// react-admin's update sends the whole record: fields other than the roles are ignored.
const updateSchema = z.object({
  canOrder: z.boolean().optional(),
  isLocalAdmin: z.boolean().optional(),
});

type AccountRecord = Awaited<ReturnType<typeof account>>;
const toRecord = (cipher: PersonalDataCipher, { personnummerEnc, ...a }: AccountRecord) => ({
  id: a.id,
  name: a.name,
  email: a.email,
  // Null while an account imported from an earlier portal awaits verification ("Väntar på verifiering").
  personnummer: personnummerEnc === null ? null : maskPersonnummer(cipher.open(personnummerEnc)),
  awaitingVerification: personnummerEnc === null,
  importedAt: a.importedAt ? iso(a.importedAt) : null,
  organisationId: a.organisationId,
  organisationName: a.organisationName,
  unitName: a.unitName,
  canOrder: a.canOrder,
  isLocalAdmin: a.isLocalAdmin,
  notifyByEmail: a.notifyByEmail,
  createdAt: iso(a.createdAt),
});

export function adminAccounts(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();

  app.get('/', async (c) => {
    const { filter, sort, range } = parseListQuery(c, filterSchema, SORTS, { field: 'name', order: 'ASC' });
    const page = pageOf(range, filter.id);
    const { rows, total } = await accounts(deps, { ids: filter.id, organisationId: filter.organisationId, q: filter.q }, sort.field, { ...page, order: sort.order });
    setContentRange(c, 'accounts', page.offset, rows.length, total);
    return c.json(rows.map((r) => toRecord(deps.cipher, r)));
  });

  app.get('/:id', async (c) => c.json(toRecord(deps.cipher, await account(deps, toId(c.req.param('id'))))));

  app.put('/:id', authorise(deps.db, 'admin'), async (c) => {
    const id = toId(c.req.param('id'));
    return c.json(toRecord(deps.cipher, await setAccountRoles(deps, id, await readBody(c, updateSchema))));
  });

  return app;
}
