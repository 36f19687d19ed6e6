// A customer's submission, made idempotent by an (owner, Idempotency-Key) row written by the same
// statement as the case: one round trip to Postgres (see submitInOneStatement).
import { createHash } from 'node:crypto';
import { type CaseRow, type NewCase, submitInOneStatement } from './cases.js';
import type { Db } from './client.js';

export type SubmitResult = { row: CaseRow; created: boolean } | 'key-conflict';

export async function submitCaseOnce(
  db: Db,
  newCase: NewCase,
  idempotency?: { owner: string; key: string; request: unknown },
): Promise<SubmitResult> {
  if (!idempotency) {
    const inserted = await submitInOneStatement(db, newCase);
    if (!inserted) throw new Error('The submission statement returned no case');
    return { row: inserted.row, created: true };
  }
  const { owner, key } = idempotency;
  const requestHash = createHash('sha256').update(JSON.stringify(idempotency.request)).digest('hex');
  const outcome = (r: { row: CaseRow; storedHash: string | null }): SubmitResult =>
    r.storedHash === null ? { row: r.row, created: true } : r.storedHash === requestHash ? { row: r.row, created: false } : 'key-conflict';

  const result = await submitInOneStatement(db, newCase, { owner, key, requestHash });
  if (result) return outcome(result);
  // A concurrent twin committed the key while the statement waited on it; it wrote nothing and
  // consumed no number. A fresh statement sees the twin's case.
  const twin = await db
    .selectFrom('idempotency_keys as k')
    .innerJoin('cases as c', 'c.id', 'k.caseId')
    .selectAll('c')
    .select('k.requestHash as storedHash')
    .where('k.owner', '=', owner)
    .where('k.key', '=', key)
    .executeTakeFirst();
  // Gone again only if that case was deleted in between; as before, the key counts as taken.
  if (!twin) return 'key-conflict';
  const { storedHash, ...row } = twin;
  return outcome({ row, storedHash });
}
