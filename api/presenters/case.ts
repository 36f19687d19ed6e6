// The JSON shapes of a case: one core every view shares (labels and dates added the same way), the
// customer's list row, the whole case, the state after an action, and an action still pending.
import { type CaseStatus, type CaseType, CASE_TYPE_LABELS, STATUS_LABELS } from '../../domain/index.js';
import type { CaseRow } from '../../db/cases.js';
import type { Context } from 'hono';
import type { ActionResult } from '../../services/case-actions.js';
import type { CaseView } from '../../workflows/messages.js';
import { PENDING_MESSAGE, PENDING_RETRY_AFTER } from '../schemas/action-requests.js';

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export interface CaseCore {
  caseNumber: string;
  type: CaseType;
  status: CaseStatus;
  subject: string;
  createdAt: Date;
  updatedAt: Date;
}

export const caseCore = (c: CaseCore) => ({
  caseNumber: c.caseNumber,
  type: c.type,
  typeLabel: CASE_TYPE_LABELS[c.type],
  status: c.status,
  statusLabel: STATUS_LABELS[c.status],
  subject: c.subject,
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

/** A row of Mina sidor. */
export const caseSummary = (r: CaseCore & { reporterName: string | null; closedAt: Date | null }) => ({
  ...caseCore(r),
  reporterName: r.reporterName,
  closedAt: isoOrNull(r.closedAt),
});

type TimelineEntry = {
  version: number;
  action: string;
  actor: { type: string; id: number | null };
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  at: Date;
  message?: { visibility: string | null; body: string };
};

/** The whole case with its timeline, as the service shows it to this reader. */
export function fullCase<T extends TimelineEntry>(c: { row: CaseRow; submission: object; timeline: T[] }) {
  const { row } = c;
  return {
    ...caseCore({ caseNumber: row.caseNumber, type: row.type, status: row.status, subject: row.subject, createdAt: row.createdAt, updatedAt: row.updatedAt }),
    version: row.version,
    assigneeId: row.assigneeId,
    resolution: row.resolution,
    closedAt: isoOrNull(row.closedAt),
    submission: c.submission as Record<string, unknown>,
    timeline: c.timeline.map((e) => ({ ...e, at: iso(e.at) })),
  };
}

export const caseState = (v: CaseView) => ({
  caseNumber: v.caseNumber,
  status: v.status,
  statusLabel: STATUS_LABELS[v.status],
  version: v.version,
  assigneeId: v.assigneeId,
});

/** The 202 of an action still being carried out: its key, and where its outcome is read. */
export const pendingAction = (requestId: string, statusUrl: string) => ({
  body: { requestId, status: 'pending' as const, statusUrl, message: PENDING_MESSAGE },
  headers: { Location: statusUrl, 'Retry-After': String(PENDING_RETRY_AFTER) },
});

/** An action's answer: 200 with the case's new state, or 202 with where to read the outcome. */
export function actionAnswer(c: Context, result: ActionResult, statusUrl: (requestId: string) => string) {
  if (result.done) return c.json(caseState(result.view), 200);
  const pending = pendingAction(result.requestId, statusUrl(result.requestId));
  return c.json(pending.body, 202, pending.headers);
}
