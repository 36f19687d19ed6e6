// The customer's organisation; its local administrators manage members' roles (the right to order).
import { organisationMembers, setMemberRoles } from '../db/accounts.js';
import { myAccount } from './accounts.js';
import type { ServiceDeps } from './deps.js';
import { invalid, notFound } from './errors.js';
import type { Customer } from './principal.js';

export async function myOrganisation(deps: ServiceDeps, p: Customer) {
  const a = await myAccount(deps, p.accountId);
  return { id: a.organisationId, name: a.organisationName, organisationsnummer: a.organisationsnummer, verifiedAt: a.organisationVerifiedAt };
}

export const listMembers = (deps: ServiceDeps, p: Customer) => organisationMembers(deps.db, p.organisationId);

export type Member = Awaited<ReturnType<typeof listMembers>>[number];

/** Whom a member without the role asks about roles: the names of the organisation's local administrators. */
export const localAdministratorNames = async (deps: ServiceDeps, p: Customer) =>
  (await listMembers(deps, p)).filter((m) => m.isLocalAdmin).map((m) => m.name);

/** A local administrator changes a member's roles; nobody removes their own administrator role. */
export async function changeMemberRoles(
  deps: ServiceDeps,
  p: Customer,
  memberId: number,
  roles: { canOrder?: boolean | undefined; isLocalAdmin?: boolean | undefined },
): Promise<Member> {
  if (memberId === p.accountId && roles.isLocalAdmin === false) {
    throw invalid('Du kan inte ta bort din egen administratörsroll.', [
      { field: 'isLocalAdmin', message: 'Be en annan lokal administratör ta bort din roll' },
    ]);
  }
  if (!(await setMemberRoles(deps.db, p.organisationId, memberId, roles))) throw notFound('Personen finns inte i din organisation.');
  return (await listMembers(deps, p)).find((m) => m.id === memberId)!;
}
