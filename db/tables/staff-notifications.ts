import type { Generated } from 'kysely';

export type StaffNotificationKind = 'sla_warning' | 'sla_breach';

/** A notification to one staff member in the back office, and its e-mail. */
export interface StaffNotificationsTable {
  id: Generated<number>;
  dedupeKey: string;
  staffId: number;
  caseId: number;
  kind: StaffNotificationKind;
  clock: 'firstResponse' | 'resolution';
  title: string;
  body: string;
  readAt: Date | null;
  emailSentAt: Date | null;
  emailError: string | null;
  createdAt: Generated<Date>;
}
