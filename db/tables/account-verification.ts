import type { Generated } from 'kysely';

/** One-time codes of "Verifiera ditt konto" (migration 2026-11-28T1400_account_verification). */
export interface AccountVerificationCodesTable {
  id: Generated<number>;
  personnummerHash: string;
  emailHash: string;
  /** The imported account the address belongs to; null when none does. */
  accountId: number | null;
  codeHash: string;
  attempts: Generated<number>;
  createdAt: Generated<Date>;
  expiresAt: Date;
  usedAt: Date | null;
}
