import { describe, expect, it } from 'vitest';
import { caseSubmissionSchema, type CaseSubmission, type CaseSubmissionInput } from '../../domain/case-types.js';
import { maskPersonnummer } from '../../domain/swedish-ids.js';
import { pdfInfo, pdfPageCount, pdfPages, pdfText } from '../../tests/helpers/pdf-text.js';
import { type CasePdfInput, renderCasePdf } from './case-pdf.js';

const OFFICES = ['Västerås sjukhus', 'Region Uppsala – Akademiska sjukhuset', 'Örebro universitetssjukhus'];
const schema = caseSubmissionSchema({ pickupOffices: OFFICES });

const READER = '198507099805'; // the contact person, who also orders a card for herself
const BJORN = '199001011239';
const EMILE = '197203154328';
const QUESTION_CONTACT = '196311247651';

/** Submissions go through the real schema, so the PDF sees normalised data as in production. */
function submission(input: CaseSubmissionInput): CaseSubmission {
  return schema.parse(input);
}

/** Joins wrapped lines (a cell or value broken after a hyphen or at a space) for matching. */
function flat(text: string): string {
  return text.replace(/-\n/g, '-').replace(/\s+/g, ' ');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A regex for cells that follow each other, whatever whitespace pdfjs puts between them. */
const inOrder = (...cells: string[]) => new RegExp(cells.map(escape).join('\\s*'));

/** Every way a personnummer's clear digits could be printed. */
function clearForms(pnr: string): string[] {
  return [pnr, pnr.slice(2), `${pnr.slice(0, 8)}-${pnr.slice(8)}`, `${pnr.slice(2, 8)}-${pnr.slice(8)}`, pnr.slice(8)];
}

const contact = {
  organisationName: 'Region Västmanland',
  organisationsnummer: '232100-0172',
  unitName: 'Vårdcentralen Öster',
  personnummer: '19850709-9805',
  name: 'Åsa Öberg-Ängström',
  email: 'asa.oberg-angstrom@region-vastmanland.se',
  notifyByEmail: true,
};

function sithsInput(): CasePdfInput {
  return {
    caseNumber: 'KP-2026-00042',
    typeLabel: 'Beställning av SITHS-kort',
    statusLabel: 'Avslutat',
    subject: 'SITHS-kort till nya medarbetare på Vårdcentralen Öster',
    createdAt: new Date('2026-11-23T13:05:00Z'), // 14:05 in Stockholm (CET)
    updatedAt: new Date('2026-11-24T08:41:00Z'),
    closedAt: new Date('2026-11-24T08:41:00Z'),
    resolution: 'Korten är beställda och kan hämtas ut från och med måndag. Ta med giltig legitimation.',
    submission: submission({
      type: 'siths_order',
      contact,
      subject: 'SITHS-kort till nya medarbetare på Vårdcentralen Öster',
      rows: [
        {
          name: 'Åsa Öberg-Ängström',
          personnummer: READER,
          email: 'asa.oberg-angstrom@region-vastmanland.se',
          ownCardOffice: true,
          otherInfo: 'Behöver kortet före den 1 december',
        },
        {
          name: 'Björn Ekström',
          personnummer: '900101-1239',
          email: 'bjorn.ekstrom@example.se',
          pickupOffice: 'Region Uppsala – Akademiska sjukhuset',
        },
        {
          name: 'Émile Åkesson',
          personnummer: EMILE,
          email: 'emile@räksmörgås.se',
          pickupOffice: 'Västerås sjukhus',
          ownCardOffice: false,
          otherInfo: '“Reservkort” önskas',
        },
      ],
    }),
    messages: [
      {
        at: new Date('2026-11-23T14:00:00Z'),
        authorLabel: 'Handläggare',
        body: 'Hej! Kan ni bekräfta att Björn ska hämta ut kortet i Uppsala?',
      },
      { at: new Date('2026-11-23T15:10:00Z'), authorLabel: 'Du', body: 'Ja, det stämmer.\n\nVänliga hälsningar\nÅsa' },
      { at: new Date('2026-11-24T08:41:00Z'), authorLabel: 'Östen Ärlig', body: 'ÅÄÖ åäö é – “citat” klart.' },
    ],
    readerPersonnummer: READER,
    generatedAt: new Date('2026-11-25T09:00:00Z'),
  };
}

function questionInput(): CasePdfInput {
  return {
    caseNumber: 'KP-2026-00107',
    typeLabel: 'Fråga',
    statusLabel: 'Under behandling',
    subject: 'Hur förnyar jag mitt SITHS-kort?',
    createdAt: new Date('2026-06-15T10:30:00Z'), // 12:30 in Stockholm (CEST)
    updatedAt: new Date('2026-06-16T07:02:00Z'),
    closedAt: null,
    resolution: null,
    submission: submission({
      type: 'question',
      contact: {
        organisationName: 'Örebro kommun',
        organisationsnummer: '2120001967',
        personnummer: QUESTION_CONTACT,
        name: 'Göran Ålund',
        email: 'goran.alund@orebro.se',
        notifyByEmail: false,
      },
      subject: 'Hur förnyar jag mitt SITHS-kort?',
      description: 'Mitt kort går ut nästa månad.\nVad behöver jag göra för att få ett nytt?',
      service: 'SITHS eID',
    }),
    messages: [
      { at: new Date('2026-06-16T07:02:00Z'), authorLabel: 'Handläggare', body: 'Du beställer ett nytt kort via din id-administratör.' },
    ],
    readerPersonnummer: null, // e.g. a handler: every personnummer masked
    generatedAt: new Date('2026-06-16T08:00:00Z'),
  };
}

/** A valid personnummer for the n-th day after 1970-01-01 (Luhn check digit). */
function personnummerFor(n: number): string {
  const birth = new Date(Date.UTC(1970, 0, 1 + n)).toISOString().slice(0, 10).replace(/-/g, '');
  const nine = `${birth.slice(2)}123`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const v = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(v / 10) + (v % 10);
  }
  return `${birth}123${(10 - (sum % 10)) % 10}`;
}

