// The back office's lists of organisations, customer accounts and staff. These grow with the number
// of customers, not of cases, so they count exactly.
import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Db, Executor } from './client.js';
import { contains } from './conditions.js';
import { upsertStaff } from './people.js';
import type { PersonalDataCipher } from './personal-data.js';
import type { StaffRole } from './tables/people.js';

export interface ListPage {
  offset: number;
  limit: number;
  order: 'asc' | 'desc';
}

/**
 * One page of `matching` with the columns `records` adds, sorted by `sorts[sort]` and then by id so that
 * equal keys page stably, and the number of all matches, counted on the listed table alone.
 */
async function pagedList<DB, TB extends keyof DB, O, Sort extends string>(
  matching: SelectQueryBuilder<DB, TB, object>,
  records: (q: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, O>,
  sorts: Record<Sort | 'id', Expression<unknown>>,
  sort: Sort,
  page: ListPage,
) {
  const [rows, total] = await Promise.all([
    records(matching)
      .orderBy(sorts[sort], page.order)
      .orderBy(sorts.id, page.order)
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    // The cast: with the table a type parameter, the compiler cannot resolve the selection's type itself.
    matching
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .$castTo<{ n: number }>()
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

// --- organisations ---------------------------------------------------------------

export const ORGANISATION_SORTS = {
  id: sql.ref('o.id'),
  name: sql.ref('o.name'),
  organisationsnummer: sql.ref('o.organisationsnummer'),
  verifiedAt: sql.ref('o.verifiedAt'),
  createdAt: sql.ref('o.createdAt'),
  memberCount: sql.ref('memberCount'),
};

export interface OrganisationFilter {
  ids?: number[] | undefined;
  verified?: boolean | undefined;
  q?: string | undefined;
  /** A normalised organisationsnummer the free text was recognised as. */
  organisationsnummer?: string | undefined;
}

const organisations = (db: Executor) => db.selectFrom('organisations as o');

const matchingOrganisations = (db: Executor, f: OrganisationFilter) =>
  organisations(db).where((eb) => {
    const c: Expression<SqlBool>[] = [];
    if (f.ids) c.push(eb('o.id', '=', eb.fn.any(eb.val(f.ids))));
    if (f.verified !== undefined) c.push(eb('o.verifiedAt', f.verified ? 'is not' : 'is', null));
    if (f.q) {
      const text = [eb('o.name', 'ilike', contains(f.q)), eb('o.organisationsnummer', 'ilike', contains(f.q))];
      c.push(eb.or(f.organisationsnummer ? [...text, eb('o.organisationsnummer', '=', f.organisationsnummer)] : text));
    }
    return eb.and(c);
  });

const organisationRecords = (q: ReturnType<typeof organisations>) =>
  q
    .leftJoin('customer_accounts as rb', 'rb.id', 'o.registeredByAccountId')
    .select([
      'o.id',
      'o.organisationsnummer',
      'o.name',
      'o.verifiedAt',
      'o.createdAt',
      'rb.name as registeredByName',
    ])
    .select((eb) =>
      eb
        .selectFrom('customer_accounts as m')
        .select((m) => m.fn.countAll<number>().as('n'))
        .whereRef('m.organisationId', '=', 'o.id')
        .as('memberCount'),
    );

export const listOrganisations = (db: Executor, f: OrganisationFilter, sort: keyof typeof ORGANISATION_SORTS, page: ListPage) =>
  pagedList(matchingOrganisations(db, f), organisationRecords, ORGANISATION_SORTS, sort, page);

export async function findOrganisationRecord(db: Executor, id: number) {
  const org = await organisationRecords(organisations(db)).where('o.id', '=', id).executeTakeFirst();
  if (!org) return undefined;
  const units = await db.selectFrom('units').select(['id', 'name']).where('organisationId', '=', id).orderBy('name').execute();
  return { ...org, units };
}

// --- customer accounts -------------------------------------------------------------

export const ACCOUNT_SORTS = {
  id: sql.ref('a.id'),
  name: sql.ref('a.name'),
  email: sql.ref('a.email'),
  organisationName: sql.ref('o.name'),
  createdAt: sql.ref('a.createdAt'),
};

export interface AccountFilter {
  ids?: number[] | undefined;
  organisationId?: number | undefined;
  q?: string | undefined;
  /** The look-up hash of a personnummer the free text was recognised as. */
  personnummerHash?: string | undefined;
}

const accounts = (db: Executor) => db.selectFrom('customer_accounts as a');

// Written as in its trigram index (migration 2026-11-23T1000), literal included, so that the index serves it.
const accountSearchText = sql<string>`(a.name || ' ' || a.email)`;

const matchingAccounts = (db: Executor, f: AccountFilter) =>
  accounts(db).where((eb) => {
    const c: Expression<SqlBool>[] = [];
    if (f.ids) c.push(eb('a.id', '=', eb.fn.any(eb.val(f.ids))));
    if (f.organisationId !== undefined) c.push(eb('a.organisationId', '=', f.organisationId));
    if (f.personnummerHash) c.push(eb('a.personnummerHash', '=', f.personnummerHash));
    else if (f.q) c.push(eb(accountSearchText, 'ilike', contains(f.q)));
    return eb.and(c);
  });

const accountRecords = (q: ReturnType<typeof accounts>) =>
  q
    .innerJoin('organisations as o', 'o.id', 'a.organisationId')
    .leftJoin('units as u', 'u.id', 'a.unitId')
    .select([
      'a.id',
      'a.name',
      'a.email',
      'a.personnummerEnc',
      'a.organisationId',
      'o.name as organisationName',
      'u.name as unitName',
      'a.canOrder',
      'a.isLocalAdmin',
      'a.notifyByEmail',
      'a.importedAt',
      'a.verifiedAt',
      'a.createdAt',
    ]);

export const listAccounts = (db: Executor, f: AccountFilter, sort: keyof typeof ACCOUNT_SORTS, page: ListPage) =>
  pagedList(matchingAccounts(db, f), accountRecords, ACCOUNT_SORTS, sort, page);

export const findAccountRecord = (db: Executor, id: number) => accountRecords(accounts(db)).where('a.id', '=', id).executeTakeFirst();

// --- staff ----------------------------------------------------------------------------

export const STAFF_SORTS = {
  id: sql.ref('id'),
  name: sql.ref('name'),
  email: sql.ref('email'),
  role: sql.ref('role'),
  active: sql.ref('active'),
  createdAt: sql.ref('createdAt'),
};

export interface StaffFilter {
  ids?: number[] | undefined;
  role?: StaffRole | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
}

const staff = (db: Executor) => db.selectFrom('staff');

const matchingStaff = (db: Executor, f: StaffFilter) =>
  staff(db).where((eb) => {
    const c: Expression<SqlBool>[] = [];
    if (f.ids) c.push(eb('id', '=', eb.fn.any(eb.val(f.ids))));
    if (f.role) c.push(eb('role', '=', f.role));
    if (f.active !== undefined) c.push(eb('active', '=', f.active));
    if (f.q) c.push(eb(eb(eb('name', '||', ' '), '||', eb.ref('email')), 'ilike', contains(f.q)));
    return eb.and(c);
  });

const staffRecords = (q: ReturnType<typeof staff>) => q.select(['id', 'name', 'email', 'role', 'active', 'createdAt']);

export const listStaff = (db: Executor, f: StaffFilter, sort: keyof typeof STAFF_SORTS, page: ListPage) =>
  pagedList(matchingStaff(db, f), staffRecords, STAFF_SORTS, sort, page);

export const findStaffRecord = (db: Executor, id: number) => staffRecords(staff(db)).where('id', '=', id).executeTakeFirst();

/** Serialises changes of staff: two administrators cannot demote each other at once, nor take one e-mail twice. */
const lockStaff = (trx: Executor) => sql`select pg_advisory_xact_lock(hashtext('kundportal:staff'))`.execute(trx);

export type StaffChangeRefusal = 'email-taken' | 'personnummer-taken' | 'last-admin';

const uniqueViolation = (err: unknown): StaffChangeRefusal | undefined => {
  const e = err as { code?: string; constraint?: string };
  if (e.code !== '23505') return undefined;
  return e.constraint?.includes('personnummer') ? 'personnummer-taken' : 'email-taken';
};

/** A new staff member who can log in with e-legitimation; an e-mail address in use is refused, not taken over. */
export async function createStaff(
  db: Db,
  cipher: PersonalDataCipher,
  s: { name: string; email: string; role: StaffRole; personnummer: string },
): Promise<{ ok: true; id: number } | { ok: false; reason: StaffChangeRefusal }> {
  try {
    return await db.transaction().execute(async (trx) => {
      await lockStaff(trx);
      if (await trx.selectFrom('staff').select('id').where('email', '=', s.email).executeTakeFirst()) {
        return { ok: false, reason: 'email-taken' } as const;
      }
      const id = await upsertStaff(trx, { name: s.name, email: s.email, role: s.role }, { cipher, personnummer: s.personnummer });
      return { ok: true, id } as const;
    });
  } catch (err) {
    const reason = uniqueViolation(err);
    if (reason) return { ok: false, reason };
    throw err;
  }
}

/** Changes a staff member; false when there is none. The last active administrator stays one. */
export async function updateStaff(
  db: Db,
  id: number,
  patch: { name?: string | undefined; email?: string | undefined; role?: StaffRole | undefined; active?: boolean | undefined },
): Promise<{ ok: true } | { ok: false; reason: StaffChangeRefusal | 'not-found' }> {
  const activeAdmins = async (trx: Executor) =>
    (
      await trx
        .selectFrom('staff')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('active', '=', true)
        .executeTakeFirstOrThrow()
    ).n;
  try {
    return await db.transaction().execute(async (trx) => {
      await lockStaff(trx);
      if (!(await trx.selectFrom('staff').select('id').where('id', '=', id).executeTakeFirst())) {
        return { ok: false, reason: 'not-found' } as const;
      }
      const before = await activeAdmins(trx);
      const changes = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      };
      if (Object.keys(changes).length > 0) await trx.updateTable('staff').set(changes).where('id', '=', id).execute();
      if (before > 0 && (await activeAdmins(trx)) === 0) throw new LastAdmin();
      return { ok: true } as const;
    });
  } catch (err) {
    if (err instanceof LastAdmin) return { ok: false, reason: 'last-admin' };
    const reason = uniqueViolation(err);
    if (reason) return { ok: false, reason };
    throw err;
  }
}

class LastAdmin extends Error {}
