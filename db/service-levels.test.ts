// The clocks' reads and writes on a database of its own: what a case's workflow starts measuring from
// (one statement), and a write of its clocks that never lets an older one win.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseSubmission } from '../domain/index.js';
import { DEFAULT_SERVICE_LEVEL_TARGETS, type ServiceLevelClocks } from '../domain/service-levels.js';
import { question } from '../scripts/sample-cases.js';
import { seedCasePeople, throwawayDatabase } from '../tests/helpers/test-database.js';
import { insertSubmittedCase } from './cases.js';
import { clocksStart, writeClocks } from './service-levels.js';
import { writeTransition } from './transitions.js';

const database = throwawayDatabase('service_levels');
let organisationId: number;
let reporterId: number;
let staffId: number;

beforeAll(async () => {
  ({ organisationId, reporterId, staffId } = await seedCasePeople(database()));
});

const newCase = () => insertSubmittedCase(database(), { sealedSubmission: question('asa@exempel.se') as CaseSubmission, organisationId, reporterId });

const clocks = (seq: number, revision: number, elapsed: number): ServiceLevelClocks => ({
  targets: { revision, ...DEFAULT_SERVICE_LEVEL_TARGETS.question },
  seq,
  firstResponse: { elapsedMinutes: elapsed, runningSince: '2026-11-26T08:00:00.000Z', stoppedAt: null, dueAt: '2026-11-27T10:00:00.000Z' },
  resolution: { elapsedMinutes: elapsed, runningSince: '2026-11-26T08:00:00.000Z', stoppedAt: null, dueAt: '2026-12-03T10:00:00.000Z' },
});

describe('clocksStart', () => {
  it('gives a new case the type’s latest targets, no clocks, its timeline oldest first and no warnings', async () => {
    const db = database();
    const c = await newCase();
    await writeTransition(db, {
      caseId: c.id, version: 2, action: 'take', actor: { type: 'staff', id: staffId }, fromStatus: 'submitted', toStatus: 'in_progress',
      assigneeId: staffId, data: { assigneeId: staffId }, bells: [],
    });
    const start = await clocksStart(db, c.id, 'question');
    expect(start.targets).toEqual({ revision: expect.any(Number), ...DEFAULT_SERVICE_LEVEL_TARGETS.question });
    expect(start.stored).toBeNull();
    expect(start.raised).toEqual([]);
    expect(start.timeline.map((e) => [e.action, e.actorType, e.toStatus])).toEqual([
      ['submit', 'customer', 'submitted'],
      ['take', 'staff', 'in_progress'],
    ]);
    expect(start.timeline[0]!.at).toBeInstanceOf(Date);

    const { id: revision } = await db
      .insertInto('service_level_targets')
      .values({ caseType: 'question', ...DEFAULT_SERVICE_LEVEL_TARGETS.question, firstResponseMinutes: 42, changedByStaffId: staffId })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await clocksStart(db, c.id, 'question')).targets).toMatchObject({ revision, firstResponseMinutes: 42 });
  });

  it('gives a measured case its stored clocks, no timeline, and the warnings it raised once each', async () => {
    const db = database();
    const c = await newCase();
    expect(await writeClocks(db, c.id, clocks(1, 3, 12), '2026-11-27T10:00:00.000Z')).toBe(true);
    for (const [kind, clock, staff] of [['sla_warning', 'firstResponse', 1], ['sla_warning', 'firstResponse', 2], ['sla_breach', 'resolution', 1]] as const) {
      await db
        .insertInto('staff_notifications')
        .values({ dedupeKey: `${c.caseNumber}:${kind}:${clock}:${staff}`, staffId, caseId: c.id, kind, clock, title: 'Varning', body: 'Snart försenat' })
        .execute();
    }
    const start = await clocksStart(db, c.id, 'question');
    expect(start.stored).toEqual(clocks(1, 3, 12));
    expect(start.timeline).toEqual([]);
    expect([...start.raised].sort()).toEqual(['firstResponse:warning', 'resolution:breach']);
  });
});

describe('writeClocks', () => {
  it('writes the clocks and the case’s due time in one statement, and never lets an older write win', async () => {
    const db = database();
    const c = await newCase();
    const dueAt = async () => (await db.selectFrom('cases').select('slaDueAt').where('id', '=', c.id).executeTakeFirstOrThrow()).slaDueAt;
    expect(await writeClocks(db, c.id, clocks(2, 0, 30), '2026-11-27T10:00:00.000Z')).toBe(true);
    expect(await dueAt()).toEqual(new Date('2026-11-27T10:00:00.000Z'));
    expect(await writeClocks(db, c.id, clocks(1, 0, 5), '2026-11-28T10:00:00.000Z')).toBe(false);
    expect(await dueAt()).toEqual(new Date('2026-11-27T10:00:00.000Z'));
    expect((await clocksStart(db, c.id, 'question')).stored?.firstResponse.elapsedMinutes).toBe(30);
    expect(await writeClocks(db, c.id, clocks(3, 0, 40), null)).toBe(true);
    expect(await dueAt()).toBeNull();
  });
});
