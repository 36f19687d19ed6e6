// MJML template for the customer case notification. Every value put into the markup must
// already be HTML-escaped by the caller (see render.ts); this file only assembles strings.

export interface CaseEmailView {
  title: string;
  preview: string;
  greetingName: string;
  /** One entry per notification, each a list of ready-made HTML paragraphs. */
  items: EmailItemView[];
  caseLines: string[];
  caseUrl: string;
  /** The closing line: how to answer; by logging in unless set (a case without an account answers by its link). */
  footer?: string;
  /** The button's text; "Visa ärendet" unless set (a digest links to Mina sidor). */
  buttonLabel?: string;
}

export interface EmailItemView {
  heading: string;
  paragraphs: string[];
  /** Quoted text from the handler, shown in a shaded box. */
  quote?: string;
  after?: string[];
}

const colors = {
  page: '#f3f4f6',
  card: '#ffffff',
  brand: '#1d4ed8',
  text: '#1f2937',
  muted: '#6b7280',
  quote: '#f1f5f9',
  rule: '#e5e7eb',
};

// Paragraphs are wrapped in margin-less <p> so the plain-text part gets blank lines between them.
const para = (html: string) => `<p style="margin:0">${html}</p>`;

function itemSection(item: EmailItemView, first: boolean): string {
  const divider = first ? '' : `<mj-divider border-width="1px" border-color="${colors.rule}" padding="0 25px 16px" />`;
  const paragraphs = item.paragraphs.map((p) => `<mj-text>${para(p)}</mj-text>`).join('\n');
  const quote =
    item.quote === undefined
      ? ''
      : `<mj-text container-background-color="${colors.quote}" padding="16px 25px">${para(item.quote)}</mj-text>`;
  const after = (item.after ?? []).map((p) => `<mj-text>${para(p)}</mj-text>`).join('\n');
  return `
    <mj-section background-color="${colors.card}" padding="0 0 8px">
      <mj-column>
        ${divider}
        <mj-text font-size="18px" font-weight="bold">${para(item.heading)}</mj-text>
        ${paragraphs}
        ${quote}
        ${after}
      </mj-column>
    </mj-section>`;
}

export function caseEmailMjml(v: CaseEmailView): string {
  return `<mjml lang="sv">
  <mj-head>
    <mj-title>${v.title}</mj-title>
    <mj-preview>${v.preview}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="${colors.text}" padding="6px 25px" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="${colors.page}" width="600px">
    <mj-section background-color="${colors.brand}" padding="16px 0">
      <mj-column>
        <mj-text font-size="22px" font-weight="bold" color="#ffffff">${para('Kundportal')}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="${colors.card}" padding="16px 0 8px">
      <mj-column>
        <mj-text>${para(`Hej ${v.greetingName}!`)}</mj-text>
      </mj-column>
    </mj-section>
    ${v.items.map((item, i) => itemSection(item, i === 0)).join('\n')}
    <mj-section background-color="${colors.card}" padding="8px 0 24px">
      <mj-column>
        <mj-divider border-width="1px" border-color="${colors.rule}" padding="0 25px 16px" />
        ${v.caseLines.map((l) => `<mj-text font-size="14px" color="${colors.muted}" padding="2px 25px">${l}</mj-text>`).join('\n')}
        <mj-button href="${v.caseUrl}" background-color="${colors.brand}" color="#ffffff" font-size="16px" border-radius="4px" align="left" padding="16px 25px 0">${v.buttonLabel ?? 'Visa ärendet'}</mj-button>
      </mj-column>
    </mj-section>
    <mj-section padding="16px 0">
      <mj-column>
        <mj-text font-size="12px" color="${colors.muted}" align="center">${para(v.footer ?? 'Detta e-postmeddelande går inte att svara på. Logga in i kundportalen för att svara.')}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}
