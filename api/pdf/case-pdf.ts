// A case as a PDF ("Samma underlag går att ladda ner som PDF"): summary, the
// submitter's details, the submitted form (SITHS rows as a table), resolution and
// public messages. All text the reader sees is Swedish.
import PDFDocument from 'pdfkit';
import type { CaseSubmission, SithsRow } from '../../domain/case-types.js';
import { maskPersonnummer } from '../../domain/swedish-ids.js';

export interface CasePdfMessage {
  at: Date;
  /** 'Du', 'Handläggare' or a name. */
  authorLabel: string;
  body: string;
}

export interface CasePdfInput {
  /** e.g. 'KP-2026-00042' */
  caseNumber: string;
  /** e.g. 'Beställning av SITHS-kort' */
  typeLabel: string;
  /** e.g. 'Inskickat' */
  statusLabel: string;
  subject: string;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  resolution: string | null;
  /** Personnummer in clear (12 digits); this module masks them. */
  submission: CaseSubmission;
  /** Public messages only: the caller filters internal notes out. */
  messages: CasePdfMessage[];
  /** The reader's own personnummer (12 digits): shown in full; every other one is masked. */
  readerPersonnummer: string | null;
  generatedAt?: Date;
}

type Doc = PDFKit.PDFDocument;

// --- look -------------------------------------------------------------------------

// The 14 standard fonts need no font files (CI machines may lack system fonts), and
// pdfkit encodes them as WinAnsi, which covers Swedish (å ä ö é – “ ”).
const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const MARGIN = { top: 50, bottom: 60, left: 45, right: 45 };
const COLOR = { text: '#1a1a1a', muted: '#595959', rule: '#a6a6a6', headFill: '#e9eef2' };
const SIZE = { title: 18, subject: 12, section: 12, body: 10, table: 8, footer: 8 };
const LABEL_WIDTH = 175;
const CELL_PAD = 4;
const EMPTY = '–';

// --- text helpers --------------------------------------------------------------------

const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** '2026-11-23 14:05', Stockholm wall time. Built from parts so ICU punctuation changes cannot leak in. */
export function formatStockholmDateTime(at: Date): string {
  const parts = stockholm.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** The reader's own number in full ('19850709-9805'), everyone else's masked. */
function shownPersonnummer(pnr: string, reader: string | null): string {
  // An earlier case moved in from a previous portal carries none.
  if (!pnr) return '–';
  const digits = pnr.replace(/\D/g, '');
  const own = reader !== null && digits.length === 12 && digits === reader.replace(/\D/g, '');
  return own ? `${digits.slice(0, 8)}-${digits.slice(8)}` : maskPersonnummer(pnr);
}

const yesNo = (value: boolean | undefined): string => (value ? 'Ja' : 'Nej');

// WinAnsi's characters above Latin-1 (pdfkit maps these to their code points 0x80–0x9F).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const LOOKALIKES: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '–',
  '\u2212': '-',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u200b': '',
  '\u2192': '->',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
};

/**
 * Makes user text encodable in WinAnsi: pdfkit writes characters outside it as
 * garbage, so fold them to a base letter or lookalike, else '?'.
 */
function pdfSafe(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[^\n\x20-\x7e\xa0-\xff]/gu, (ch) => {
      if (WIN_ANSI_EXTRA.has(ch)) return ch;
      const replacement = LOOKALIKES[ch];
      if (replacement !== undefined) return replacement;
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      if (base !== ch && /^[\x20-\x7e\xa0-\xff]+$/.test(base)) return base;
      return /\p{C}/u.test(ch) ? '' : '?';
    });
}

/** Shown text for an optional value. */
const orEmpty = (value: string | undefined | null): string => (value?.trim() ? value : EMPTY);

// --- layout primitives -----------------------------------------------------------------

const left = (doc: Doc) => doc.page.margins.left;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit on this one. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function lineHeight(doc: Doc, font: string, size: number): number {
  return doc.font(font).fontSize(size).currentLineHeight(true);
}

