// An organisation of the test file's own, so its members and roles are not shared with other files:
// Britt Berg (local administrator, may order), Karin Ek (no roles, at a unit) and Olle Nord (no roles).
// Each can log in with the local identity provider.
import { upsertCustomerAccount, upsertOrganisation } from '../../db/people.js';
import { organisationsnummer, personnummer } from '../../scripts/sample-cases.js';
import type { Harness } from './harness.js';

const random = (n: number) => Math.floor(Math.random() * n);

export async function organisationWorld(h: Harness) {
  const number = organisationsnummer(String(214000 + random(999)), 400 + random(500));
  const name = `Region Testby ${number}`;
  const organisationId = await upsertOrganisation(h.db, { organisationsnummer: number, name, verified: true });
  const unit = await h.db.insertInto('units').values({ organisationId, name: 'Vårdcentralen Åby' }).returning('id').executeTakeFirstOrThrow();
  const stamp = `${process.pid}.${Date.now()}`;

  async function member(who: string, birthDate: string, roles: { canOrder: boolean; isLocalAdmin: boolean }, unitId: number | null = null) {
    const pnr = personnummer(birthDate, 100 + random(800));
    const email = `${who.toLowerCase().replace(/\s+/g, '.').replace('ö', 'o')}.${stamp}@exempel.se`;
    const id = await upsertCustomerAccount(h.db, h.cipher, { organisationId, personnummer: pnr, name: who, email, ...roles });
    if (unitId) await h.db.updateTable('customer_accounts').set({ unitId }).where('id', '=', id).execute();
    return { id, name: who, email, login: { personnummer: pnr, method: 'bankid' as const, name: who } };
  }

  return {
    organisationId,
    organisationsnummer: number,
    name,
    britt: await member('Britt Berg', '19710304', { canOrder: true, isLocalAdmin: true }),
    karin: await member('Karin Ek', '19830517', { canOrder: false, isLocalAdmin: false }, unit.id),
    olle: await member('Olle Nord', '19900921', { canOrder: false, isLocalAdmin: false }),
  };
}

/** A member's roles as Postgres has them now. */
export const rolesOf = (h: Harness, accountId: number) =>
  h.db.selectFrom('customer_accounts').select(['canOrder', 'isLocalAdmin']).where('id', '=', accountId).executeTakeFirstOrThrow();
