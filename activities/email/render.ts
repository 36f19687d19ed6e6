// Renders the Swedish customer notification e-mail for a case: subject, HTML (MJML) and plain text.
import { compile, type HtmlToTextOptions } from 'html-to-text';
import { caseEmailMjml, type CaseEmailView, type EmailItemView } from './case-email.mjml.js';
import { compiledMjml } from './compiled-mjml.js';
import { autoClosedText, reminderText } from '../../domain/notification-texts.js';

export type EmailItem =
  | { kind: 'received' } // receipt on submission
  | { kind: 'status'; from: string; to: string } // Swedish status labels, e.g. 'Inskickat' → 'Avslutat'
  | { kind: 'message'; body: string } // a new public message from the handler
  | { kind: 'info_request'; body: string } // the handler asks for more information
  | { kind: 'reminder'; closesAt?: string } // the customer has not answered the handler's question
  | { kind: 'auto_closed' }; // closed after waiting for the customer in vain

export interface CaseEmail {
  caseNumber: string;
  caseTypeLabel: string;
  caseSubject: string;
  recipientName: string;
  caseUrl: string;
  items: EmailItem[];
  /** Sent through Kontakta oss without an account: the link in the e-mail, not a login, is the way to answer. */
  withoutAccount?: boolean;
}

// mj-text content is passed through as raw HTML, so any unescaped value could inject markup.
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escapes free text and keeps its line breaks. */
function multiline(s: string): string {
  return escapeHtml(s.trim()).replace(/\r\n?|\n/g, '<br />');
}

/** Subject lines carry only the case number: never the customer's own text or personal data. */
function subjectFor(e: CaseEmail): string {
  const n = e.caseNumber;
  if (e.items.length !== 1) return `Uppdateringar i ärende ${n}`;
  const item = e.items[0]!;
  switch (item.kind) {
    case 'received':
      return `Ditt ärende ${n} är nu inskickat`;
    case 'status':
      return `Ärende ${n} har fått status ${item.to}`;
    case 'message':
      return `Nytt meddelande i ärende ${n}`;
    case 'info_request':
      return `Komplettering behövs i ärende ${n}`;
    case 'reminder':
      return `Påminnelse: vi väntar på ditt svar i ärende ${n}`;
    case 'auto_closed':
      return `Ärende ${n} har avslutats`;
  }
}

function previewFor(items: EmailItem[]): string {
  if (items.length !== 1) return `Du har ${items.length} nya uppdateringar i ditt ärende.`;
  const item = items[0]!;
  switch (item.kind) {
    case 'received':
      return 'Tack, ditt ärende är nu registrerat.';
    case 'status':
      return `Status har ändrats från ${item.from} till ${item.to}.`;
    case 'message':
      return 'Du har fått ett nytt meddelande från handläggaren.';
    case 'info_request':
      return 'Handläggaren behöver fler uppgifter från dig.';
    case 'reminder':
      return 'Handläggaren väntar fortfarande på ditt svar.';
    case 'auto_closed':
      return 'Ärendet avslutades eftersom vi inte fick svar på vår fråga.';
  }
}

export function itemView(item: EmailItem, caseNumber: string): EmailItemView {
  switch (item.kind) {
    case 'received':
      return {
        heading: 'Ditt ärende är nu inskickat.',
        paragraphs: [
          'Tack, ditt ärende är nu registrerat! Vi kommer att hantera det så snart som möjligt. ' +
            'Inkomna ärenden hanteras helgfria vardagar mellan 09:00–16:00.',
          `Ärendenummer: ${escapeHtml(caseNumber)}`,
        ],
      };
    case 'status':
      return {
        heading: 'Ärendet har fått ny status',
        paragraphs: [`Status har ändrats från ${escapeHtml(item.from)} till ${escapeHtml(item.to)}.`],
      };
    case 'message':
      return {
        heading: 'Nytt meddelande',
        paragraphs: ['Du har fått ett nytt meddelande:'],
        quote: multiline(item.body),
      };
    case 'info_request':
      return {
        heading: 'Komplettering behövs',
        paragraphs: ['Handläggaren behöver fler uppgifter för att kunna hantera ditt ärende:'],
        quote: multiline(item.body),
        after: ['Svara via Mina sidor i kundportalen.'],
      };
    case 'reminder':
      return { heading: 'Påminnelse: vi väntar på ditt svar', paragraphs: reminderText(item.closesAt).map(escapeHtml) };
    case 'auto_closed':
      return { heading: 'Ärendet har avslutats', paragraphs: autoClosedText(caseNumber).map(escapeHtml) };
  }
}

const FOOTER_WITHOUT_ACCOUNT = 'Detta e-postmeddelande går inte att svara på. Följ ärendet och svara oss via länken Visa ärendet, utan att logga in.';
const ANSWER_BY_LINK = 'Svara via länken Visa ärendet nedan.';

/** The subject and the escaped view of an e-mail: everything but the rendering. */
export function caseEmailView(e: CaseEmail): { subject: string; view: CaseEmailView } {
  if (e.items.length === 0) throw new Error('renderCaseEmail: no items to render');
  if (!/^https?:\/\//i.test(e.caseUrl)) throw new Error(`renderCaseEmail: caseUrl must be http(s): ${e.caseUrl}`);

  // Header values cannot carry line breaks; collapse any whitespace run to one space.
  const subject = subjectFor(e).replace(/\s+/g, ' ').trim();
  const hasReceipt = e.items.some((i) => i.kind === 'received');
  const caseLines = [
    ...(hasReceipt ? [] : [`Ärendenummer: ${escapeHtml(e.caseNumber)}`]),
    `Ärendetyp: ${escapeHtml(e.caseTypeLabel)}`,
    `Ämne: ${escapeHtml(e.caseSubject)}`,
  ];

  const view = {
    title: escapeHtml(subject),
    preview: escapeHtml(previewFor(e.items)),
    greetingName: escapeHtml(e.recipientName),
    items: e.items.map((i) => itemView(i, e.caseNumber)).map((v) => (e.withoutAccount && v.after ? { ...v, after: [ANSWER_BY_LINK] } : v)),
    caseLines,
    caseUrl: escapeHtml(e.caseUrl),
    ...(e.withoutAccount ? { footer: FOOTER_WITHOUT_ACCOUNT } : {}),
  };
  return { subject, view };
}

export const textOptions: HtmlToTextOptions = {
  wordwrap: 80,
  selectors: [
    { selector: 'div[style*="display:none"]', format: 'skip' }, // mj-preview preheader
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  ],
};
// Options and selectors prepared once; convert() would prepare them again for every e-mail.
const toText = compile(textOptions);

/** The plain-text part, from the HTML. */
export function htmlToText(html: string): string {
  return toText(html).trim();
}

// Each shape of e-mail is rendered by mjml once; later e-mails of that shape fill in their strings.
const renderHtml = compiledMjml(caseEmailMjml);

export async function renderCaseEmail(e: CaseEmail): Promise<{ subject: string; html: string; text: string }> {
  const { subject, view } = caseEmailView(e);
  const html = await renderHtml(view);
  return { subject, html, text: htmlToText(html) };
}
