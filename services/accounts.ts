// Accounts: "Skapa nytt konto" after the first login, who is logged in, and "Mina uppgifter", from which
// every new case's contact block is prefilled.
import { type AccountRow, createAccount as insertAccount, findAccount, updateContactDetails } from '../db/accounts.js';
import type { PersonalDataCipher } from '../db/personal-data.js';
import { findOrganisationByNumber } from '../db/organisations.js';
import { attachAccountToSession } from '../db/sessions.js';
import { type Contact, normaliseOrganisationsnummer } from '../domain/index.js';
import type { ServiceDeps } from './deps.js';
import { conflict, invalid, notFound } from './errors.js';
import { requireMethodFor } from './login-methods.js';
import type { Person, Principal } from './principal.js';

/**
 * The account's own personnummer. A customer only ever acts as an account found by their personnummer,
 * so it has one; only an imported account awaiting verification has none, and no one acts as that.
 */
export function accountPersonnummer(cipher: PersonalDataCipher, a: { personnummerEnc: string | null }): string {
  if (a.personnummerEnc === null) throw new Error('The account awaits verification and has no personnummer');
  return cipher.open(a.personnummerEnc);
}

/** The contact block of a case as the account gives it: what "prefilled" means. */
export const contactFromAccount = (cipher: PersonalDataCipher, a: AccountRow): Contact => ({
  organisationName: a.organisationName,
  organisationsnummer: a.organisationsnummer,
  unitName: a.unitName ?? undefined,
  personnummer: accountPersonnummer(cipher, a),
  name: a.name,
  email: a.email,
  notifyByEmail: a.notifyByEmail,
});

export interface NewAccountInput {
  organisationsnummer: string;
  organisationName?: string | undefined;
  unitName?: string | undefined;
  name: string;
  email: string;
  notifyByEmail: boolean;
}

/** Creates the logged-in person's account; an unknown organisation is registered (unverified) on the way. */
export async function createAccount(deps: ServiceDeps, p: Person, input: NewAccountInput) {
  requireMethodFor(deps, 'create_account', p.via.authMethod);
  const result = await insertAccount(deps.db, deps.cipher, { ...input, personnummer: deps.cipher.open(p.via.personnummerEnc) });
  if (!result.ok && result.reason === 'organisation-unknown') {
    throw invalid('Organisationen finns inte registrerad.', [
      { field: 'organisationName', message: 'Organisationen finns inte registrerad i Kundportalen. Ange organisationens namn för att registrera den.' },
    ]);
  }
  if (!result.ok) throw conflict('Kontot finns redan', 'Det finns redan ett konto för dig. Logga in igen.');
  await attachAccountToSession(deps.db, p.via.idHash, result.accountId);
  return result;
}

/** What the e-legitimation said of a person without an account: shown, not editable, on "Skapa nytt konto". */
export const personFromLogin = (deps: ServiceDeps, p: Person) => ({ name: p.via.name, personnummer: deps.cipher.open(p.via.personnummerEnc) });

/** Whether an organisation is registered, by its number in any accepted spelling. */
export async function lookupOrganisation(deps: ServiceDeps, organisationsnummer: string) {
  const number = normaliseOrganisationsnummer(organisationsnummer);
  const org = number ? await findOrganisationByNumber(deps.db, number) : undefined;
  if (!org) throw notFound('Organisationen finns inte registrerad.');
  return org;
}

export async function myAccount(deps: ServiceDeps, accountId: number) {
  const account = await findAccount(deps.db, accountId);
  if (!account) throw notFound('Kontot finns inte.');
  return account;
}

export async function updateMyDetails(
  deps: ServiceDeps,
  accountId: number,
  d: { name: string; email: string; notifyByEmail: boolean; unitName?: string | undefined },
) {
  await updateContactDetails(deps.db, accountId, d);
  return myAccount(deps, accountId);
}

/** Who is logged in, with the account or staff record behind the principal. */
export async function whoAmI(deps: ServiceDeps, p: Principal) {
  if (p.kind === 'person') return { principal: p } as const;
  if (p.kind === 'staff') {
    const staff = await deps.db.selectFrom('staff').select(['name', 'email']).where('id', '=', p.staffId).executeTakeFirstOrThrow();
    return { principal: p, staff } as const;
  }
  return { principal: p, account: await findAccount(deps.db, p.accountId) } as const;
}
