import type { Generated } from 'kysely';

export type SessionKind = 'person' | 'customer' | 'staff';

export interface SessionsTable {
  id_hash: string;
  kind: SessionKind;
  customer_account_id: number | null;
  staff_id: number | null;
  personnummer_enc: string;
  personnummer_hash: string;
  name: string;
  auth_method: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  idle_seconds: number;
}

export interface LoginRequestsTable {
  state: string;
  audience: 'customer' | 'staff';
  code_verifier: string;
  nonce: string;
  return_to: string;
  created_at: Generated<Date>;
  expires_at: Date;
}

export interface RateLimitWindowsTable {
  key: string;
  window_start: Date;
  hits: number;
}
