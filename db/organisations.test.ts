// Verifying an organisation and making its registrant local administrator happen together or not at all.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { organisationsnummer, personnummer } from '../scripts/sample-cases.js';
import { createAccount } from './accounts.js';
import { verifyOrganisation } from './organisations.js';
import { upsertStaff } from './people.js';
import { createPersonalDataCipher } from './personal-data.js';
import { throwawayDatabase } from '../tests/helpers/test-database.js';

const key = () => randomBytes(32).toString('base64');
const cipher = createPersonalDataCipher({ encryptionKey: key(), hashKey: key() });
const database = throwawayDatabase('organisations');

async function registeredOrganisation(serial: number) {
  const created = await createAccount(database(), cipher, {
    personnummer: personnummer('19700101', serial),
    organisationsnummer: organisationsnummer('802000', serial),
    organisationName: `Testbolaget ${serial}`,
    name: 'Rut Registrant',
    email: `rut.${serial}@exempel.se`,
    notifyByEmail: false,
  });
  if (!created.ok || !created.registeredOrganisation) throw new Error('expected a newly registered organisation');
  return created;
}

const state = async (organisationId: number, accountId: number) => {
  const db = database();
  const org = await db
    .selectFrom('organisations')
    .select(['verifiedAt', 'verifiedByStaffId'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const account = await db
    .selectFrom('customer_accounts')
    .select('isLocalAdmin')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { verified: org.verifiedAt !== null, verifiedBy: org.verifiedByStaffId, localAdmin: account.isLocalAdmin };
};

describe('verifyOrganisation', () => {
  it('verifies and makes the registrant local administrator; twice changes nothing', async () => {
    const staffId = await upsertStaff(database(), { name: 'Ada Administratör', email: 'ada.1@kundportal.local', role: 'admin' });
    const { organisationId, accountId } = await registeredOrganisation(1);
    expect(await verifyOrganisation(database(), organisationId, staffId)).toBe(true);
    expect(await state(organisationId, accountId)).toEqual({ verified: true, verifiedBy: staffId, localAdmin: true });
    expect(await verifyOrganisation(database(), organisationId, staffId)).toBe(true);
    expect(await verifyOrganisation(database(), organisationId + 1000, staffId)).toBe(false);
  });

  it('leaves the organisation unverified when granting the role fails, so that verifying again repairs it', async () => {
    const db = database();
    const staffId = await upsertStaff(db, { name: 'Ada Administratör', email: 'ada.2@kundportal.local', role: 'admin' });
    const { organisationId, accountId } = await registeredOrganisation(2);

    await sql`create function refuse_account_update() returns trigger language plpgsql as $$
      begin raise exception 'test: account update refused'; end $$`.execute(db);
    await sql`create trigger refuse_account_update before update on customer_accounts
      for each row execute function refuse_account_update()`.execute(db);
    try {
      await expect(verifyOrganisation(db, organisationId, staffId)).rejects.toThrow('test: account update refused');
    } finally {
      await sql`drop trigger refuse_account_update on customer_accounts`.execute(db);
      await sql`drop function refuse_account_update()`.execute(db);
    }
    expect(await state(organisationId, accountId)).toEqual({ verified: false, verifiedBy: null, localAdmin: false });

    expect(await verifyOrganisation(db, organisationId, staffId)).toBe(true);
    expect(await state(organisationId, accountId)).toEqual({ verified: true, verifiedBy: staffId, localAdmin: true });
  });

  it("joins the caller's transaction: rolled back with it", async () => {
    const db = database();
    const staffId = await upsertStaff(db, { name: 'Ada Administratör', email: 'ada.3@kundportal.local', role: 'admin' });
    const { organisationId, accountId } = await registeredOrganisation(3);
    await expect(
      db.transaction().execute(async (trx) => {
        expect(await verifyOrganisation(trx, organisationId, staffId)).toBe(true);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await state(organisationId, accountId)).toEqual({ verified: false, verifiedBy: null, localAdmin: false });
  });
});
