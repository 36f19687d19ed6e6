// The back office's case records: CaseListItem and CaseDetail of the contract.
import { CASE_TYPE_LABELS, type HandlerAction, HANDLER_ACTIONS, STATUS_LABELS, allowedActions } from '../../../domain/index.js';
import { type CaseDetailRow, type CaseListRow, findCaseDetail } from '../../../db/queues.js';
import type { ApiDeps } from '../../deps.js';
import { actionSegment } from '../case-actions-spec.js';

export const toCaseListItem = (r: CaseListRow) => ({
  id: r.caseNumber,
  caseNumber: r.caseNumber,
  type: r.type,
  typeLabel: CASE_TYPE_LABELS[r.type],
  status: r.status,
  statusLabel: STATUS_LABELS[r.status],
  subject: r.subject,
  organisationId: r.organisationId,
  organisationName: r.organisationName,
  assigneeId: r.assigneeId,
  assigneeName: r.assigneeName,
  reporterName: r.reporterName,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const isHandlerAction = (a: string): a is HandlerAction => (HANDLER_ACTIONS as readonly string[]).includes(a);

const toTimelineEntry = (e: CaseDetailRow['events'][number]) => ({
  version: e.version,
  action: e.action,
  actor: { type: e.actorType, id: e.actorId, name: e.actorType === 'system' ? 'System' : e.actorName },
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
  at: e.at,
  ...(e.body !== null ? { message: { visibility: e.visibility, body: e.body } } : {}),
});

export function temporalUrl(deps: Pick<ApiDeps, 'temporalUi'>, caseNumber: string) {
  const { url, namespace } = deps.temporalUi;
  return `${url.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(caseNumber)}`;
}

/** The whole case as staff see it, read from Postgres; personnummer in clear, since staff issue cards. */
export async function loadCaseDetail(deps: ApiDeps, caseNumber: string) {
  const row = await findCaseDetail(deps.db, caseNumber);
  if (!row) return undefined;
  return {
    ...toCaseListItem(row),
    version: row.version,
    resolution: row.resolution,
    closedAt: row.closedAt,
    submission: deps.cipher.openSubmission(row.payload),
    timeline: row.events.map(toTimelineEntry),
    temporalUrl: temporalUrl(deps, row.caseNumber),
    actions: allowedActions(row.status).filter(isHandlerAction).map(actionSegment),
  };
}
