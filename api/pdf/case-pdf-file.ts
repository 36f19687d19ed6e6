// The case as a PDF file to download, written once for the JSON API and the portal's case page: the
// same service call, the same rendering, the same headers.
import { CASE_TYPE_LABELS, STATUS_LABELS } from '../../domain/index.js';
import { caseDocument } from '../../services/cases.js';
import type { ServiceDeps } from '../../services/deps.js';
import type { Customer } from '../../services/principal.js';
import { renderCasePdf } from './case-pdf.js';

/** The PDF of a case the customer may see (a not-found ServiceError otherwise), with its response headers. */
export async function casePdfFile(deps: ServiceDeps, p: Customer, caseNumber: string) {
  const { row, submission, messages, readerPersonnummer } = await caseDocument(deps, p, caseNumber);
  const bytes = await renderCasePdf({
    caseNumber: row.caseNumber,
    typeLabel: CASE_TYPE_LABELS[row.type],
    statusLabel: STATUS_LABELS[row.status],
    subject: row.subject,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
    resolution: row.resolution,
    submission,
    messages,
    readerPersonnummer,
  });
  return {
    bytes: new Uint8Array(bytes),
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${row.caseNumber}.pdf"`,
      // Personal data: never kept by a shared cache or the browser's.
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  };
}
