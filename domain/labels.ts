// The Swedish names people read for the codes: case types, statuses, actions and the back office's
// queues. Read by the API, the e-mails, the PDF and the back office alike. Type imports only: the
// back office bundles this module, and case-types.ts would bring zod and the identity-number packages.
import type { CaseAction, CaseStatus } from './statuses.js';

/** Keyed by the codes of CASE_TYPES in case-types.ts, which checks that every type has a name. */
export const CASE_TYPE_LABELS = {
  question: 'Fråga',
  fault_report: 'Felanmälan',
  improvement: 'Förbättringsförslag',
  order: 'Beställning',
  siths_order: 'Beställning av SITHS-kort',
  other: 'Övrigt',
};

export const STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: 'Inskickat',
  in_progress: 'Under behandling',
  awaiting_customer: 'Väntar på kund',
  closed: 'Avslutat',
};

export const ACTION_LABELS: Record<CaseAction, string> = {
  take: 'Ta ärendet',
  assign: 'Tilldela',
  reply: 'Svara kunden',
  note: 'Intern anteckning',
  request_info: 'Begär komplettering',
  close: 'Avsluta',
  reopen: 'Återöppna',
  customer_message: 'Meddelande från kund',
  withdraw: 'Återkalla',
};

/** The handlers' work queues in menu order; the codes are the back-office API's `queue` filter. */
export const QUEUE_NAMES = ['new', 'mine', 'overdue', 'awaiting', 'open', 'closed', 'undelivered'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const QUEUE_LABELS: Record<QueueName, string> = {
  new: 'Nya',
  mine: 'Mina ärenden',
  awaiting: STATUS_LABELS.awaiting_customer,
  open: 'Alla öppna',
  closed: 'Avslutade',
  undelivered: 'E-post som inte kom fram',
  overdue: 'Försenade',
};
