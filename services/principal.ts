// Who is acting: a customer with an account, a staff member, or a person who has logged in without an account.
import type { StaffRole } from '../db/tables/people.js';

/** How the caller proved who they are; a session carries what the e-legitimation said. */
export type Via =
  | { type: 'token'; tokenId: number }
  | {
      type: 'session';
      idHash: string;
      csrfToken: string;
      personnummerEnc: string;
      name: string;
      authMethod: string;
      /** The idle timeout, and when it ends if nothing more is done. */
      idleSeconds: number;
      idleEndsAt: Date;
    };

export type Principal =
  | { kind: 'customer'; accountId: number; organisationId: number; canOrder: boolean; isLocalAdmin: boolean; via: Via }
  | { kind: 'staff'; staffId: number; role: StaffRole; via: Via }
  /** Logged in with e-legitimation but without an account yet: may only create one. */
  | { kind: 'person'; personnummerHash: string; via: Extract<Via, { type: 'session' }> };

export type Customer = Extract<Principal, { kind: 'customer' }>;
export type Staff = Extract<Principal, { kind: 'staff' }>;
export type Person = Extract<Principal, { kind: 'person' }>;

/** Who may call: each route and page names one or more of these. */
export type Audience = 'person' | 'customer' | 'localAdmin' | 'staff' | 'admin';

export function belongsTo(p: Principal, audience: Audience): boolean {
  switch (audience) {
    case 'person':
    case 'customer':
    case 'staff':
      return p.kind === audience;
    case 'localAdmin':
      return p.kind === 'customer' && p.isLocalAdmin;
    case 'admin':
      return p.kind === 'staff' && p.role === 'admin';
  }
}