describe('renderCasePdf', () => {
  it('renders a SITHS order: summary, contact, every row, resolution and messages', async () => {
    const input = sithsInput();
    const pdf = await renderCasePdf(input);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = await pdfText(pdf);
    const t = flat(text);
    expect(t).toContain('Ärende KP-2026-00042');
    expect(t).toContain('SITHS-kort till nya medarbetare på Vårdcentralen Öster');
    expect(t).toMatch(inOrder('Ärendetyp', 'Beställning av SITHS-kort'));
    expect(t).toMatch(inOrder('Status', 'Avslutat'));
    expect(t).toMatch(inOrder('Inskickat', '2026-11-23 14:05'));
    expect(t).toMatch(inOrder('Senast ändrad', '2026-11-24 09:41'));
    expect(t).toMatch(inOrder('Avslutat', '2026-11-24 09:41'));

    expect(t).toContain('Uppgifter om dig som beställer');
    expect(t).toMatch(inOrder('Organisation', 'Region Västmanland'));
    expect(t).toMatch(inOrder('Organisationsnummer', '232100-0172'));
    expect(t).toMatch(inOrder('Enhet', 'Vårdcentralen Öster'));
    expect(t).toMatch(inOrder('Namn', 'Åsa Öberg-Ängström'));
    expect(t).toMatch(inOrder('Personnummer', '19850709-9805'));
    expect(t).toMatch(inOrder('E-postadress', 'asa.oberg-angstrom@region-vastmanland.se'));
    expect(t).toMatch(inOrder('Jag vill bli notifierad via e-post', 'Ja'));
    expect(t).toMatch(inOrder('Rubrik', 'SITHS-kort till nya medarbetare på Vårdcentralen Öster'));

    expect(t).toMatch(
      inOrder('För- och efternamn', 'Personnummer', 'E-postadress', 'Kortutlämningskontor', 'Eget kortkontor', 'Övrig information'),
    );
    // Each row's cells in column order; empty cells show '–'.
    expect(t).toMatch(
      inOrder('Åsa Öberg-Ängström', '19850709-9805', 'asa.oberg-angstrom@region-vastmanland.se', '–', 'Ja', 'Behöver kortet före den 1 december'),
    );
    expect(t).toMatch(
      inOrder('Björn Ekström', maskPersonnummer(BJORN), 'bjorn.ekstrom@example.se', 'Region Uppsala – Akademiska sjukhuset', 'Nej', '–'),
    );
    expect(t).toMatch(
      inOrder('Émile Åkesson', maskPersonnummer(EMILE), 'emile@räksmörgås.se', 'Västerås sjukhus', 'Nej', '“Reservkort” önskas'),
    );

    expect(t).toMatch(inOrder('Lösning', 'Korten är beställda och kan hämtas ut från och med måndag. Ta med giltig legitimation.'));

    expect(t).toMatch(inOrder('Meddelanden', '2026-11-23 15:00 – Handläggare', 'Hej! Kan ni bekräfta att Björn ska hämta ut kortet i Uppsala?'));
    expect(t).toMatch(inOrder('2026-11-23 16:10 – Du', 'Ja, det stämmer.', 'Vänliga hälsningar', 'Åsa'));
    // Swedish letters, é, en dash and curly quotes come out exactly.
    expect(text).toContain('2026-11-24 09:41 – Östen Ärlig');
    expect(text).toContain('ÅÄÖ åäö é – “citat” klart.');

    const pages = await pdfPageCount(pdf);
    expect(t).toContain(`Kundportal – KP-2026-00042 – sida 1 av ${pages}`);
    expect(t).toContain('2026-11-25 10:00'); // generation time, Stockholm
  });

  it('shows the reader’s own personnummer in full and masks everyone else’s', async () => {
    const text = await pdfText(await renderCasePdf(sithsInput()));
    expect(text.match(/19850709-9805/g)).toHaveLength(2); // contact block and own row
    expect(text).toContain('19900101-****');
    expect(text).toContain('19720315-****');
    for (const other of [BJORN, EMILE]) {
      for (const clear of clearForms(other)) expect(text).not.toContain(clear);
    }

    // Someone else reading (e.g. a handler): the contact's number is masked too.
    const asHandler = await pdfText(await renderCasePdf({ ...sithsInput(), readerPersonnummer: null }));
    expect(asHandler).toContain('19850709-****');
    for (const pnr of [READER, BJORN, EMILE]) {
      for (const clear of clearForms(pnr)) expect(asHandler).not.toContain(clear);
    }
  });

  it('sets title, author and language, and keeps personnummer out of the metadata', async () => {
    const info = await pdfInfo(await renderCasePdf(sithsInput()));
    expect(info.title).toBe('Ärende KP-2026-00042');
    expect(info.author).toBe('Kundportal');
    expect(info.language).toBe('sv-SE');
    const all = JSON.stringify(info);
    for (const pnr of [READER, BJORN, EMILE]) expect(all).not.toContain(pnr.slice(2, 8));
  });

  it('renders a question: its fields, no table, no resolution, summer time', async () => {
    const text = await pdfText(await renderCasePdf(questionInput()));
    const t = flat(text);
    expect(t).toContain('Ärende KP-2026-00107');
    expect(t).toMatch(inOrder('Ärendetyp', 'Fråga'));
    expect(t).toMatch(inOrder('Status', 'Under behandling'));
    expect(t).toMatch(inOrder('Inskickat', '2026-06-15 12:30'));
    expect(t).toMatch(inOrder('Senast ändrad', '2026-06-16 09:02'));
    expect(t).not.toContain('Avslutat');
    expect(t).not.toContain('Lösning');
    expect(t).not.toContain('Kortutlämningskontor');

    expect(t).toMatch(inOrder('Organisation', 'Örebro kommun'));
    expect(t).toMatch(inOrder('Organisationsnummer', '212000-1967'));
    expect(t).toMatch(inOrder('Enhet', '–'));
    expect(t).toMatch(inOrder('Namn', 'Göran Ålund'));
    expect(t).toMatch(inOrder('Personnummer', maskPersonnummer(QUESTION_CONTACT)));
    expect(t).toMatch(inOrder('E-postadress', 'goran.alund@orebro.se'));
    expect(t).toMatch(inOrder('Jag vill bli notifierad via e-post', 'Nej'));
    for (const clear of clearForms(QUESTION_CONTACT)) expect(text).not.toContain(clear);

    expect(t).toMatch(inOrder('Rubrik', 'Hur förnyar jag mitt SITHS-kort?'));
    expect(t).toMatch(inOrder('Tjänst', 'SITHS eID'));
    expect(t).toMatch(inOrder('Beskrivning', 'Mitt kort går ut nästa månad.', 'Vad behöver jag göra för att få ett nytt?'));
    expect(t).toMatch(inOrder('2026-06-16 09:02 – Handläggare', 'Du beställer ett nytt kort via din id-administratör.'));
    expect(t).toContain('Kundportal – KP-2026-00107 – sida 1 av 1');
  });

  it('puts a 50-row order on several pages: header repeated, no row split, footer on every page', async () => {
    const input = sithsInput();
    const rows = Array.from({ length: 50 }, (_, i) => ({
      name: `Örjan Åström ${String(i + 1).padStart(2, '0')}`,
      personnummer: personnummerFor(i * 97),
      email: `orjan.astrom${i + 1}@example.se`,
      pickupOffice: 'Örebro universitetssjukhus',
      otherInfo: i % 7 === 0 ? 'Kortet ska skickas till enheten i Västerås, märkt med namn och avdelning.' : undefined,
    }));
    input.submission = submission({ type: 'siths_order', contact, rows });
    const pdf = await renderCasePdf(input);

    const count = await pdfPageCount(pdf);
    expect(count).toBeGreaterThan(2);
    const pages = (await pdfPages(pdf)).map(flat);
    expect(pages).toHaveLength(count);

    pages.forEach((page, i) => expect(page).toContain(`Kundportal – KP-2026-00042 – sida ${i + 1} av ${count}`));

    const all = pages.join('\n');
    const pagesWithRows = new Set<number>();
    for (const row of rows) {
      expect(all.split(row.name)).toHaveLength(2); // drawn once
      const at = pages.findIndex((page) => page.includes(row.name));
      pagesWithRows.add(at);
      // The whole row, its cells in order, sits on that one page.
      expect(pages[at]).toMatch(
        inOrder(row.name, maskPersonnummer(row.personnummer), row.email, row.pickupOffice, 'Nej', row.otherInfo ?? '–'),
      );
      for (const clear of clearForms(row.personnummer).slice(0, 4)) expect(all).not.toContain(clear);
    }
    expect(pagesWithRows.size).toBeGreaterThan(1);
    for (const at of pagesWithRows) {
      expect(pages[at]).toMatch(inOrder('För- och efternamn', 'Personnummer', 'E-postadress', 'Kortutlämningskontor'));
    }
  });

  it('breaks long message bodies across pages', async () => {
    const body = Array.from({ length: 1500 }, (_, i) => `ord${i}`).join(' ');
    const input = { ...questionInput(), messages: [{ at: new Date('2026-06-16T07:02:00Z'), authorLabel: 'Du', body }] };
    const pdf = await renderCasePdf(input);
    expect(await pdfPageCount(pdf)).toBeGreaterThan(1);
    const t = flat(await pdfText(pdf));
    // Drop the footers between the pages, then the body reads as one.
    expect(t.replace(/ Kundportal – KP-2026-00107 – sida \d+ av \d+ PDF skapad \S+ \S+/g, '')).toContain(body);
  });

  it('degrades characters outside WinAnsi instead of writing garbage', async () => {
    const input = {
      ...questionInput(),
      messages: [{ at: new Date('2026-06-16T07:02:00Z'), authorLabel: 'Łukasz Nowak', body: 'Tack 🙂 för hjälpen → klart' }],
    };
    const text = await pdfText(await renderCasePdf(input));
    expect(text).toContain('Lukasz Nowak');
    expect(text).toContain('Tack ? för hjälpen -> klart');
  });
});
