// A fixed, varied set of e-mails whose rendered output is pinned in render-fixture.json (see
// render-fixture.test.ts); the render benchmark uses them too.
import type { CaseEmail, EmailItem } from './render.js';

const base: Omit<CaseEmail, 'items'> = {
  caseNumber: 'KP-2025-000123',
  caseTypeLabel: 'Förlorat kort',
  caseSubject: 'Mitt kort försvann på Götgatan',
  recipientName: 'Åsa Öberg',
  caseUrl: 'https://kundportal.example/arenden/KP-2025-000123?flik=meddelanden&x=1',
};

const nasty = `Tom & Jerry's <b>"bästa"</b> svar > allt < inget`;
const long =
  'Vi har gått igenom ditt ärende och behöver veta mer om händelsen. '.repeat(30) +
  'Ett_mycket_långt_ord_utan_mellanslag_som_inte_kan_brytas_'.repeat(4);

const received: EmailItem = { kind: 'received' };
const status: EmailItem = { kind: 'status', from: 'Inskickat', to: 'Under behandling' };
const closed: EmailItem = { kind: 'status', from: 'Väntar på kund', to: 'Avslutat' };
const message: EmailItem = { kind: 'message', body: 'Vi har skickat ett nytt kort.\nDet kommer inom fem dagar.' };
const infoRequest: EmailItem = { kind: 'info_request', body: 'Bifoga en kopia på din legitimation.' };

/** A fixed, varied set of e-mails: every kind, one and several items, with and without the receipt. */
export const fixtureInputs: Record<string, CaseEmail> = {
  received: { ...base, items: [received] },
  status: { ...base, items: [status] },
  message: { ...base, items: [message] },
  infoRequest: { ...base, items: [infoRequest] },
  receivedAndStatus: { ...base, items: [received, status] },
  statusMessageInfo: { ...base, items: [status, message, infoRequest] },
  allKindsReceiptLast: { ...base, items: [closed, infoRequest, message, received] },
  twoMessages: { ...base, items: [message, { kind: 'message', body: 'Ett till.' }] },
  twoInfoRequests: { ...base, items: [infoRequest, infoRequest] },
  manyItems: { ...base, items: [received, status, message, infoRequest, closed, message, infoRequest] },
  escaping: {
    ...base,
    caseNumber: 'KP-2026-<00042>&"\'',
    caseTypeLabel: '<i>Typ</i> & "sort"',
    caseSubject: 'Ämne "med" <b>fetstil</b> & \'citat\' <!--[if mso]>x<![endif]--> ]]> {{x}} [[y]] $& $1 $$',
    recipientName: 'Eve <img src=x onerror=alert(1)> &amp; Ådam',
    caseUrl: 'https://kundportal.example/a?b="c"&d=<e>&f=\'g\'',
    items: [
      { kind: 'message', body: 'Hej <script>alert("xss")</script> & hej då' },
      { kind: 'status', from: '<u>Inskickat</u>', to: nasty },
      { kind: 'info_request', body: nasty },
    ],
  },
  escapingSingleStatus: { ...base, items: [{ kind: 'status', from: nasty, to: `${nasty}\n  ny\trad ` }] },
  lineBreaks: {
    ...base,
    items: [
      { kind: 'message', body: '  Rad ett\r\nRad två\rRad tre\n\nStycke två\n  indraget\n' },
      { kind: 'info_request', body: '\n\nFråga 1?\n\n\nFråga 2?\r\n' },
    ],
  },
  whitespaceAtEdges: {
    ...base,
    caseNumber: ' KP-2026-00001 ',
    caseTypeLabel: '  Fråga\n',
    caseSubject: '\tÄmne med   mellanrum \n ',
    recipientName: ' Nils  Nyström ',
    items: [{ kind: 'status', from: ' Inskickat ', to: '\nAvslutat\n' }, message],
  },
  whitespaceAtEdgesWithReceipt: {
    ...base,
    caseNumber: 'KP-2026-00002\n',
    caseSubject: 'Ämne ',
    caseTypeLabel: 'Typ\t',
    items: [received],
  },
  longTexts: {
    ...base,
    caseSubject: long,
    caseTypeLabel: 'Beställning av SITHS-kort',
    recipientName: 'Karl-Johan Åkerström-Ödmark von Ärlegård',
    items: [
      { kind: 'message', body: long },
      { kind: 'info_request', body: `${long}\n${long}` },
    ],
  },
  swedishAndUnicode: {
    ...base,
    caseSubject: 'ÅÄÖ åäö é ü ß – “citat” — 😀 \u00a0nbsp',
    recipientName: 'Örjan Ängström',
    items: [{ kind: 'message', body: 'Åtgärdat: växeln på plan 3 ✓\nMvh Hanna Handläggare' }],
  },
  entitiesInInput: {
    ...base,
    caseSubject: '&lt;inte en tagg&gt; &#60; &amp;amp;',
    items: [{ kind: 'info_request', body: '&nbsp;&zwnj; &#847;' }],
  },
  httpUrl: { ...base, caseUrl: 'http://localhost:3000/arenden/KP-2025-000123', items: [closed] },
};
