// Mina sidor: a customer's ongoing and closed cases, or (for a local administrator) the organisation's.
import type { Executor } from './client.js';
import { type Keyset, newestFirst, page } from './paging.js';

export interface CustomerCaseQuery {
  scope: { reporterId: number } | { organisationId: number };
  state: 'ongoing' | 'closed';
  after?: Keyset | undefined;
  limit: number;
}

export async function listCustomerCases(db: Executor, o: CustomerCaseQuery) {
  // The page's keys come off the scope's index alone (it carries the status: an index-only scan), and
  // only the page's rows are then read. A large organisation's newest cases are mostly ongoing: read
  // from the table one by one to be skipped, they cost the closed list ~2,000 pages at a million cases.
  const keys = newestFirst(
    db
      .selectFrom('cases')
      .select(['id', 'createdAt'])
      .$if('reporterId' in o.scope, (q) => q.where('reporterId', '=', (o.scope as { reporterId: number }).reporterId))
      .$if('organisationId' in o.scope, (q) => q.where('organisationId', '=', (o.scope as { organisationId: number }).organisationId))
      .where('status', o.state === 'closed' ? '=' : '!=', 'closed'),
    { createdAt: 'createdAt', id: 'id' },
    o.after,
    o.limit,
  );
  const rows = await db
    .selectFrom(keys.as('k'))
    .innerJoin('cases as c', 'c.id', 'k.id')
    .leftJoin('customer_accounts as a', 'a.id', 'c.reporterId')
    .select(['c.id', 'c.caseNumber', 'c.type', 'c.status', 'c.subject', 'c.createdAt', 'c.updatedAt', 'c.closedAt', 'a.name as reporterName'])
    .orderBy('k.createdAt', 'desc')
    .orderBy('k.id', 'desc')
    .execute();
  return page(rows, o.limit, (r) => ({ createdAt: r.createdAt, id: r.id }));
}
