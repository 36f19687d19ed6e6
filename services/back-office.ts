// The back office: queues and cases for handlers, and the registers of organisations, customer accounts
// and staff, which administrators change.
import { setMemberRoles } from '../db/accounts.js';
import {
  type AccountFilter,
  type ListPage,
  type OrganisationFilter,
  type StaffChangeRefusal,
  type StaffFilter,
  ACCOUNT_SORTS,
  ORGANISATION_SORTS,
  STAFF_SORTS,
  createStaff,
  findAccountRecord,
  findOrganisationRecord,
  findStaffRecord,
  listAccounts,
  listOrganisations,
  listStaff,
  updateStaff,
} from '../db/back-office.js';
import { verifyOrganisation } from '../db/organisations.js';
import { COUNT_CAP, type CaseListFilter, type CasePage, findCaseDetail, listCases, queueCounts } from '../db/queues.js';
import type { StaffRole } from '../db/tables/people.js';
import { normaliseOrganisationsnummer, normalisePersonnummer } from '../domain/index.js';
import type { ServiceDeps } from './deps.js';
import { conflict, invalid, notFound } from './errors.js';
import type { Staff } from './principal.js';
import { caseServiceLevelEvents } from '../db/staff-notifications.js';

export { COUNT_CAP };
const CAP_TEXT = COUNT_CAP.toLocaleString('sv-SE');

/** A queue page; pages past the count cap are refused with a hint rather than read slowly. */
export function caseQueue(deps: ServiceDeps, p: Staff, filter: CaseListFilter, page: CasePage) {
  if (page.offset >= COUNT_CAP) {
    throw invalid(
      `Det går bara att bläddra bland de ${CAP_TEXT} första träffarna. Avgränsa med filter eller sökning, eller vänd sorteringen för att se de äldsta ärendena.`,
      [{ field: 'range', message: `Högst ${CAP_TEXT} träffar kan visas` }],
    );
  }
  return listCases(deps.db, filter, p.staffId, { ...page, limit: Math.min(page.limit, COUNT_CAP - page.offset) });
}

export const queueSizes = (deps: ServiceDeps, p: Staff) => queueCounts(deps.db, p.staffId);

export async function caseDetail(deps: ServiceDeps, caseNumber: string) {
  const detail = await findCaseDetail(deps.db, caseNumber);
  if (!detail) throw notFound();
  return { ...detail, serviceLevelEvents: await caseServiceLevelEvents(deps.db, detail.id) };
}

// --- organisations ----------------------------------------------------------------------------------

export function organisations(deps: ServiceDeps, f: Omit<OrganisationFilter, 'organisationsnummer'>, sort: keyof typeof ORGANISATION_SORTS, page: ListPage) {
  const organisationsnummer = f.q ? (normaliseOrganisationsnummer(f.q) ?? undefined) : undefined;
  return listOrganisations(deps.db, { ...f, organisationsnummer }, sort, page);
}

export async function organisation(deps: ServiceDeps, id: number) {
  const org = await findOrganisationRecord(deps.db, id);
  if (!org) throw notFound('Organisationen finns inte.');
  return org;
}

/** Verifying makes the person who registered the organisation its local administrator. */
export async function verify(deps: ServiceDeps, p: Staff, id: number) {
  if (!(await verifyOrganisation(deps.db, id, p.staffId))) throw notFound('Organisationen finns inte.');
  return organisation(deps, id);
}

// --- customer accounts ------------------------------------------------------------------------------

/** A personnummer in the search box is found by its look-up hash: it is stored encrypted. */
export function accounts(deps: ServiceDeps, f: Omit<AccountFilter, 'personnummerHash'>, sort: keyof typeof ACCOUNT_SORTS, page: ListPage) {
  const pnr = f.q ? normalisePersonnummer(f.q) : null;
  return listAccounts(deps.db, { ...f, personnummerHash: pnr ? deps.cipher.hash(pnr) : undefined }, sort, page);
}

export async function account(deps: ServiceDeps, id: number) {
  const found = await findAccountRecord(deps.db, id);
  if (!found) throw notFound('Kontot finns inte.');
  return found;
}

export async function setAccountRoles(deps: ServiceDeps, id: number, roles: { canOrder?: boolean | undefined; isLocalAdmin?: boolean | undefined }) {
  const found = await account(deps, id);
  await setMemberRoles(deps.db, found.organisationId, id, roles);
  return account(deps, id);
}

// --- staff ------------------------------------------------------------------------------------------

export const staffList = (deps: ServiceDeps, f: StaffFilter, sort: keyof typeof STAFF_SORTS, page: ListPage) => listStaff(deps.db, f, sort, page);

export async function staffMember(deps: ServiceDeps, id: number) {
  const found = await findStaffRecord(deps.db, id);
  if (!found) throw notFound('Medarbetaren finns inte.');
  return found;
}

function staffRefusal(reason: StaffChangeRefusal) {
  switch (reason) {
    case 'email-taken':
      return invalid('E-postadressen används redan.', [{ field: 'email', message: 'E-postadressen används redan av en annan medarbetare' }]);
    case 'personnummer-taken':
      return invalid('Personnumret används redan.', [{ field: 'personnummer', message: 'Personnumret hör redan till en annan medarbetare' }]);
    case 'last-admin':
      return conflict('Ändringen är inte tillåten', 'Det måste finnas minst en aktiv administratör. Utse en annan administratör först.');
  }
}

/** The personnummer ties the new member to their e-legitimation. */
export async function addStaff(deps: ServiceDeps, s: { name: string; email: string; role: StaffRole; personnummer: string }) {
  const created = await createStaff(deps.db, deps.cipher, s);
  if (!created.ok) throw staffRefusal(created.reason);
  return staffMember(deps, created.id);
}

export async function changeStaff(
  deps: ServiceDeps,
  id: number,
  patch: { name?: string | undefined; email?: string | undefined; role?: StaffRole | undefined; active?: boolean | undefined },
) {
  const changed = await updateStaff(deps.db, id, patch);
  if (!changed.ok) throw changed.reason === 'not-found' ? notFound('Medarbetaren finns inte.') : staffRefusal(changed.reason);
  return staffMember(deps, id);
}
