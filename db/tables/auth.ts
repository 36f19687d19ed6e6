import type { Generated } from 'kysely';

export type SessionKind = 'person' | 'customer' | 'staff';

export interface SessionsTable {
  idHash: string;
  kind: SessionKind;
  customerAccountId: number | null;
  staffId: number | null;
  personnummerEnc: string;
  personnummerHash: string;
  name: string;
  authMethod: string;
  csrfToken: string;
  createdAt: Generated<Date>;
  lastSeenAt: Generated<Date>;
  expiresAt: Date;
  idleSeconds: number;
}

export interface LoginRequestsTable {
  state: string;
  audience: 'customer' | 'staff';
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  createdAt: Generated<Date>;
  expiresAt: Date;
}

export interface RateLimitWindowsTable {
  key: string;
  windowStart: Date;
  hits: number;
}
