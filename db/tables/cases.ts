import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CaseStatus, CaseType } from '../../domain/index.js';

export interface CaseNumberCountersTable {
  year: number;
  lastSeq: number;
}

export interface CasesTable {
  id: Generated<number>;
  caseNumber: string;
  /** Null only for an earlier case whose number is not in this portal's KP-year-seq form. */
  year: number | null;
  seq: number | null;
  type: CaseType;
  status: CaseStatus;
  subject: string;
  payload: JSONColumnType<Record<string, unknown>>;
  /** Null only for a case sent through "Kontakta oss" without an account (withoutAccount). */
  organisationId: number | null;
  reporterId: number | null;
  assigneeId: number | null;
  resolution: string | null;
  version: Generated<number>;
  /** The case's Temporal workflow id: its case number plus a random part (set by the database). */
  workflowId: Generated<string>;
  workflowStartedAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  closedAt: Date | null;
  /** Set while the case's latest e-mail stands refused (email_log has the details). */
  undeliveredEmailAt: Date | null;
  /** The earliest due time of the case's running service-level clocks (case_service_levels has both). */
  slaDueAt: Generated<Date | null>;
  /** An earlier case from a previous customer portal: closed, read-only, never a workflow. */
  imported: Generated<boolean>;
  /** Sent through "Kontakta oss" without an account: no organisation or reporter; followed by a signed link. */
  withoutAccount: Generated<boolean>;
}

export type ActorType = 'customer' | 'staff' | 'system';

export interface CaseEventsTable {
  id: Generated<number>;
  caseId: number;
  version: number;
  action: string;
  actorType: ActorType;
  actorId: number | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  createdAt: Generated<Date>;
}

export interface CaseMessagesTable {
  id: Generated<number>;
  caseId: number;
  version: number;
  authorType: 'customer' | 'staff';
  authorId: number | null;
  visibility: 'public' | 'internal';
  body: string;
  createdAt: Generated<Date>;
}
