// The service-level report against an independent computation: cases seeded in real Postgres with
// clocks written as the workflows write them (db/service-levels.ts writeClocks, so the report's trigger
// runs as in production, reopenings included), then every number of the report recomputed here in
// plain TypeScript from what was written. The CSV export is read back with a real CSV parser.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { writeClocks } from '../db/service-levels.js';
import { CASE_TYPES, CASE_TYPE_LABELS, type CaseType } from '../domain/index.js';
import { type Clock, DEFAULT_SERVICE_LEVEL_TARGETS, type ServiceLevelClocks } from '../domain/service-levels.js';
import { ALL_TYPES_LABEL, CSV_HEADINGS, type ReportRow, serviceLevelReport, serviceLevelReportCsv } from '../services/service-level-report.js';
import { throwawayDatabase } from './helpers/test-database.js';

const db = throwawayDatabase('sla_report');

// A deterministic generator (mulberry32): the same cases on every run, and an honest spread.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Seeded {
  type: CaseType;
  createdAt: Date;
  targets: { firstResponse: number; resolution: number };
  firstResponse: { minutes: number; stoppedAt: Date } | null;
  resolution: { minutes: number; stoppedAt: Date } | null;
}

// The month boundaries are Stockholm's: these instants fall on either side of one in UTC.
const EDGES = [
  new Date('2026-03-31T21:30:00Z'), // 1 April 00:30 CEST, still March in UTC
  new Date('2026-02-28T23:30:00Z'), // 1 March 00:30 CET
  new Date('2026-10-31T23:30:00Z'), // 1 November 00:30 CET, after the autumn change
  new Date('2026-06-30T21:59:00Z'), // 30 June 23:59 CEST
];
const FROM = Date.parse('2026-01-01T00:00:00Z');
const SPAN = Date.parse('2026-11-15T00:00:00Z') - FROM;

const stockholmMonth = (d: Date) => {
  const p = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).formatToParts(d);
  return `${p.find((x) => x.type === 'year')!.value}-${p.find((x) => x.type === 'month')!.value}`;
};

