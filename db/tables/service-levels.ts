import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CaseType } from '../../domain/index.js';
import type { ServiceLevelTargets } from '../../domain/service-levels.js';

/** Insert-only: a type's targets are its row with the highest id (its revision). */
export interface ServiceLevelTargetsTable {
  id: Generated<number>;
  caseType: CaseType;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  reminderAfterDays: number;
  autoCloseAfterDays: number;
  changedByStaffId: number | null;
  createdAt: Generated<Date>;
  /** Every open case of the type runs on this revision (or a later one). */
  rolledOutAt: Date | null;
}

/** A case's clocks as its workflow last wrote them (see workflows/service-level-clocks.ts). */
export interface CaseServiceLevelsTable {
  caseId: number;
  seq: number;
  targetRevision: number;
  targets: JSONColumnType<ServiceLevelTargets>;
  firstResponseElapsedMinutes: number;
  firstResponseRunningSince: Date | null;
  firstResponseStoppedAt: Date | null;
  firstResponseDueAt: Date | null;
  resolutionElapsedMinutes: number;
  resolutionRunningSince: Date | null;
  resolutionStoppedAt: Date | null;
  resolutionDueAt: Date | null;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}
