import { describe, it, expect } from 'vitest';
import {
  ACTION_LABELS,
  CASE_ACTIONS,
  CASE_STATUSES,
  CUSTOMER_ACTIONS,
  HANDLER_ACTIONS,
  STATUS_LABELS,
  allowedActions,
  checkTransition,
  isCaseAction,
  isCaseStatus,
  type CaseAction,
  type CaseStatus,
} from './statuses.js';

// The whole transition table: the next status, or null when the action is refused.
const TABLE: Record<CaseAction, Record<CaseStatus, CaseStatus | null>> = {
  take: { submitted: 'in_progress', in_progress: 'in_progress', awaiting_customer: 'awaiting_customer', closed: null },
  assign: { submitted: 'in_progress', in_progress: 'in_progress', awaiting_customer: 'awaiting_customer', closed: null },
  reply: { submitted: 'in_progress', in_progress: 'in_progress', awaiting_customer: 'in_progress', closed: null },
  note: { submitted: 'submitted', in_progress: 'in_progress', awaiting_customer: 'awaiting_customer', closed: 'closed' },
  request_info: {
    submitted: 'awaiting_customer',
    in_progress: 'awaiting_customer',
    awaiting_customer: 'awaiting_customer',
    closed: null,
  },
  close: { submitted: 'closed', in_progress: 'closed', awaiting_customer: 'closed', closed: null },
  reopen: { submitted: null, in_progress: null, awaiting_customer: null, closed: 'in_progress' },
  customer_message: { submitted: 'submitted', in_progress: 'in_progress', awaiting_customer: 'in_progress', closed: null },
  withdraw: { submitted: 'closed', in_progress: 'closed', awaiting_customer: 'closed', closed: null },
};

const cases = CASE_ACTIONS.flatMap((action) =>
  CASE_STATUSES.map((status) => ({ action, status, expected: TABLE[action][status] })),
);

describe('constants', () => {
  it('lists the four statuses with Swedish labels', () => {
    expect(CASE_STATUSES).toEqual(['submitted', 'in_progress', 'awaiting_customer', 'closed']);
    expect(STATUS_LABELS).toEqual({
      submitted: 'Inskickat',
      in_progress: 'Under behandling',
      awaiting_customer: 'Väntar på kund',
      closed: 'Avslutat',
    });
  });

  it('labels every action in Swedish', () => {
    expect(ACTION_LABELS).toEqual({
      take: 'Ta ärendet',
      assign: 'Tilldela',
      reply: 'Svara kunden',
      note: 'Intern anteckning',
      request_info: 'Begär komplettering',
      close: 'Avsluta',
      reopen: 'Återöppna',
      customer_message: 'Meddelande från kund',
      withdraw: 'Återkalla',
    });
  });

  it('splits the actions between handler and customer without overlap', () => {
    expect([...HANDLER_ACTIONS, ...CUSTOMER_ACTIONS].sort()).toEqual([...CASE_ACTIONS].sort());
    expect(CUSTOMER_ACTIONS).toEqual(['customer_message', 'withdraw']);
  });

  it('recognises statuses and actions', () => {
    expect(isCaseStatus('closed')).toBe(true);
    expect(isCaseStatus('open')).toBe(false);
    expect(isCaseStatus(1)).toBe(false);
    expect(isCaseAction('reopen')).toBe(true);
    expect(isCaseAction('delete')).toBe(false);
  });
});

describe('checkTransition', () => {
  it('covers all 36 combinations of action and status', () => {
    expect(cases).toHaveLength(36);
  });

  it.each(cases)('$action on $status → $expected', ({ action, status, expected }) => {
    const result = checkTransition(status, action);
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason.length).toBeGreaterThan(10);
        expect(result.reason).toMatch(/Ärendet/);
      }
    } else {
      expect(result).toEqual({ ok: true, next: expected });
    }
  });

  it('refuses to reply to a closed case and says how to proceed', () => {
    expect(checkTransition('closed', 'reply')).toEqual({
      ok: false,
      reason: 'Ärendet är avslutat och kan inte besvaras. Återöppna det först.',
    });
  });

  it('refuses to close a closed case', () => {
    expect(checkTransition('closed', 'close')).toEqual({ ok: false, reason: 'Ärendet är redan avslutat.' });
  });

  it('refuses a customer message on a closed case', () => {
    const result = checkTransition('closed', 'customer_message');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^Ärendet är avslutat/);
  });

  it('refuses to reopen a case that is not closed', () => {
    for (const status of ['submitted', 'in_progress', 'awaiting_customer'] as const) {
      expect(checkTransition(status, 'reopen')).toEqual({
        ok: false,
        reason: 'Ärendet är inte avslutat och kan inte återöppnas.',
      });
    }
  });

  it('gives Swedish reasons that differ per refused action on a closed case', () => {
    const reasons = CASE_ACTIONS.map((action) => checkTransition('closed', action))
      .filter((r): r is { ok: false; reason: string } => !r.ok)
      .map((r) => r.reason);
    expect(reasons).toHaveLength(7);
    expect(new Set(reasons).size).toBe(7);
  });
});

describe('allowedActions', () => {
  it('allows only a note and reopening on a closed case', () => {
    expect(allowedActions('closed')).toEqual(['note', 'reopen']);
  });

  it('allows everything except reopening on an open case', () => {
    expect(allowedActions('in_progress')).toEqual(CASE_ACTIONS.filter((a) => a !== 'reopen'));
  });
});
