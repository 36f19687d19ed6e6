// Makes the harness's customer someone the local identity provider can log in: gives the account a
// real personnummer (and its hash), moving aside any account an earlier run left with the same one.
import { sql } from 'kysely';
import { personnummer } from '../../scripts/sample-cases.js';
import type { Harness } from './harness.js';

export async function loginableCustomer(h: Harness, birthDate: string) {
  const pnr = personnummer(birthDate, 100 + Math.floor(Math.random() * 800));
  const hash = h.cipher.hash(pnr);
  await h.db
    .updateTable('customer_accounts')
    .set({ personnummerHash: sql<string>`personnummer_hash || ':moved:' || id` })
    .where('personnummerHash', '=', hash)
    .where('id', '!=', h.accountId)
    .execute();
  await h.db.updateTable('customer_accounts').set({ personnummerHash: hash, personnummerEnc: h.cipher.seal(pnr) }).where('id', '=', h.accountId).execute();
  return { personnummer: pnr, method: 'bankid' as const, name: 'Åsa Öberg' };
}
