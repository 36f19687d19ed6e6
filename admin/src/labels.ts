// Choices for filters and forms, named as everywhere else: case types and statuses come from domain/labels.ts.
import { CASE_TYPE_LABELS, STATUS_LABELS } from '../../domain/labels';
import type { StaffRole } from './types';

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([id, name]) => ({ id, name }));

export const caseTypeChoices = choices(CASE_TYPE_LABELS);
export const statusChoices = choices(STATUS_LABELS);

export const ROLE_LABELS: Record<StaffRole, string> = { handler: 'Handläggare', admin: 'Administratör' };
export const roleChoices = choices(ROLE_LABELS);
