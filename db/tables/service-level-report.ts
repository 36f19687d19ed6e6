import type { CaseType } from '../../domain/index.js';

/**
 * One measured case as the service-level report reads it, kept by a trigger on case_service_levels
 * (migration 2026-11-28T1200_service_level_report). Months are their first day, Europe/Stockholm.
 */
export interface ServiceLevelReportRowsTable {
  caseId: number;
  caseType: CaseType;
  receivedMonth: Date;
  firstResponseMonth: Date | null;
  firstResponseMinutes: number | null;
  firstResponseTarget: number | null;
  resolutionMonth: Date | null;
  resolutionMinutes: number | null;
  resolutionTarget: number | null;
}
