// A customer's submission, made idempotent by an (owner, Idempotency-Key) row in the same transaction.
import { createHash } from 'node:crypto';
import { type CaseRow, type NewCase, insertSubmittedCase } from './cases.js';
import type { Db } from './client.js';

export type SubmitResult = { row: CaseRow; created: boolean } | 'key-conflict';

class DuplicateKey extends Error {}

export async function submitCaseOnce(
  db: Db,
  newCase: NewCase,
  idempotency?: { owner: string; key: string; request: unknown },
): Promise<SubmitResult> {
  if (!idempotency) {
    return { row: await db.transaction().execute((trx) => insertSubmittedCase(trx, newCase)), created: true };
  }
  const { owner, key } = idempotency;
  const requestHash = createHash('sha256').update(JSON.stringify(idempotency.request)).digest('hex');

  const replay = async (): Promise<SubmitResult | undefined> => {
    const hit = await db
      .selectFrom('idempotency_keys as k')
      .innerJoin('cases as c', 'c.id', 'k.caseId')
      .selectAll('c')
      .select('k.requestHash')
      .where('k.owner', '=', owner)
      .where('k.key', '=', key)
      .executeTakeFirst();
    if (!hit) return undefined;
    const { requestHash: storedHash, ...row } = hit;
    return storedHash === requestHash ? { row, created: false } : 'key-conflict';
  };

  const earlier = await replay();
  if (earlier) return earlier;
  try {
    const row = await db.transaction().execute(async (trx) => {
      const inserted = await insertSubmittedCase(trx, newCase);
      const stored = await trx
        .insertInto('idempotency_keys')
        .values({ owner, key, requestHash, caseId: inserted.id })
        .onConflict((oc) => oc.columns(['owner', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!stored) throw new DuplicateKey(); // a concurrent twin won: roll this one back
      return inserted;
    });
    return { row, created: true };
  } catch (err) {
    if (!(err instanceof DuplicateKey)) throw err;
    return (await replay()) ?? 'key-conflict';
  }
}
