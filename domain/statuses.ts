// Case statuses, the actions that move a case between them, and the pure
// transition table. Imported by Temporal workflow code: keep this module free of
// I/O and clock reads, and of imports but labels.ts, so it stays deterministic and cheap to bundle.

export const CASE_STATUSES = ['submitted', 'in_progress', 'awaiting_customer', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

// The Swedish names live with the other labels; this path keeps working for older imports.
export { ACTION_LABELS, STATUS_LABELS } from './labels.js';

export const CASE_ACTIONS = [
  'take',
  'assign',
  'reply',
  'note',
  'request_info',
  'close',
  'reopen',
  'customer_message',
  'withdraw',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** A timeline event the system writes, not an action anyone takes: an e-mail refused for good. */
export const EMAIL_FAILED_EVENT = 'email_failed';

/** Timeline events the system writes while a case waits for a silent customer: a reminder, and the automatic close. */
export const CUSTOMER_REMINDER_EVENT = 'customer_reminder';
export const AUTO_CLOSE_EVENT = 'auto_close';

/** Actions performed by a handler (case worker). */
export const HANDLER_ACTIONS = ['take', 'assign', 'reply', 'note', 'request_info', 'close', 'reopen'] as const satisfies readonly CaseAction[];
export type HandlerAction = (typeof HANDLER_ACTIONS)[number];

/** Actions performed by the customer who submitted the case. */
export const CUSTOMER_ACTIONS = ['customer_message', 'withdraw'] as const satisfies readonly CaseAction[];

export type TransitionResult = { ok: true; next: CaseStatus } | { ok: false; reason: string };

export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}

export function isCaseAction(value: unknown): value is CaseAction {
  return typeof value === 'string' && (CASE_ACTIONS as readonly string[]).includes(value);
}

type Rule = {
  /** Next status per allowed current status; a missing key means the action is refused. */
  next: Partial<Record<CaseStatus, CaseStatus>>;
  /** Why the action is refused, per refused status. */
  refused: Partial<Record<CaseStatus, string>>;
};

const CLOSED_REOPEN_FIRST = 'Återöppna det först.';

const RULES: Record<CaseAction, Rule> = {
  // Taking or assigning only moves a new case into handling; otherwise the status stays.
  take: {
    next: { submitted: 'in_progress', in_progress: 'in_progress', awaiting_customer: 'awaiting_customer' },
    refused: { closed: `Ärendet är avslutat och kan inte tas. ${CLOSED_REOPEN_FIRST}` },
  },
  assign: {
    next: { submitted: 'in_progress', in_progress: 'in_progress', awaiting_customer: 'awaiting_customer' },
    refused: { closed: `Ärendet är avslutat och kan inte tilldelas. ${CLOSED_REOPEN_FIRST}` },
  },
  reply: {
    next: { submitted: 'in_progress', in_progress: 'in_progress', awaiting_customer: 'in_progress' },
    refused: { closed: `Ärendet är avslutat och kan inte besvaras. ${CLOSED_REOPEN_FIRST}` },
  },
  // Internal notes never change the status, not even on a closed case.
  note: {
    next: {
      submitted: 'submitted',
      in_progress: 'in_progress',
      awaiting_customer: 'awaiting_customer',
      closed: 'closed',
    },
    refused: {},
  },
  request_info: {
    next: { submitted: 'awaiting_customer', in_progress: 'awaiting_customer', awaiting_customer: 'awaiting_customer' },
    refused: { closed: `Ärendet är avslutat och kan inte kompletteras. ${CLOSED_REOPEN_FIRST}` },
  },
  close: {
    next: { submitted: 'closed', in_progress: 'closed', awaiting_customer: 'closed' },
    refused: { closed: 'Ärendet är redan avslutat.' },
  },
  reopen: {
    next: { closed: 'in_progress' },
    refused: {
      submitted: 'Ärendet är inte avslutat och kan inte återöppnas.',
      in_progress: 'Ärendet är inte avslutat och kan inte återöppnas.',
      awaiting_customer: 'Ärendet är inte avslutat och kan inte återöppnas.',
    },
  },
  // A customer's message puts a case that waited for them back into handling.
  customer_message: {
    next: { submitted: 'submitted', in_progress: 'in_progress', awaiting_customer: 'in_progress' },
    refused: {
      closed:
        'Ärendet är avslutat och kan inte ta emot fler meddelanden. Skicka in ett nytt ärende om du behöver mer hjälp.',
    },
  },
  withdraw: {
    next: { submitted: 'closed', in_progress: 'closed', awaiting_customer: 'closed' },
    refused: { closed: 'Ärendet är redan avslutat och kan inte återkallas.' },
  },
};

/** Whether `action` is allowed on a case in `status`, and the status it leads to. */
export function checkTransition(status: CaseStatus, action: CaseAction): TransitionResult {
  const rule = RULES[action];
  if (!rule) return { ok: false, reason: 'Okänd åtgärd.' };
  const next = rule.next[status];
  if (next !== undefined) return { ok: true, next };
  return { ok: false, reason: rule.refused[status] ?? 'Åtgärden är inte tillåten för ärendets status.' };
}

/** Every action allowed on a case in `status`, in CASE_ACTIONS order. */
export function allowedActions(status: CaseStatus): CaseAction[] {
  return CASE_ACTIONS.filter((action) => checkTransition(status, action).ok);
}
