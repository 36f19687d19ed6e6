// The service-level report: per case type and month, cases received and closed, and for each clock
// (first response, resolution) the median and 90th percentile in business hours, the share within
// target and the breaches. The minutes are those the case workflows' clocks counted (business time,
// paused while waiting for the customer), as kept in service_level_report_rows.
//
// What counts in which month (Europe/Stockholm): a case is received in the month it was submitted; a
// clock counts in the month it stopped: first response at the first public answer (or closing), and
// resolution when the case was closed, which is also what "closed" counts. A case reopened and closed
// again counts in the month of its latest closing. A breach is a clock that stopped over its target.
import { type ClockRow, type CountRow, type ReportPeriod, clockPerMonth, receivedPerMonth } from '../db/service-level-report.js';
import { CASE_TYPES, CASE_TYPE_LABELS, type CaseType } from '../domain/index.js';
import type { ServiceDeps } from './deps.js';

export type { ReportPeriod };

export interface ClockStats {
  /** Clocks that stopped in the month. */
  count: number;
  /** Business minutes, exact (percentile_cont: interpolated); null without clocks. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  withinTarget: number;
  /** withinTarget / count, 0–1; null without clocks. */
  withinShare: number | null;
  breaches: number;
}

export interface ReportRow {
  /** `question:2026-11`, or `all:2026-11` for every type together. */
  id: string;
  month: string;
  caseType: CaseType | null;
  typeLabel: string;
  received: number;
  closed: number;
  firstResponse: ClockStats;
  resolution: ClockStats;
}

export const ALL_TYPES_LABEL = 'Alla ärendetyper';

/** "2026-01" … "2026-11", inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1; i++) months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return months;
}

const keyOf = (r: { caseType: CaseType | null; month: string }) => `${r.caseType ?? 'all'}:${r.month}`;

function stats(r: ClockRow | undefined): ClockStats {
  if (!r) return { count: 0, medianMinutes: null, p90Minutes: null, withinTarget: 0, withinShare: null, breaches: 0 };
  return {
    count: r.count,
    medianMinutes: r.medianMinutes,
    p90Minutes: r.p90Minutes,
    withinTarget: r.withinTarget,
    withinShare: r.withinTarget / r.count,
    breaches: r.count - r.withinTarget,
  };
}

/**
 * Every month of the period, oldest first; in each, every type together (unless one type was asked
 * for) and then each type in the order of CASE_TYPES, with zeros where nothing happened.
 */
export async function serviceLevelReport(deps: Pick<ServiceDeps, 'db'>, period: ReportPeriod): Promise<ReportRow[]> {
  const [received, firstResponse, resolution] = await Promise.all([
    receivedPerMonth(deps.db, period),
    clockPerMonth(deps.db, 'firstResponse', period),
    clockPerMonth(deps.db, 'resolution', period),
  ]);
  const byKey = <R extends CountRow>(rows: R[]) => new Map(rows.map((r) => [keyOf(r), r]));
  const [rec, fr, res] = [byKey(received), byKey(firstResponse), byKey(resolution)];
  const groups: Array<CaseType | null> = period.caseType ? [period.caseType] : [null, ...CASE_TYPES];
  return monthsBetween(period.from, period.to).flatMap((month) =>
    groups.map((caseType) => {
      const key = keyOf({ caseType, month });
      const closing = stats(res.get(key));
      return {
        id: key,
        month,
        caseType,
        typeLabel: caseType ? CASE_TYPE_LABELS[caseType] : ALL_TYPES_LABEL,
        received: rec.get(key)?.count ?? 0,
        closed: closing.count,
        firstResponse: stats(fr.get(key)),
        resolution: closing,
      };
    }),
  );
}

// --- CSV ----------------------------------------------------------------------------------------------

/**
 * Semicolons: Excel splits a CSV it opens by the list separator of the computer's region, which in
 * Swedish settings is ";" (the comma is the decimal sign), so a ";" file opens in columns and "3,5"
 * reads as a number. The byte-order mark makes Excel read UTF-8 (å, ä, ö); lines end in CRLF and a
 * field is quoted when it holds ";", a quote or a line break, quotes doubled (RFC 4180).
 */
export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

const field = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
/** One decimal, with a decimal comma; empty when there is nothing to measure. */
const decimal = (n: number | null) => (n === null ? '' : n.toFixed(1).replace('.', ','));
const hours = (minutes: number | null) => decimal(minutes === null ? null : minutes / 60);
const percent = (share: number | null) => decimal(share === null ? null : share * 100);

const CLOCK_HEADINGS = (name: string) => [
  `${name}: antal`,
  `${name}: median (arbetstimmar)`,
  `${name}: 90:e percentilen (arbetstimmar)`,
  `${name}: inom målet (%)`,
  `${name}: överskridna`,
];
export const CSV_HEADINGS = ['Månad', 'Ärendetyp', 'Inkomna', 'Avslutade', ...CLOCK_HEADINGS('Första svar'), ...CLOCK_HEADINGS('Lösning')];

const clockFields = (s: ClockStats) => [String(s.count), hours(s.medianMinutes), hours(s.p90Minutes), percent(s.withinShare), String(s.breaches)];

/** The report as a CSV file Swedish Excel opens as it is. */
export function serviceLevelReportCsv(rows: ReportRow[]): string {
  const lines = [
    CSV_HEADINGS,
    ...rows.map((r) => [r.month, r.typeLabel, String(r.received), String(r.closed), ...clockFields(r.firstResponse), ...clockFields(r.resolution)]),
  ];
  return BOM + lines.map((l) => l.map(field).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}

/** The month of `at` in Stockholm: "2026-11". */
export function stockholmMonth(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).formatToParts(at);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/** The month `delta` months from `month`: shiftMonth("2026-01", -1) is "2025-12". */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + m - 1 + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The twelve months up to and including this one, where the request names no period. */
export function lastTwelveMonths(now = new Date()): { from: string; to: string } {
  const to = stockholmMonth(now);
  return { from: shiftMonth(to, -11), to };
}
