// The service-level report as GET /api/admin/service-level-report answers it (services/service-level-report.ts).
import type { CaseTypeCode } from '../types';

export interface ClockStats {
  count: number;
  /** Business minutes; null when no clock stopped in the month. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  withinTarget: number;
  /** 0–1; null when no clock stopped in the month. */
  withinShare: number | null;
  breaches: number;
}

export interface ReportRow {
  id: string;
  /** "2026-11" */
  month: string;
  /** null: every type together. */
  caseType: CaseTypeCode | null;
  typeLabel: string;
  received: number;
  closed: number;
  firstResponse: ClockStats;
  resolution: ClockStats;
}

export interface ReportPeriod {
  from: string;
  to: string;
  /** One type, or every type (absent). */
  type?: CaseTypeCode;
}
