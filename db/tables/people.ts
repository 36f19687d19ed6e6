import type { Generated } from 'kysely';

export interface CustomerAccountsTable {
  id: Generated<number>;
  organisationId: number;
  unitId: number | null;
  /** Null only for an imported account that no person has verified yet (see verifiedAt). */
  personnummerEnc: string | null;
  personnummerHash: string | null;
  name: string;
  email: string;
  notifyByEmail: Generated<boolean>;
  /** The right to submit orders, granted by the organisation's local administrator. */
  canOrder: Generated<boolean>;
  isLocalAdmin: Generated<boolean>;
  /** Set when the account came from an earlier customer portal (services/account-import.ts). */
  importedAt: Date | null;
  /** Set when a person tied their e-legitimation to an imported account ("Verifiera ditt konto"). */
  verifiedAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export type StaffRole = 'handler' | 'admin';

export interface StaffTable {
  id: Generated<number>;
  name: string;
  email: string;
  role: StaffRole;
  personnummerEnc: string | null;
  personnummerHash: string | null;
  active: Generated<boolean>;
  createdAt: Generated<Date>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  tokenHash: string;
  name: string;
  /** The token's first characters, so its owner can tell tokens apart. */
  hint: string | null;
  customerAccountId: number | null;
  staffId: number | null;
  createdAt: Generated<Date>;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** The key of the intent (a form) that made it, so a resent form makes no second token. */
  intentKey: string | null;
}
