import type { Generated } from 'kysely';

export interface NotificationsTable {
  id: Generated<number>;
  dedupeKey: string;
  customerAccountId: number;
  caseId: number;
  kind: string;
  title: string;
  body: string;
  readAt: Date | null;
  createdAt: Generated<Date>;
}

export interface EmailLogTable {
  id: Generated<number>;
  idempotencyKey: string;
  caseId: number;
  recipient: string;
  subject: string;
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
  messageId: string | null;
  error: string | null;
  claimedAt: Date | null;
  /** The activity execution (workflow id/run id/activity id) holding a 'sending' claim, and its attempt. */
  claimedBy: string | null;
  claimAttempt: number | null;
  createdAt: Generated<Date>;
  sentAt: Date | null;
}

export interface IdempotencyKeysTable {
  owner: string;
  key: string;
  requestHash: string;
  caseId: number;
  createdAt: Generated<Date>;
}
