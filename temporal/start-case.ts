// Starting a case's workflow from its Postgres row: used after commit by the API and by the reconciler.
import { type Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { CaseRow } from '../db/cases.js';
import type { BusinessCalendarConfig } from '../workflows/business-hours.js';
import type { caseWorkflow } from '../workflows/case-workflow.js';
import { CASE_WORKFLOW_TYPE, type CaseWorkflowInput } from '../workflows/messages.js';
import { CaseAssigneeSA, CaseStatusSA, CaseTypeSA } from '../workflows/search-attributes.js';

export interface CaseWorkflowSettings {
  taskQueue: string;
  calendar: BusinessCalendarConfig;
  closedRetentionMs?: number;
  /** Tests: a business day of reminders and automatic closing this many business minutes long. */
  businessDayMinutes?: number;
}

export function workflowInput(row: CaseRow, settings: CaseWorkflowSettings): CaseWorkflowInput {
  return {
    caseId: row.id,
    caseNumber: row.caseNumber,
    caseType: row.type,
    status: row.status,
    version: row.version,
    assigneeId: row.assigneeId,
    calendar: settings.calendar,
    isNew: row.version === 1 && row.status === 'submitted',
    closedRetentionMs: settings.closedRetentionMs,
    ...(settings.businessDayMinutes === undefined ? {} : { businessDayMinutes: settings.businessDayMinutes }),
  };
}

/**
 * Options for a (re)start under the case's own workflow id, so duplicate starts collapse into one.
 * That id is the case number plus a random part stored on the row (older rows: the case number
 * alone): a case number repeats after a database is recreated or restored, and USE_EXISTING would
 * then hand a new case an old case's workflow.
 */
export function startOptions(row: CaseRow, settings: CaseWorkflowSettings) {
  return {
    taskQueue: settings.taskQueue,
    workflowId: row.workflowId,
    args: [workflowInput(row, settings)] as [CaseWorkflowInput],
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
    typedSearchAttributes: [
      { key: CaseStatusSA, value: row.status },
      { key: CaseTypeSA, value: row.type },
      ...(row.assigneeId !== null ? [{ key: CaseAssigneeSA, value: String(row.assigneeId) }] : []),
    ],
    staticSummary: `Ärende ${row.caseNumber}`,
  };
}

export async function startCaseWorkflow(client: Client, row: CaseRow, settings: CaseWorkflowSettings): Promise<void> {
  try {
    await client.workflow.start<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, {
      ...startOptions(row, settings),
      // A finished run means the case was handled already; never start it over from the row.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

export function startOperation(row: CaseRow, settings: CaseWorkflowSettings) {
  return new WithStartWorkflowOperation<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, {
    ...startOptions(row, settings),
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
  });
}
