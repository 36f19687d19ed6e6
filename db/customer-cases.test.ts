// Mina sidor's lists on a database of their own: paged by cursor, newest first (ties broken by id),
// each case exactly once and in the right list, and only the scope's cases: the reporter's own, or
// for a local administrator the whole organisation's with who sent each.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../domain/index.js';
import { throwawayDatabase } from '../tests/helpers/test-database.js';
import { type CustomerCaseQuery, listCustomerCases } from './customer-cases.js';
import { decodeCursor } from './paging.js';

const database = throwawayDatabase('customer_cases');
const PAGE = 5;

interface Seeded {
  id: number;
  createdAt: Date;
  status: CaseStatus;
  organisationId: number;
  reporterId: number;
}

let asa: number;
let bo: number;
let organisation: number;
let seeded: Seeded[] = [];

beforeAll(async () => {
  const db = database();
  const [own, other] = (
    await db
      .insertInto('organisations')
      .values([
        { organisationsnummer: '5560160680', name: 'Region Exempel' },
        { organisationsnummer: '2120000142', name: 'Region Annan' },
      ])
      .returning('id')
      .execute()
  ).map((r) => r.id);
  organisation = own!;
  const account = (organisationId: number, name: string, n: number) =>
    db
      .insertInto('customer_accounts')
      .values({ organisationId, personnummerEnc: 'sealed', personnummerHash: `hash-${n}`, name, email: `konto${n}@exempel.se` })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  asa = await account(own!, 'Åsa Öberg', 1);
  bo = await account(own!, 'Bo Ek', 2);
  const stranger = await account(other!, 'Stina Stål', 3);
  // 120 cases over three reporters and every status; of every three, the first two share their
  // second (the organisation's lists hold such ties), so the cursor must break ties by id.
  const base = Date.UTC(2026, 0, 1);
  const rows = Array.from({ length: 120 }, (_, i) => ({
    caseNumber: `KP-2026-${String(i + 1).padStart(5, '0')}`,
    year: 2026,
    seq: i + 1,
    type: 'question' as const,
    status: CASE_STATUSES[Math.floor(i / 2) % CASE_STATUSES.length]!,
    subject: `Fråga ${i + 1}`,
    payload: JSON.stringify({}),
    organisationId: i % 5 === 4 ? other! : own!,
    reporterId: i % 5 === 4 ? stranger : i % 2 === 0 ? asa : bo,
    createdAt: new Date(base + Math.floor(i / 3) * 2 * 1000 + (i % 3 === 2 ? 1000 : 0)),
  }));
  // Inserted shuffled, so ids do not follow creation order.
  const shuffled = rows.map((r, i) => ({ r, k: (i * 37) % rows.length })).sort((a, b) => a.k - b.k).map((x) => x.r);
  const inserted = await db.insertInto('cases').values(shuffled).returning(['id', 'createdAt', 'status', 'organisationId', 'reporterId']).execute();
  seeded = inserted.map((r) => ({ ...r, organisationId: r.organisationId!, reporterId: r.reporterId! }));
  await sql`analyze cases`.execute(db);
});

/** Every page, following each nextCursor through its encoded form as the portal and the API hand it out. */
async function allPages(q: Omit<CustomerCaseQuery, 'after' | 'limit'>) {
  const pages = [];
  let after: CustomerCaseQuery['after'];
  for (;;) {
    const page = await listCustomerCases(database(), { ...q, after, limit: PAGE });
    pages.push(page);
    if (!page.nextCursor) return pages;
    after = decodeCursor(page.nextCursor);
  }
}

const expected = (keep: (c: Seeded) => boolean) =>
  seeded
    .filter(keep)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
    .map((c) => c.id);

describe('listCustomerCases', () => {
  it.each(['ongoing', 'closed'] as const)('pages the reporter’s own %s cases newest first, each once', async (state) => {
    const pages = await allPages({ scope: { reporterId: asa }, state });
    const want = expected((c) => c.reporterId === asa && (c.status === 'closed') === (state === 'closed'));
    expect(want.length).toBeGreaterThan(PAGE);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(want);
    expect(pages.slice(0, -1).every((p) => p.items.length === PAGE)).toBe(true);
    expect(pages.flatMap((p) => p.items).every((i) => (i.status === 'closed') === (state === 'closed') && i.reporterName === 'Åsa Öberg')).toBe(true);
  });

  it.each(['ongoing', 'closed'] as const)('pages the organisation’s %s cases of every reporter in it, naming each', async (state) => {
    const items = (await allPages({ scope: { organisationId: organisation }, state })).flatMap((p) => p.items);
    expect(items.map((i) => i.id)).toEqual(expected((c) => c.organisationId === organisation && (c.status === 'closed') === (state === 'closed')));
    expect(new Set(items.map((i) => i.reporterName))).toEqual(new Set(['Åsa Öberg', 'Bo Ek']));
  });

  it('gives the full row of each case and no cursor after a page that ends the list', async () => {
    const page = await listCustomerCases(database(), { scope: { reporterId: bo }, state: 'closed', limit: 100 });
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]).toEqual({
      id: expect.any(Number),
      caseNumber: expect.stringMatching(/^KP-2026-\d{5}$/),
      type: 'question',
      status: 'closed',
      subject: expect.stringMatching(/^Fråga \d+$/),
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      closedAt: null,
      reporterName: 'Bo Ek',
    });
  });
});
