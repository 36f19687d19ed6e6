import type { Generated } from 'kysely';

export interface CustomerAccountsTable {
  id: Generated<number>;
  organisation_id: number;
  unit_id: number | null;
  personnummer_enc: string;
  personnummer_hash: string;
  name: string;
  email: string;
  notify_by_email: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type StaffRole = 'handler' | 'admin';

export interface StaffTable {
  id: Generated<number>;
  name: string;
  email: string;
  role: StaffRole;
  personnummer_enc: string | null;
  personnummer_hash: string | null;
  created_at: Generated<Date>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  token_hash: string;
  name: string;
  customer_account_id: number | null;
  staff_id: number | null;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
