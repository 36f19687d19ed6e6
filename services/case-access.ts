// The one rule of who sees a case: staff see every case; a customer sees their own, and a local
// administrator their organisation's. Anyone else is told it does not exist (404, never 403).
import { type CaseRow, findCase } from '../db/cases.js';
import type { Executor } from '../db/client.js';
import { notFound } from './errors.js';
import type { Principal } from './principal.js';

export function maySeeCase(p: Principal, c: Pick<CaseRow, 'reporterId' | 'organisationId'>): boolean {
  if (p.kind === 'staff') return true;
  if (p.kind !== 'customer') return false;
  return c.reporterId === p.accountId || (p.isLocalAdmin && c.organisationId === p.organisationId);
}

export async function visibleCase(db: Executor, p: Principal, caseNumber: string): Promise<CaseRow> {
  const row = await findCase(db, caseNumber);
  if (!row || !maySeeCase(p, row)) throw notFound();
  return row;
}
