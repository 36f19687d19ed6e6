// "Mina uppgifter": contact details and the e-mail choice; every new case is prefilled from them.
import { Hono } from 'hono';
import { type AccountRow, findAccount, updateContactDetails } from '../../db/accounts.js';
import type { PersonalDataCipher } from '../../db/personal-data.js';
import type { Contact } from '../../domain/index.js';
import { type AuthEnv, requireAuth } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { readBody } from '../problems.js';
import { contactDetailsSchema } from '../schemas/account.js';

/** The contact block of a case as the account gives it: what "prefilled" means for the API. */
export const contactFromAccount = (cipher: PersonalDataCipher, a: AccountRow): Contact => ({
  organisationName: a.organisation_name,
  organisationsnummer: a.organisationsnummer,
  unitName: a.unit_name ?? undefined,
  personnummer: cipher.open(a.personnummer_enc),
  name: a.name,
  email: a.email,
  notifyByEmail: a.notify_by_email,
});

export function meRoutes(deps: ApiDeps) {
  const { db, cipher } = deps;
  const app = new Hono<AuthEnv<'customer'>>();
  app.use('*', requireAuth(db, 'customer'));

  const present = (a: AccountRow) => ({
    id: a.id,
    name: a.name,
    email: a.email,
    unitName: a.unit_name,
    notifyByEmail: a.notify_by_email,
    // Their own number, in full: the one reader who needs it unmasked.
    personnummer: cipher.open(a.personnummer_enc),
    organisation: { id: a.organisation_id, name: a.organisation_name, organisationsnummer: a.organisationsnummer, verified: a.organisation_verified_at !== null },
    roles: { canOrder: a.can_order, isLocalAdmin: a.is_local_admin },
    contact: contactFromAccount(cipher, a),
  });

  app.get('/', async (c) => {
    const a = await findAccount(db, c.get('principal').accountId);
    return a ? c.json(present(a)) : c.notFound();
  });

  app.put('/', async (c) => {
    const { accountId } = c.get('principal');
    const body = await readBody(c, contactDetailsSchema);
    await updateContactDetails(db, accountId, body);
    return c.json(present((await findAccount(db, accountId))!));
  });
  return app;
}