/** percentile_cont: linear interpolation between the sorted values at p * (n - 1). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

function expectedReport(cases: Seeded[], months: string[], types: Array<CaseType | null>) {
  return months.flatMap((month) =>
    types.map((caseType) => {
      const mine = cases.filter((c) => caseType === null || c.type === caseType);
      const clock = (pick: (c: Seeded) => Seeded['firstResponse'], target: (c: Seeded) => number) => {
        const done = mine.filter((c) => pick(c) && stockholmMonth(pick(c)!.stoppedAt) === month);
        const minutes = done.map((c) => pick(c)!.minutes);
        const within = done.filter((c) => pick(c)!.minutes <= target(c)).length;
        return {
          count: done.length,
          medianMinutes: done.length ? percentile(minutes, 0.5) : null,
          p90Minutes: done.length ? percentile(minutes, 0.9) : null,
          withinTarget: within,
          withinShare: done.length ? within / done.length : null,
          breaches: done.length - within,
        };
      };
      const resolution = clock((c) => c.resolution, (c) => c.targets.resolution);
      return {
        month,
        caseType,
        received: mine.filter((c) => stockholmMonth(c.createdAt) === month).length,
        closed: resolution.count,
        firstResponse: clock((c) => c.firstResponse, (c) => c.targets.firstResponse),
        resolution,
      };
    }),
  );
}

const running = (since: Date, elapsed = 0): Clock => ({ elapsedMinutes: elapsed, runningSince: since.toISOString(), stoppedAt: null, dueAt: null });
const stopped = (minutes: number, at: Date): Clock => ({ elapsedMinutes: minutes, runningSince: null, stoppedAt: at.toISOString(), dueAt: null });

async function seed(count: number): Promise<Seeded[]> {
  const rnd = random(20261128);
  const { id: organisationId } = await db()
    .insertInto('organisations')
    .values({ organisationsnummer: '2120000142', name: 'Region Rapport' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const seeded: Seeded[] = [];
  for (let i = 0; i < count; i++) {
    const type = CASE_TYPES[Math.floor(rnd() * CASE_TYPES.length)]!;
    const createdAt = i < EDGES.length ? EDGES[i]! : new Date(FROM + Math.floor(rnd() * SPAN));
    const defaults = DEFAULT_SERVICE_LEVEL_TARGETS[type];
    // Some cases run on a changed target: the report measures each against its own.
    const targets = { revision: i % 7 === 0 ? 99 : 1, ...defaults, firstResponseMinutes: i % 7 === 0 ? 60 : defaults.firstResponseMinutes };
    const minutesAround = (target: number) => Math.round(rnd() * 2 * target * 10) / 10; // fractions too; about half within
    const later = (from: Date, maxDays: number) => new Date(from.getTime() + Math.floor(rnd() * maxDays * 86_400_000));
    const answered = rnd() < 0.85;
    const firstResponse = answered ? { minutes: i === 4 ? targets.firstResponseMinutes : minutesAround(targets.firstResponseMinutes), stoppedAt: later(createdAt, 5) } : null;
    const closed = answered && rnd() < 0.7;
    const resolution = closed ? { minutes: minutesAround(targets.resolutionMinutes), stoppedAt: later(firstResponse!.stoppedAt, 40) } : null;
    const { id: caseId } = await db()
      .insertInto('cases')
      .values({
        caseNumber: `KP-2026-${String(i + 1).padStart(5, '0')}`,
        year: 2026,
        seq: i + 1,
        type,
        status: closed ? 'closed' : answered ? 'in_progress' : 'submitted',
        subject: 'Rapportärende',
        payload: JSON.stringify({}),
        organisationId,
        reporterId: null,
        assigneeId: null,
        resolution: closed ? 'Klart.' : null,
        createdAt,
        closedAt: resolution?.stoppedAt ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // As a workflow writes them: started, then answered, then (perhaps closed, reopened and) closed.
    const write = (seq: number, firstResponseClock: Clock, resolutionClock: Clock) =>
      writeClocks(db(), caseId, { targets, seq, firstResponse: firstResponseClock, resolution: resolutionClock } satisfies ServiceLevelClocks, null);
    await write(0, running(createdAt), running(createdAt));
    if (firstResponse) await write(1, stopped(firstResponse.minutes, firstResponse.stoppedAt), running(createdAt, 1));
    if (resolution) {
      const fr = stopped(firstResponse!.minutes, firstResponse!.stoppedAt);
      if (i % 5 === 0) {
        // Closed early, reopened: only the latest closing counts.
        const early = new Date(firstResponse!.stoppedAt.getTime() + 60_000);
        await write(2, fr, stopped(resolution.minutes / 2, early));
        await write(3, fr, running(early, resolution.minutes / 2));
      }
      await write(4, fr, stopped(resolution.minutes, resolution.stoppedAt));
    }
    seeded.push({ type, createdAt, targets: { firstResponse: targets.firstResponseMinutes, resolution: targets.resolutionMinutes }, firstResponse, resolution });
  }
  return seeded;
}

const months = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = new Date(`${from}-01T12:00:00Z`); stockholmMonth(d) <= to; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 12))) out.push(stockholmMonth(d));
  return out;
};

const comparable = (rows: ReportRow[]) => rows.map(({ id: _id, typeLabel: _label, ...r }) => r);

describe('the service-level report', () => {
  let cases: Seeded[] = [];

  it('agrees with an independent computation, every type and each type alone', async () => {
    cases = await seed(600);
    const all = await serviceLevelReport({ db: db() }, { from: '2026-01', to: '2026-12' });
    const expected = expectedReport(cases, months('2026-01', '2026-12'), [null, ...CASE_TYPES]);
    expect(all).toHaveLength(expected.length);
    const actual = comparable(all);
    for (const [i, e] of expected.entries()) {
      const a = actual[i]!;
      expect({ month: a.month, caseType: a.caseType, received: a.received, closed: a.closed }).toEqual({ month: e.month, caseType: e.caseType, received: e.received, closed: e.closed });
      for (const clock of ['firstResponse', 'resolution'] as const) {
        const { medianMinutes, p90Minutes, withinShare, ...counts } = a[clock];
        expect(counts, `${e.month} ${e.caseType} ${clock}`).toEqual({ count: e[clock].count, withinTarget: e[clock].withinTarget, breaches: e[clock].breaches });
        for (const [got, want] of [[medianMinutes, e[clock].medianMinutes], [p90Minutes, e[clock].p90Minutes], [withinShare, e[clock].withinShare]] as const) {
          if (want === null) expect(got).toBeNull();
          else expect(got).toBeCloseTo(want, 9);
        }
      }
    }
    // The seed reaches every measure: a report of zeros would agree with too little.
    expect(all.filter((r) => r.caseType === null).reduce((n, r) => n + r.received, 0)).toBe(cases.length);
    expect(all.some((r) => r.firstResponse.breaches > 0 && r.firstResponse.withinTarget > 0)).toBe(true);
    expect(all.filter((r) => r.caseType === null).reduce((n, r) => n + r.closed, 0)).toBe(cases.filter((c) => c.resolution).length);
    // Stockholm's months, not UTC's: the case received at 00:30 on 1 April counts in April.
    expect(all.find((r) => r.id === `all:2026-04`)!.received).toBe(cases.filter((c) => stockholmMonth(c.createdAt) === '2026-04').length);

    const faults = await serviceLevelReport({ db: db() }, { from: '2026-03', to: '2026-05', caseType: 'fault_report' });
    expect(faults.map((r) => r.id)).toEqual(['fault_report:2026-03', 'fault_report:2026-04', 'fault_report:2026-05']);
    expect(comparable(faults)).toEqual(comparable(all.filter((r) => r.caseType === 'fault_report' && r.month >= '2026-03' && r.month <= '2026-05')));
  }, 120_000);

  it('exports a CSV that a CSV parser reads back: BOM, Swedish headings, semicolons, decimal commas', async () => {
    const rows = await serviceLevelReport({ db: db() }, { from: '2026-01', to: '2026-12' });
    const csv = serviceLevelReportCsv(rows);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const records: string[][] = parse(csv, { bom: true, delimiter: ';', relaxColumnCount: false });
    expect(records[0]).toEqual(CSV_HEADINGS);
    expect(records[0]).toContain('Ärendetyp');
    expect(records).toHaveLength(rows.length + 1);
    const hours = (minutes: number | null) => (minutes === null ? '' : (minutes / 60).toFixed(1).replace('.', ','));
    for (const [i, r] of rows.entries()) {
      const rec = records[i + 1]!;
      expect(rec[0]).toBe(r.month);
      expect(rec[1]).toBe(r.caseType ? CASE_TYPE_LABELS[r.caseType] : ALL_TYPES_LABEL);
      expect(rec.slice(2, 4).map(Number)).toEqual([r.received, r.closed]);
      expect(rec.slice(4, 9)).toEqual([
        String(r.firstResponse.count),
        hours(r.firstResponse.medianMinutes),
        hours(r.firstResponse.p90Minutes),
        r.firstResponse.withinShare === null ? '' : (r.firstResponse.withinShare * 100).toFixed(1).replace('.', ','),
        String(r.firstResponse.breaches),
      ]);
      expect(Number(rec[13])).toBe(r.resolution.breaches);
    }
    // A Swedish Excel reads "3,5" as a number: the decimal sign is the comma, never the point.
    expect(records.slice(1).some((rec) => /^\d+,\d$/.test(rec[5]!))).toBe(true);
    expect(records.flat().some((f) => /^\d+\.\d+$/.test(f))).toBe(false);
  });

  it('quotes a field as RFC 4180 says when it holds the separator, a quote or a line break', () => {
    const row = (label: string): ReportRow => ({
      id: 'x',
      month: '2026-11',
      caseType: null,
      typeLabel: label,
      received: 1,
      closed: 0,
      firstResponse: { count: 0, medianMinutes: null, p90Minutes: null, withinTarget: 0, withinShare: null, breaches: 0 },
      resolution: { count: 0, medianMinutes: null, p90Minutes: null, withinTarget: 0, withinShare: null, breaches: 0 },
    });
    const labels = ['Fråga; svar', 'Säger "hej"', 'två\r\nrader', 'Åäö'];
    const records: string[][] = parse(serviceLevelReportCsv(labels.map(row)), { bom: true, delimiter: ';' });
    expect(records.slice(1).map((r) => r[1])).toEqual(labels);
  });
});