function header(doc: Doc, input: CasePdfInput): void {
  doc.font(FONT_BOLD).fontSize(SIZE.title).fillColor(COLOR.text);
  doc.text(pdfSafe(`Ärende ${input.caseNumber}`), left(doc), doc.page.margins.top, { width: contentWidth(doc) });
  doc.moveDown(0.2);
  doc.font(FONT).fontSize(SIZE.subject).text(pdfSafe(input.subject), { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

function sectionHeading(doc: Doc, title: string): void {
  // Keep a heading together with a few lines of what follows.
  const needed = lineHeight(doc, FONT_BOLD, SIZE.section) + 3 * lineHeight(doc, FONT, SIZE.body) + 14;
  doc.moveDown(0.8);
  ensureSpace(doc, needed);
  doc.x = left(doc);
  doc.font(FONT_BOLD).fontSize(SIZE.section).fillColor(COLOR.text).text(title, { width: contentWidth(doc) });
  const y = doc.y + 2;
  doc.moveTo(left(doc), y).lineTo(left(doc) + contentWidth(doc), y).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
  doc.y = y + 6;
}

/** Label on the left, value on the right; long values wrap and may continue on the next page. */
function keyValueBlock(doc: Doc, rows: Array<[label: string, value: string]>): void {
  const x = left(doc);
  const valueX = x + LABEL_WIDTH;
  const valueWidth = contentWidth(doc) - LABEL_WIDTH;
  for (const [label, rawValue] of rows) {
    const value = pdfSafe(rawValue);
    doc.font(FONT).fontSize(SIZE.body);
    const labelHeight = doc.heightOfString(label, { width: LABEL_WIDTH - 10 });
    ensureSpace(doc, Math.max(labelHeight, 2 * doc.currentLineHeight(true)));
    const top = doc.y;
    const page = doc.page;
    doc.fillColor(COLOR.muted).text(label, x, top, { width: LABEL_WIDTH - 10 });
    const labelBottom = doc.y;
    doc.font(FONT).fillColor(COLOR.text).text(value, valueX, top, { width: valueWidth });
    // A value that ran onto a new page leaves the label behind on the old one.
    doc.y = (doc.page === page ? Math.max(labelBottom, doc.y) : doc.y) + 3;
    doc.x = x;
  }
}

// --- SITHS table ----------------------------------------------------------------------------

interface Column {
  title: string;
  /** Share of the table width. */
  weight: number;
  value: (row: SithsRow, reader: string | null) => string;
}

// Widths are chosen so every header word and a full 'ÅÅÅÅMMDD-XXXX' fit unbroken at SIZE.table.
const SITHS_COLUMNS: Column[] = [
  { title: 'För- och efternamn', weight: 88, value: (row) => row.name },
  { title: 'Personnummer', weight: 68, value: (row, reader) => shownPersonnummer(row.personnummer, reader) },
  { title: 'E-postadress', weight: 118, value: (row) => row.email },
  { title: 'Kortutlämningskontor', weight: 96, value: (row) => orEmpty(row.pickupOffice) },
  { title: 'Eget kortkontor', weight: 50, value: (row) => yesNo(row.ownCardOffice) },
  { title: 'Övrig information', weight: 85, value: (row) => orEmpty(row.otherInfo) },
];

function columnWidths(doc: Doc, columns: Column[]): number[] {
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  return columns.map((c) => (c.weight / total) * contentWidth(doc));
}

/** A row's height as pdfkit's table measures it: the tallest cell text plus padding. */
function rowHeight(doc: Doc, cells: string[], widths: number[], font: string): number {
  doc.font(font).fontSize(SIZE.table);
  const heights = cells.map((text, i) => doc.boundsOfString(text, { width: (widths[i] ?? 0) - 2 * CELL_PAD }).height);
  return Math.max(...heights) + 2 * CELL_PAD;
}

// pdfkit clips a cell's text to a box whose top is the first line's ascender, which cuts the ring
// and dots off Å, Ä and Ö (foliojs/pdfkit#1720). Lowering the baseline to the font's FontBBox top
// (in em, from its AFM file) keeps every glyph inside the line height pdfkit measured.
const unclipped = (fontBBoxTop: number) => ({ baseline: -fontBBoxTop * SIZE.table });
const BODY_TEXT = unclipped(0.931); // Helvetica
const HEADER_TEXT = unclipped(0.962); // Helvetica-Bold

/**
 * pdfkit's table, one per page: pdfkit moves a row that does not fit to a new page by itself but
 * does not repeat the header there, so the page break is taken here first. Rows never split.
 */
function table(doc: Doc, columns: Column[], rows: SithsRow[], reader: string | null): void {
  const widths = columnWidths(doc, columns);
  const titles = columns.map((c) => c.title);
  const header = titles.map((text) => ({
    text,
    type: 'TH' as const,
    font: { src: FONT_BOLD },
    textOptions: HEADER_TEXT,
    backgroundColor: COLOR.headFill,
  }));
  const headerHeight = rowHeight(doc, titles, widths, FONT_BOLD);
  const bodies = rows.map((row) => columns.map((c) => pdfSafe(c.value(row, reader))));
  const heights = bodies.map((cells) => rowHeight(doc, cells, widths, FONT));

  const startOnThisPage = () => {
    doc.font(FONT).fontSize(SIZE.table);
    return doc
      .table({
        position: { x: left(doc), y: doc.y },
        columnStyles: widths,
        defaultStyle: { padding: CELL_PAD, border: 0.5, borderColor: COLOR.rule, textColor: COLOR.text, textOptions: BODY_TEXT },
      })
      .row(header);
  };

  // pdfkit's own test for whether a row fits; the header starts a page only with a row under it.
  const fitsHere = (height: number) => doc.y + height < bottom(doc);
  if (!fitsHere(headerHeight + (heights[0] ?? 0))) doc.addPage();
  let current = startOnThisPage();
  bodies.forEach((cells, i) => {
    // The schema's length limits keep a row well under a page, so a fresh page always fits it.
    if (!fitsHere(heights[i] ?? 0)) {
      current.end();
      doc.addPage();
      current = startOnThisPage();
    }
    current.row(cells);
  });
  current.end();
  doc.x = left(doc);
  doc.y += 4;
}

// --- sections -----------------------------------------------------------------------------

function summary(doc: Doc, input: CasePdfInput): void {
  sectionHeading(doc, 'Sammanfattning');
  const rows: Array<[string, string]> = [
    ['Ärendetyp', input.typeLabel],
    ['Status', input.statusLabel],
    ['Inskickat', formatStockholmDateTime(input.createdAt)],
    ['Senast ändrad', formatStockholmDateTime(input.updatedAt)],
  ];
  if (input.closedAt) rows.push(['Avslutat', formatStockholmDateTime(input.closedAt)]);
  keyValueBlock(doc, rows);
}

function contact(doc: Doc, input: CasePdfInput): void {
  const c = input.submission.contact;
  sectionHeading(doc, 'Uppgifter om dig som beställer');
  keyValueBlock(doc, [
    ['Organisation', c.organisationName],
    ['Organisationsnummer', c.organisationsnummer],
    ['Enhet', orEmpty(c.unitName)],
    ['Namn', c.name],
    ['Personnummer', shownPersonnummer(c.personnummer, input.readerPersonnummer)],
    ['E-postadress', c.email],
    ['Jag vill bli notifierad via e-post', yesNo(c.notifyByEmail)],
  ]);
}

function submittedFields(doc: Doc, input: CasePdfInput): void {
  const s = input.submission;
  sectionHeading(doc, 'Uppgifter om ärendet');
  if (s.type === 'siths_order') {
    keyValueBlock(doc, [
      ['Rubrik', s.subject],
      ['Antal kort', String(s.rows.length)],
    ]);
    doc.moveDown(0.5);
    table(doc, SITHS_COLUMNS, s.rows, input.readerPersonnummer);
    return;
  }
  const rows: Array<[string, string]> = [['Rubrik', s.subject]];
  if (s.type !== 'other') rows.push(['Tjänst', orEmpty(s.service)]);
  rows.push(['Beskrivning', s.description]);
  keyValueBlock(doc, rows);
}

function resolution(doc: Doc, input: CasePdfInput): void {
  if (!input.resolution?.trim()) return;
  sectionHeading(doc, 'Lösning');
  doc.font(FONT).fontSize(SIZE.body).fillColor(COLOR.text);
  doc.text(pdfSafe(input.resolution), left(doc), doc.y, { width: contentWidth(doc) });
}

function messages(doc: Doc, input: CasePdfInput): void {
  sectionHeading(doc, 'Meddelanden');
  if (input.messages.length === 0) {
    doc.font(FONT).fontSize(SIZE.body).fillColor(COLOR.muted).text('Inga meddelanden.', left(doc), doc.y);
    return;
  }
  const sorted = [...input.messages].sort((a, b) => a.at.getTime() - b.at.getTime());
  sorted.forEach((message, i) => {
    // Keep the date/author line with at least two lines of the body.
    ensureSpace(doc, lineHeight(doc, FONT_BOLD, SIZE.body) + 2 * lineHeight(doc, FONT, SIZE.body));
    if (i > 0 && doc.y > doc.page.margins.top + 1) {
      const y = doc.y - 2;
      doc.moveTo(left(doc), y).lineTo(left(doc) + contentWidth(doc), y).lineWidth(0.3).strokeColor(COLOR.rule).stroke();
    }
    doc.font(FONT_BOLD).fontSize(SIZE.body).fillColor(COLOR.text);
    doc.text(`${formatStockholmDateTime(message.at)} – ${pdfSafe(message.authorLabel)}`, left(doc), doc.y + 2, {
      width: contentWidth(doc),
    });
    doc.moveDown(0.15);
    // Long bodies wrap and pdfkit continues them on the next page by itself.
    doc.font(FONT).text(pdfSafe(message.body), { width: contentWidth(doc) });
    doc.moveDown(0.7);
  });
}

/** "Kundportal – KP-… – sida N av M" and the generation time on every page. */
function footer(doc: Doc, input: CasePdfInput, generatedAt: Date): void {
  const range = doc.bufferedPageRange();
  const generated = `PDF skapad ${formatStockholmDateTime(generatedAt)}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    const savedBottom = margins.bottom;
    // Writing inside the bottom margin would otherwise make pdfkit add a page.
    margins.bottom = 0;
    const y = doc.page.height - savedBottom + 22;
    const width = contentWidth(doc);
    doc.moveTo(margins.left, y - 6).lineTo(margins.left + width, y - 6).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
    doc.font(FONT).fontSize(SIZE.footer).fillColor(COLOR.muted);
    const pageText = pdfSafe(`Kundportal – ${input.caseNumber} – sida ${i - range.start + 1} av ${range.count}`);
    doc.text(pageText, margins.left, y, { width, lineBreak: false });
    doc.text(generated, margins.left, y, { width, align: 'right', lineBreak: false });
    margins.bottom = savedBottom;
  }
}

// --- entry point ----------------------------------------------------------------------------

export async function renderCasePdf(input: CasePdfInput): Promise<Buffer> {
  const generatedAt = input.generatedAt ?? new Date();
  const title = pdfSafe(`Ärende ${input.caseNumber}`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true, // footers need the page count
    lang: 'sv-SE',
    displayTitle: true,
    // No personnummer here: metadata is what indexers and mail filters see first.
    info: { Title: title, Author: 'Kundportal', Creator: 'Kundportal', CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  header(doc, input);
  summary(doc, input);
  contact(doc, input);
  submittedFields(doc, input);
  resolution(doc, input);
  messages(doc, input);
  footer(doc, input, generatedAt);
  doc.end();
  return done;
}
