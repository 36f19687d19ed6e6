// Back office: customer accounts (personnummer masked), and their roles set by an administrator.
import { Hono } from 'hono';
import { z } from 'zod';
import { maskPersonnummer, normalisePersonnummer } from '../../../domain/index.js';
import { setMemberRoles } from '../../../db/accounts.js';
import { ACCOUNT_SORTS, findAccountRecord, listAccounts } from '../../../db/back-office.js';
import type { PersonalDataCipher } from '../../../db/personal-data.js';
import { type AuthEnv, requireAdmin } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { idParam, notFound, readBody } from '../../problems.js';
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

type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccountRecord>>>;
const toRecord = (cipher: PersonalDataCipher, { personnummerEnc, ...a }: AccountRow) => ({
  id: a.id,
  name: a.name,
  email: a.email,
  personnummer: maskPersonnummer(cipher.open(personnummerEnc)),
  organisationId: a.organisationId,
  organisationName: a.organisationName,
  unitName: a.unitName,
  canOrder: a.canOrder,
  isLocalAdmin: a.isLocalAdmin,
  notifyByEmail: a.notifyByEmail,
  createdAt: a.createdAt,
});

export function adminAccounts(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();

  app.get('/', async (c) => {
    const { filter, sort, range } = parseListQuery(c, filterSchema, SORTS, { field: 'name', order: 'ASC' });
    const page = pageOf(range, filter.id);
    // A personnummer is found by its look-up hash: it is stored encrypted.
    const pnr = filter.q ? normalisePersonnummer(filter.q) : null;
    const { rows, total } = await listAccounts(
      deps.db,
      { ids: filter.id, organisationId: filter.organisationId, q: filter.q, personnummerHash: pnr ? deps.cipher.hash(pnr) : undefined },
      sort.field,
      { ...page, order: sort.order },
    );
    setContentRange(c, 'accounts', page.offset, rows.length, total);
    return c.json(rows.map((r) => toRecord(deps.cipher, r)));
  });

  app.get('/:id', async (c) => {
    const account = await findAccountRecord(deps.db, idParam(c));
    return account ? c.json(toRecord(deps.cipher, account)) : notFound(c, 'Kontot finns inte.');
  });

  app.put('/:id', requireAdmin, async (c) => {
    const id = idParam(c);
    const roles = await readBody(c, updateSchema);
    const account = await findAccountRecord(deps.db, id);
    if (!account) return notFound(c, 'Kontot finns inte.');
    await setMemberRoles(deps.db, account.organisationId, id, roles);
    return c.json(toRecord(deps.cipher, (await findAccountRecord(deps.db, id))!));
  });

  return app;
}
