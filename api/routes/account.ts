// "Skapa nytt konto" after the first login, and looking up whether an organisation is already registered.
import { Hono } from 'hono';
import { createAccount } from '../../db/accounts.js';
import { findOrganisationByNumber } from '../../db/organisations.js';
import { attachAccountToSession } from '../../db/sessions.js';
import { normaliseOrganisationsnummer, problem } from '../../domain/index.js';
import { type AuthEnv, requireAuth } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { invalidFields, readBody, sendProblem } from '../problems.js';
import { newAccountSchema } from '../schemas/account.js';

export function accountRoutes(deps: ApiDeps) {
  const { db, cipher } = deps;
  const app = new Hono<AuthEnv<'person'>>();

  app.post('/', requireAuth(db, 'person'), async (c) => {
    const p = c.get('principal');
    const body = await readBody(c, newAccountSchema);
    const result = await createAccount(db, cipher, { ...body, personnummer: cipher.open(p.via.personnummerEnc) });
    if (!result.ok && result.reason === 'organisation-unknown') {
      throw invalidFields('Organisationen finns inte registrerad.', [
        { field: 'organisationName', message: 'Organisationen finns inte registrerad i Kundportalen. Ange organisationens namn för att registrera den.' },
      ]);
    }
    if (!result.ok) return sendProblem(c, problem(409, 'Kontot finns redan', 'Det finns redan ett konto för dig. Logga in igen.'));
    await attachAccountToSession(db, p.via.idHash, result.accountId);
    return c.json(
      {
        accountId: result.accountId,
        organisationId: result.organisationId,
        organisationRegistered: result.registeredOrganisation,
        message: result.registeredOrganisation
          ? 'Ditt konto är skapat. Organisationen är registrerad och granskas av oss; när den är verifierad blir du dess lokala administratör.'
          : 'Ditt konto är skapat och kopplat till din organisation.',
      },
      201,
    );
  });
  return app;
}

export function organisationLookupRoutes(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'person' | 'customer'>>();
  app.get('/:organisationsnummer', requireAuth(deps.db, 'person', 'customer'), async (c) => {
    const number = normaliseOrganisationsnummer(c.req.param('organisationsnummer'));
    const org = number ? await findOrganisationByNumber(deps.db, number) : undefined;
    if (!org) return sendProblem(c, problem(404, 'Hittades inte', 'Organisationen finns inte registrerad.'));
    return c.json({ organisationsnummer: org.organisationsnummer, name: org.name, verified: org.verified_at !== null });
  });
  return app;
}
