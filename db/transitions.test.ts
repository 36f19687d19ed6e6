// A transition written in one statement, on a database of its own: every row it owes, nothing twice on a
// retry, closing and reopening, a refused e-mail's details read from the log, and nothing at all when
// Postgres refuses part of it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseSubmission } from '../domain/index.js';
import { question } from '../scripts/sample-cases.js';
import { seedCasePeople, throwawayDatabase } from '../tests/helpers/test-database.js';
import { insertSubmittedCase } from './cases.js';
import { type TransitionWrite, writeTransition } from './transitions.js';

const database = throwawayDatabase('transitions');
let organisationId: number;
let reporterId: number;
let staffId: number;

beforeAll(async () => {
  ({ organisationId, reporterId, staffId } = await seedCasePeople(database()));
});

const newCase = async (o: { reporterLeft?: boolean } = {}) => {
  const c = await insertSubmittedCase(database(), { sealedSubmission: question('asa@exempel.se') as CaseSubmission, organisationId, reporterId });
  // A case whose reporter is gone (the column allows it) has no one to ring a bell for.
  if (o.reporterLeft) await database().updateTable('cases').set({ reporterId: null }).where('id', '=', c.id).execute();
  return c;
};

const step = (caseId: number, version: number, o: Partial<TransitionWrite> = {}): TransitionWrite => ({
  caseId,
  version,
  action: 'note',
  actor: { type: 'staff', id: staffId },
  fromStatus: 'submitted',
  toStatus: 'submitted',
  assigneeId: null,
  data: { assigneeId: null },
  bells: [],
  ...o,
});

const rowsOf = async (caseId: number) => {
  const db = database();
  return {
    row: await db.selectFrom('cases').select(['status', 'version', 'assigneeId', 'closedAt', 'resolution']).where('id', '=', caseId).executeTakeFirstOrThrow(),
    events: await db.selectFrom('case_events').select(['version', 'action', 'actorType', 'data']).where('caseId', '=', caseId).orderBy('version').execute(),
    messages: await db.selectFrom('case_messages').select(['version', 'visibility', 'body']).where('caseId', '=', caseId).orderBy('version').execute(),
    bells: await db.selectFrom('notifications').select(['dedupeKey', 'customerAccountId', 'kind', 'title']).where('caseId', '=', caseId).orderBy('id').execute(),
  };
};

describe('writeTransition', () => {
  it('writes the row, the event, the message and the bells, and a retry of the same version writes nothing', async () => {
    const c = await newCase();
    const reply = step(c.id, 2, {
      action: 'reply',
      toStatus: 'in_progress',
      assigneeId: staffId,
      data: { assigneeId: staffId },
      message: { visibility: 'public', body: 'Korten är beställda.' },
      bells: [
        { dedupeKey: `${c.caseNumber}:2:message`, kind: 'message', title: 'Nytt meddelande', body: 'Du har fått ett nytt meddelande.' },
        { dedupeKey: `${c.caseNumber}:2:status`, kind: 'status', title: 'Ny status', body: 'Under behandling.' },
      ],
    });
    expect(await writeTransition(database(), reply)).toBe(true);
    const written = await rowsOf(c.id);
    expect(written.row).toMatchObject({ status: 'in_progress', version: 2, assigneeId: staffId, closedAt: null });
    expect(written.events).toEqual([
      expect.objectContaining({ version: 1, action: 'submit' }),
      { version: 2, action: 'reply', actorType: 'staff', data: { assigneeId: staffId } },
    ]);
    expect(written.messages).toEqual([{ version: 2, visibility: 'public', body: 'Korten är beställda.' }]);
    expect(written.bells.map((b) => [b.dedupeKey, b.customerAccountId, b.kind])).toEqual([
      [`${c.caseNumber}:1:received`, reporterId, 'received'],
      [`${c.caseNumber}:2:message`, reporterId, 'message'],
      [`${c.caseNumber}:2:status`, reporterId, 'status'],
    ]);

    expect(await writeTransition(database(), reply)).toBe(false);
    expect(await writeTransition(database(), step(c.id, 1))).toBe(false); // a late attempt of an older version
    expect(await rowsOf(c.id)).toEqual(written);
  });

  it('closes with the resolution and reopens clearing it; a note on a case without a reporter rings no bell', async () => {
    const c = await newCase({ reporterLeft: true });
    const close = step(c.id, 2, { action: 'close', toStatus: 'closed', closes: { resolution: 'Klart.' }, data: { assigneeId: null, resolution: 'Klart.' } });
    expect(await writeTransition(database(), { ...close, bells: [{ dedupeKey: `${c.caseNumber}:2:status`, kind: 'status', title: 'Avslutat', body: '.' }] })).toBe(true);
    expect((await rowsOf(c.id)).row).toMatchObject({ status: 'closed', version: 2, resolution: 'Klart.', closedAt: expect.any(Date) });
    expect(await writeTransition(database(), step(c.id, 3, { action: 'reopen', fromStatus: 'closed', toStatus: 'in_progress', reopens: true }))).toBe(true);
    const after = await rowsOf(c.id);
    expect(after.row).toMatchObject({ status: 'in_progress', version: 3, resolution: null, closedAt: null });
    expect(after.bells.map((b) => b.kind)).toEqual(['received']); // the submission's bell only
    expect(after.messages).toEqual([]);
  });

  it("records a refused e-mail's recipient and the relay's reply from the e-mail log", async () => {
    const c = await newCase();
    const key = `${c.caseNumber}:email:1-1`;
    await database()
      .insertInto('email_log')
      .values({ idempotencyKey: key, caseId: c.id, recipient: 'asa@exempel.se', subject: 'Ärende', status: 'failed', error: '550 Mailbox unavailable' })
      .execute();
    expect(await writeTransition(database(), step(c.id, 2, { action: 'email_failed', actor: { type: 'system', id: null }, emailKey: key }))).toBe(true);
    expect((await rowsOf(c.id)).events.at(-1)).toEqual({
      version: 2,
      action: 'email_failed',
      actorType: 'system',
      data: { assigneeId: null, emailKey: key, recipient: 'asa@exempel.se', reason: '550 Mailbox unavailable' },
    });
  });

  it('writes nothing when Postgres refuses any part of the statement', async () => {
    const c = await newCase();
    const before = await rowsOf(c.id);
    const refused = writeTransition(database(), step(c.id, 2, { message: { visibility: 'secret' as never, body: 'x' } }));
    await expect(refused).rejects.toMatchObject({ code: '23514' }); // the visibility check: a constraint violation
    expect(await rowsOf(c.id)).toEqual(before);
  });
});
