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
  const rows = await newestFirst(
    db
      .selectFrom('cases as c')
      .leftJoin('customer_accounts as a', 'a.id', 'c.reporterId')
      .select([
        'c.id',
        'c.caseNumber',
        'c.type',
        'c.status',
        'c.subject',
        'c.createdAt',
        'c.updatedAt',
        'c.closedAt',
        'a.name as reporterName',
      ])
      .$if('reporterId' in o.scope, (q) => q.where('c.reporterId', '=', (o.scope as { reporterId: number }).reporterId))
      .$if('organisationId' in o.scope, (q) => q.where('c.organisationId', '=', (o.scope as { organisationId: number }).organisationId))
      .where('c.status', o.state === 'closed' ? '=' : '!=', 'closed'),
    { createdAt: 'c.createdAt', id: 'c.id' },
    o.after,
    o.limit,
  ).execute();
  return page(rows, o.limit, (r) => ({ createdAt: r.createdAt, id: r.id }));
}
