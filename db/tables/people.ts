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
  /** The right to submit orders, granted by the organisation's local administrator. */
  can_order: Generated<boolean>;
  is_local_admin: Generated<boolean>;
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
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  token_hash: string;
  name: string;
  /** The token's first characters, so its owner can tell tokens apart. */
  hint: string | null;
  customer_account_id: number | null;
  staff_id: number | null;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
