// The service-level report's aggregates over service_level_report_rows (one narrow row per measured
// case, kept by a trigger from the clocks the case workflows write). Each measure is one index-only
// scan of its month index, grouped by month and type and by month alone ("every type"), so exact
// percentiles (percentile_cont) are computed in Postgres and only the few result rows travel.
import { sql } from 'kysely';
import type { CaseType } from '../domain/index.js';
import type { Executor } from './client.js';

export interface ReportPeriod {
  /** First and last month, inclusive: "2026-01". */
  from: string;
  to: string;
  /** One type, or every type. */
  caseType?: CaseType;
}

/** One group: a type in a month, or (caseType null) every type in that month. */
export interface CountRow {
  caseType: CaseType | null;
  month: string;
  count: number;
}

export interface ClockRow extends CountRow {
  medianMinutes: number;
  p90Minutes: number;
  withinTarget: number;
}

const monthStart = (month: string) => sql`${`${month}-01`}::date`;
const ofType = (column: string, caseType: CaseType | undefined) =>
  caseType === undefined ? sql`` : sql`and ${sql.ref(column)} = ${caseType}`;

/** Cases received per month and type. */
export async function receivedPerMonth(db: Executor, p: ReportPeriod): Promise<CountRow[]> {
  const { rows } = await sql<CountRow>`
    select case_type as "caseType", to_char(received_month, 'YYYY-MM') as month, count(*)::int as count
      from service_level_report_rows
     where received_month between ${monthStart(p.from)} and ${monthStart(p.to)} ${ofType('case_type', p.caseType)}
     group by grouping sets ((received_month, case_type), (received_month))`.execute(db);
  return rows;
}

/** One clock's results per month (the month it stopped) and type: count, median, 90th percentile, within target. */
export async function clockPerMonth(db: Executor, clock: 'firstResponse' | 'resolution', p: ReportPeriod): Promise<ClockRow[]> {
  const prefix = clock === 'firstResponse' ? 'first_response' : 'resolution';
  const month = sql.ref(`${prefix}_month`);
  const minutes = sql.ref(`${prefix}_minutes`);
  const target = sql.ref(`${prefix}_target`);
  const { rows } = await sql<ClockRow>`
    select case_type as "caseType", to_char(${month}, 'YYYY-MM') as month, count(*)::int as count,
           percentile_cont(0.5) within group (order by ${minutes}) as "medianMinutes",
           percentile_cont(0.9) within group (order by ${minutes}) as "p90Minutes",
           (count(*) filter (where ${minutes} <= ${target}))::int as "withinTarget"
      from service_level_report_rows
     where ${month} between ${monthStart(p.from)} and ${monthStart(p.to)} ${ofType('case_type', p.caseType)}
     group by grouping sets ((${month}, case_type), (${month}))`.execute(db);
  return rows;
}
