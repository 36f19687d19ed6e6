import type { Generated } from 'kysely';

export interface NotificationsTable {
  id: Generated<number>;
  dedupe_key: string;
  customer_account_id: number;
  case_id: number;
  kind: string;
  title: string;
  body: string;
  read_at: Date | null;
  created_at: Generated<Date>;
}

export interface EmailLogTable {
  id: Generated<number>;
  idempotency_key: string;
  case_id: number;
  recipient: string;
  subject: string;
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
  message_id: string | null;
  error: string | null;
  claimed_at: Date | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface IdempotencyKeysTable {
  owner: string;
  key: string;
  request_hash: string;
  case_id: number;
  created_at: Generated<Date>;
}
