// Renders a recipient's digest: one e-mail listing each case and what happened in it. A digest of
// one case is that case's own e-mail, as a case sent it before digests.
import { caseEmailMjml, type EmailItemView } from './case-email.mjml.js';
import { compiledMjml } from './compiled-mjml.js';
import { type CaseEmail, type EmailItem, escapeHtml, htmlToText, itemView, renderCaseEmail } from './render.js';

export type DigestCase = Omit<CaseEmail, 'recipientName'>;

export interface Digest {
  recipientName: string;
  /** The button: Mina sidor, where every case is listed (a sender without an account: their first case). */
  overview: { url: string; label: string };
  cases: DigestCase[];
}

const renderHtml = compiledMjml(caseEmailMjml);

/** One case's section: its number, type and subject, then each notification's heading and text. */
function caseSection(c: DigestCase): EmailItemView {
  const lines = c.items.flatMap((item: EmailItem) => {
    const v = itemView(item, c.caseNumber);
    return [`<strong>${v.heading}</strong>`, ...v.paragraphs, ...(v.quote !== undefined ? [`<em>${v.quote}</em>`] : []), ...(v.after ?? [])];
  });
  return {
    heading: `Ärende ${escapeHtml(c.caseNumber)}`,
    paragraphs: [
      `Ärendetyp: ${escapeHtml(c.caseTypeLabel)}. Ämne: ${escapeHtml(c.caseSubject)}`,
      ...lines,
      `<a href="${escapeHtml(c.caseUrl)}">Visa ärende ${escapeHtml(c.caseNumber)}</a>`,
    ],
  };
}

export async function renderDigestEmail(d: Digest): Promise<{ subject: string; html: string; text: string }> {
  if (d.cases.length === 0) throw new Error('renderDigestEmail: no cases');
  if (d.cases.length === 1) return renderCaseEmail({ ...d.cases[0]!, recipientName: d.recipientName });
  // Only the count: never a case's subject or anything personal in the subject line.
  const subject = `Uppdateringar i ${d.cases.length} av dina ärenden`;
  const html = await renderHtml({
    title: escapeHtml(subject),
    preview: escapeHtml(`Det har hänt något i ${d.cases.length} av dina ärenden.`),
    greetingName: escapeHtml(d.recipientName),
    items: d.cases.map(caseSection),
    caseLines: [escapeHtml('Här är allt som hänt i dina ärenden sedan vi stängde.')],
    caseUrl: escapeHtml(d.overview.url),
    buttonLabel: escapeHtml(d.overview.label),
  });
  return { subject, html, text: htmlToText(html) };
}
