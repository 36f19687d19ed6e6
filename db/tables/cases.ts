import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CaseStatus, CaseType } from '../../domain/index.js';

export interface CaseNumberCountersTable {
  year: number;
  last_seq: number;
}

export interface CasesTable {
  id: Generated<number>;
  case_number: string;
  year: number;
  seq: number;
  type: CaseType;
  status: CaseStatus;
  subject: string;
  payload: JSONColumnType<Record<string, unknown>>;
  organisation_id: number;
  reporter_id: number | null;
  assignee_id: number | null;
  resolution: string | null;
  version: Generated<number>;
  workflow_started_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  closed_at: Date | null;
}

export type ActorType = 'customer' | 'staff' | 'system';

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  version: number;
  action: string;
  actor_type: ActorType;
  actor_id: number | null;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
}

export interface CaseMessagesTable {
  id: Generated<number>;
  case_id: number;
  version: number;
  author_type: 'customer' | 'staff';
  author_id: number | null;
  visibility: 'public' | 'internal';
  body: string;
  created_at: Generated<Date>;
}
