// The JSON shape of a case for customers and staff; personnummer are masked for customers.
import { CASE_TYPE_LABELS, STATUS_LABELS, maskPersonnummer } from '../domain/index.js';
import { type CaseRow, caseTimeline } from '../db/cases.js';
import type { Executor } from '../db/client.js';
import type { PersonalDataCipher } from '../db/personal-data.js';
import type { CaseView } from '../workflows/messages.js';

export async function presentCase(db: Executor, cipher: PersonalDataCipher, row: CaseRow, audience: 'customer' | 'staff') {
  const payload = cipher.openSubmission(row.payload);
  if (audience === 'customer') maskInPlace(payload);
  return {
    caseNumber: row.case_number,
    type: row.type,
    typeLabel: CASE_TYPE_LABELS[row.type],
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    subject: row.subject,
    version: row.version,
    assigneeId: row.assignee_id,
    resolution: row.resolution,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    submission: payload,
    timeline: await caseTimeline(db, row.id, { includeInternal: audience === 'staff' }),
  };
}

function maskInPlace(s: { contact?: { personnummer?: string }; rows?: Array<{ personnummer?: string }> }) {
  if (s.contact?.personnummer) s.contact.personnummer = maskPersonnummer(s.contact.personnummer);
  for (const r of s.rows ?? []) if (r.personnummer) r.personnummer = maskPersonnummer(r.personnummer);
}

export const presentState = (v: CaseView) => ({
  caseNumber: v.caseNumber,
  status: v.status,
  statusLabel: STATUS_LABELS[v.status],
  version: v.version,
  assigneeId: v.assigneeId,
});
