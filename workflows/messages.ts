// The case workflow's contract: input, state view, updates and query. Shared by API, worker and tests.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CaseAction, CaseStatus, CaseType } from '../domain/index.js';
import type { ServiceLevelTargets } from '../domain/service-levels.js';
import type { BusinessCalendarConfig } from './business-hours.js';
import type { ServiceLevelClocks } from '../domain/service-levels.js';
import type { CustomerWait } from './customer-reminders.js';

export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

/** Failure type of an e-mail the relay refused for good (5xx): never retried, recorded, the case goes on. */
export const EMAIL_REFUSED = 'SmtpPermanentError';

/** What the customer is told about; message bodies stay in Postgres and are looked up by version. */
export type EmailItemRef =
  | { kind: 'received'; version: number }
  | { kind: 'status'; version: number; from: CaseStatus; to: CaseStatus }
  | { kind: 'message'; version: number }
  | { kind: 'info_request'; version: number }
  /** The customer has not answered the handler's question; `closesAt`: when the case closes by itself, if it will. */
  | { kind: 'reminder'; version: number; closesAt?: string }
  /** The case closed by itself after waiting for the customer in vain. */
  | { kind: 'auto_closed'; version: number };

export interface Actor {
  type: 'staff' | 'customer';
  /** Null: the sender of a "Kontakta oss" case, who has no account and acts through the case's signed link. */
  id: number | null;
}

export interface ActionCommand {
  /** Idempotency key of the request; a repeated id returns the current state without acting again. */
  requestId: string;
  actor: Actor;
  /** assign: the staff id to assign. */
  assigneeId?: number;
  /** reply, note, request_info, customer_message: the text. */
  body?: string;
  /** close, withdraw: the resolution. */
  resolution?: string;
}

export interface CaseView {
  caseNumber: string;
  status: CaseStatus;
  version: number;
  assigneeId: number | null;
  pendingEmails: number;
}

/** State carried through continue-as-new: plain JSON only. */
export interface CarriedState {
  status: CaseStatus;
  version: number;
  assigneeId: number | null;
  pendingEmails: EmailItemRef[];
  recentRequestIds: string[];
  /** Absent in runs from before the service-level clocks, until the case first acts. */
  serviceLevels?: ServiceLevelClocks;
  /** Service-level warnings raised (`firstResponse:warning`): each is raised once. */
  raisedWarnings?: string[];
  /** While the case waits for the customer (runs with customer reminders): when it began, and whether reminded. */
  customerWait?: CustomerWait;
}

export interface CaseWorkflowInput {
  caseId: number;
  caseNumber: string;
  caseType: CaseType;
  status: CaseStatus;
  version: number;
  assigneeId: number | null;
  calendar: BusinessCalendarConfig;
  /** True on the first run of a new case: the receipt e-mail is due. */
  isNew: boolean;
  /** How long a closed case waits for a reopen before the workflow completes. */
  closedRetentionMs?: number;
  /** Business minutes in a day of reminders and automatic closing; a standard day (420) unless set (tests: seconds). */
  businessDayMinutes?: number;
  /** Test hook: continue-as-new once history passes this many events. */
  continueAsNewAfterEvents?: number;
  carried?: CarriedState;
}

const update = (name: string) => defineUpdate<CaseView, [ActionCommand]>(name);

export const caseUpdates: Record<CaseAction, ReturnType<typeof update>> = {
  take: update('take'),
  assign: update('assign'),
  reply: update('reply'),
  note: update('note'),
  request_info: update('requestInfo'),
  close: update('close'),
  reopen: update('reopen'),
  customer_message: update('customerMessage'),
  withdraw: update('withdraw'),
};

export const caseStateQuery = defineQuery<CaseView>('state');

/** An administrator changed the targets of the case's type: the clocks are measured against them from now on. */
export const serviceLevelTargetsSignal = defineSignal<[ServiceLevelTargets]>('serviceLevelTargets');

/** The clocks as the workflow holds them, for ops and tests (the back office reads Postgres). */
export const serviceLevelsQuery = defineQuery<ServiceLevelClocks | null>('serviceLevels');
