// Record shapes of the back-office API (/tmp contract: /api/admin, ra-data-simple-rest dialect).
import type { RaRecord } from 'react-admin';
import type { CASE_TYPE_LABELS, QueueName } from '../../domain/labels';
import type { CaseStatus, HandlerAction } from '../../domain/statuses';

export type { CaseStatus, QueueName };

/** CaseType of domain/case-types.ts, which the back office cannot import (zod, identity-number packages). */
export type CaseTypeCode = keyof typeof CASE_TYPE_LABELS;

/** Each count stops at the API's cap; `<queue>Capped` is true when there are more. */
export type QueueCounts = Record<QueueName, number> & Partial<Record<`${QueueName}Capped`, boolean>>;

type Hyphenated<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}-${Hyphenated<Tail>}` : S;

/** The handler's actions as URL segments of POST /api/admin/cases/:caseNumber/actions/:action. */
export type CaseActionName = Hyphenated<HandlerAction>;

export interface CaseListItem extends RaRecord<string> {
  caseNumber: string;
  type: CaseTypeCode;
  typeLabel: string;
  status: CaseStatus;
  statusLabel: string;
  subject: string;
  organisationId: number | null;
  organisationName: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  reporterName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Contact {
  organisationName: string;
  organisationsnummer: string;
  unitName?: string | null;
  personnummer: string;
  name: string;
  email: string;
  notifyByEmail: boolean;
}

export interface SithsRow {
  name: string;
  personnummer: string;
  email: string;
  otherInfo?: string | null;
  pickupOffice?: string | null;
  ownCardOffice?: boolean | null;
}

export interface Submission {
  type: CaseTypeCode;
  contact: Contact;
  subject?: string | null;
  description?: string | null;
  service?: string | null;
  rows?: SithsRow[];
}

export interface TimelineEvent {
  version: number;
  /** submit, take, assign, reply, note, request_info, close, reopen, customer_message, withdraw, email_failed. */
  action: string;
  actor: { type: 'customer' | 'staff' | 'system'; id: number | null; name?: string | null };
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  at: string;
  message?: { visibility: 'public' | 'internal'; body: string };
  /** Not in the contract, but the staff view of the API carries it: who was assigned, the resolution. */
  data?: { assigneeId?: number | null; resolution?: string | null } | null;
  /** email_failed: to whom, and what the relay answered. */
  email?: EmailRefusal;
}

export interface EmailRefusal {
  recipient: string | null;
  reason: string | null;
}

export interface CaseDetail extends CaseListItem {
  version: number;
  resolution: string | null;
  closedAt: string | null;
  submission: Submission;
  timeline: TimelineEvent[];
  temporalUrl: string | null;
  actions: CaseActionName[];
  /** Set while the case's latest e-mail stands refused; a later delivered e-mail clears it. */
  undeliveredEmail?: (EmailRefusal & { at: string }) | null;
}

export interface Organisation extends RaRecord<number> {
  organisationsnummer: string;
  name: string;
  verified: boolean;
  verifiedAt: string | null;
  createdAt: string;
  memberCount: number;
  registeredByName: string | null;
  units?: Array<{ id: number; name: string }>;
}

export interface Account extends RaRecord<number> {
  name: string;
  email: string;
  personnummer: string;
  organisationId: number;
  organisationName: string;
  unitName: string | null;
  canOrder: boolean;
  isLocalAdmin: boolean;
  notifyByEmail: boolean;
  createdAt: string;
}

export type StaffRole = 'handler' | 'admin';

export interface Staff extends RaRecord<number> {
  name: string;
  email: string;
  role: StaffRole;
  active: boolean;
  createdAt: string;
}

/** GET /api/v1/session for a logged-in handler or administrator. */
export interface StaffSession {
  kind: 'staff';
  id: number;
  name: string;
  role: StaffRole;
  csrfToken: string;
}
