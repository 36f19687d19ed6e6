// Registering an organisation: when several people register the same unknown number at once,
// exactly one becomes its registrant and the others join it.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { organisationsnummer, personnummer } from '../scripts/sample-cases.js';
import { createAccount } from './accounts.js';
import { createPersonalDataCipher } from './personal-data.js';
import { throwawayDatabase } from '../tests/helpers/test-database.js';

const key = () => randomBytes(32).toString('base64');
const cipher = createPersonalDataCipher({ encryptionKey: key(), hashKey: key() });
const PEOPLE = 4;
const ROUNDS = 10;
// One connection per person, so that their transactions really overlap.
const database = throwawayDatabase('accounts', { max: PEOPLE });

describe('createAccount', () => {
  it('gives a new organisation exactly one registrant when several register it at once', async () => {
    const db = database();
    for (let round = 0; round < ROUNDS; round++) {
      const number = organisationsnummer('803000', round);
      const results = await Promise.all(
        Array.from({ length: PEOPLE }, (_, i) =>
          createAccount(db, cipher, {
            personnummer: personnummer('19800101', round * PEOPLE + i),
            organisationsnummer: number,
            organisationName: `Samtidiga AB ${round}`,
            name: `Person ${i}`,
            email: `person.${round}.${i}@exempel.se`,
            notifyByEmail: false,
          }),
        ),
      );
      const created = results.map((r) => {
        if (!r.ok) throw new Error(`createAccount: ${r.reason}`);
        return r;
      });
      const registrants = created.filter((r) => r.registeredOrganisation);
      expect(registrants, `round ${round}`).toHaveLength(1);
      expect(new Set(created.map((r) => r.organisationId)).size).toBe(1);
      const org = await db
        .selectFrom('organisations')
        .select(['id', 'registeredByAccountId'])
        .where('organisationsnummer', '=', number)
        .executeTakeFirstOrThrow();
      expect(org).toEqual({ id: created[0]!.organisationId, registeredByAccountId: registrants[0]!.accountId });
    }
  });

  it('lets a person join a known organisation without a name for it, and refuses an unknown one without', async () => {
    const db = database();
    const number = organisationsnummer('803100');
    const base = { name: 'Rut', email: 'rut@exempel.se', notifyByEmail: false, organisationsnummer: number };
    expect(await createAccount(db, cipher, { ...base, personnummer: personnummer('19900101', 1) })).toEqual({
      ok: false,
      reason: 'organisation-unknown',
    });
    const first = await createAccount(db, cipher, { ...base, personnummer: personnummer('19900101', 1), organisationName: 'Kända AB' });
    expect(first).toMatchObject({ ok: true, registeredOrganisation: true });
    const second = await createAccount(db, cipher, { ...base, personnummer: personnummer('19900101', 2) });
    expect(second).toMatchObject({ ok: true, registeredOrganisation: false, organisationId: first.ok ? first.organisationId : -1 });
    expect(await createAccount(db, cipher, { ...base, personnummer: personnummer('19900101', 2) })).toEqual({
      ok: false,
      reason: 'account-exists',
    });
  });
});
