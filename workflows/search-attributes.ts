// Search attributes for Temporal UI and visibility queries. Plaintext on the server: never personal data.
import { defineSearchAttributeKey } from '@temporalio/common';

export const CaseStatusSA = defineSearchAttributeKey('CaseStatus', 'KEYWORD');
export const CaseTypeSA = defineSearchAttributeKey('CaseType', 'KEYWORD');
/** Staff id of the assigned handler, as text. */
export const CaseAssigneeSA = defineSearchAttributeKey('CaseAssignee', 'KEYWORD');

/** When the first response is due while its clock runs; absent once answered. */
export const CaseFirstResponseDueAtSA = defineSearchAttributeKey('CaseFirstResponseDueAt', 'DATETIME');
/** When resolution is due while its clock runs; absent while the case waits for the customer or is closed. */
export const CaseResolutionDueAtSA = defineSearchAttributeKey('CaseResolutionDueAt', 'DATETIME');
/** running, breached, paused or stopped (see workflows/service-level-clocks.ts). */
export const CaseSlaStateSA = defineSearchAttributeKey('CaseSlaState', 'KEYWORD');

export const CASE_SEARCH_ATTRIBUTES = [
  CaseStatusSA,
  CaseTypeSA,
  CaseAssigneeSA,
  CaseFirstResponseDueAtSA,
  CaseResolutionDueAtSA,
  CaseSlaStateSA,
];
