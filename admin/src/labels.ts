// Swedish labels and choices shown in filters and forms.
import { STATUS_LABELS } from '../../domain/statuses';
import type { CaseStatus, CaseTypeCode, QueueName, StaffRole } from './types';

export { STATUS_LABELS };

// Mirrors CASE_TYPE_LABELS in domain/case-types.ts, which cannot be imported here: that module
// brings zod and the identity-number packages (CommonJS typings that only type-check under NodeNext).
export const CASE_TYPE_LABELS: Record<CaseTypeCode, string> = {
  question: 'Fråga',
  fault_report: 'Felanmälan',
  improvement: 'Förbättringsförslag',
  order: 'Beställning',
  siths_order: 'Beställning av SITHS-kort',
  other: 'Övrigt',
};

export const caseTypeChoices = Object.entries(CASE_TYPE_LABELS).map(([id, name]) => ({ id, name }));
export const statusChoices = (Object.keys(STATUS_LABELS) as CaseStatus[]).map((id) => ({ id, name: STATUS_LABELS[id] }));

export const ROLE_LABELS: Record<StaffRole, string> = { handler: 'Handläggare', admin: 'Administratör' };
export const roleChoices = (Object.keys(ROLE_LABELS) as StaffRole[]).map((id) => ({ id, name: ROLE_LABELS[id] }));

export interface QueueDefinition {
  name: QueueName;
  /** Menu text. */
  label: string;
  /** Page heading. */
  title: string;
  empty: string;
}

/** The handler's work queues, in menu order; each has its own URL, /admin/queues/<name>. */
export const QUEUES: QueueDefinition[] = [
  { name: 'new', label: 'Nya', title: 'Nya ärenden', empty: 'Inga nya ärenden väntar på en handläggare.' },
  { name: 'mine', label: 'Mina ärenden', title: 'Mina ärenden', empty: 'Du har inga öppna ärenden.' },
  { name: 'awaiting', label: 'Väntar på kund', title: 'Ärenden som väntar på kund', empty: 'Inga ärenden väntar på kunden.' },
  { name: 'open', label: 'Alla öppna', title: 'Alla öppna ärenden', empty: 'Det finns inga öppna ärenden.' },
  { name: 'closed', label: 'Avslutade', title: 'Avslutade ärenden', empty: 'Det finns inga avslutade ärenden.' },
];

export const queuePath = (queue: QueueName) => `/queues/${queue}`;
