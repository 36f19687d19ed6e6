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

/** One service-level clock as the API words it now (services/service-levels.ts caseClocks). */
export interface ClockView {
  state: 'running' | 'paused' | 'stopped';
  targetMinutes: number;
  /** The target in business time: "4 h", "2 dagar". */
  target: string;
  elapsedMinutes: number;
  dueAt: string | null;
  /** Business minutes left, negative once overdue; null unless running. */
  remainingMinutes: number | null;
  stoppedAt: string | null;
  withinTarget: boolean;
  /** "2 h 15 min kvar", "Försenat 1 dag", "Pausad medan …", "Besvarat efter 1 h". */
  text: string;
}

export interface CaseClocks {
  firstResponse: ClockView;
  resolution: ClockView;
}

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
  /** The earliest due time of the running clocks; null when none runs. */
  slaDueAt?: string | null;
  /** Null for a case its workflow has not measured. */
  serviceLevels?: CaseClocks | null;
  /** Sent through "Kontakta oss" without an account: no organisation or reporter. */
  withoutAccount?: boolean;
  /** Moved in from an earlier customer portal: closed, read-only, no workflow. */
  imported?: boolean;
}

/** The contact block; a case sent without an account has neither organisationsnummer nor personnummer. */
export interface Contact {
  organisationName?: string | null;
  organisationsnummer?: string | null;
  unitName?: string | null;
  personnummer?: string | null;
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

export interface ServiceLevelEvent {
  kind: 'sla_warning' | 'sla_breach';
  clock: 'firstResponse' | 'resolution';
  at: string;
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
  /** Service-level warnings (80 %) and breaches, each once, for the timeline. */
  serviceLevelEvents?: ServiceLevelEvent[];
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
  /** Masked; null while an account from an earlier portal awaits verification. */
  personnummer: string | null;
  awaitingVerification?: boolean;
  importedAt?: string | null;
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

/** A case type's service-level targets (GET /api/admin/service-levels), its id the type's code. */
export interface ServiceLevelTargets extends RaRecord<string> {
  caseType: CaseTypeCode;
  typeLabel: string;
  revision: number;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  reminderAfterDays: number;
  autoCloseAfterDays: number;
  changedAt: string | null;
  changedByName: string | null;
  /** Every revision, newest first (GET /api/admin/service-levels/:caseType). */
  history?: Omit<ServiceLevelTargets, 'history'>[];
}

/** A service-level warning to the staff member (GET /api/admin/notifications). */
export interface StaffNotification extends RaRecord<number> {
  kind: 'sla_warning' | 'sla_breach';
  clock: 'firstResponse' | 'resolution';
  title: string;
  body: string;
  caseNumber: string;
  readAt: string | null;
  createdAt: string;
}
