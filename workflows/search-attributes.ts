// Search attributes for Temporal UI and visibility queries. Plaintext on the server: never personal data.
import { defineSearchAttributeKey } from '@temporalio/common';

export const CaseStatusSA = defineSearchAttributeKey('CaseStatus', 'KEYWORD');
export const CaseTypeSA = defineSearchAttributeKey('CaseType', 'KEYWORD');
/** Staff id of the assigned handler, as text. */
export const CaseAssigneeSA = defineSearchAttributeKey('CaseAssignee', 'KEYWORD');

export const CASE_SEARCH_ATTRIBUTES = [CaseStatusSA, CaseTypeSA, CaseAssigneeSA];
