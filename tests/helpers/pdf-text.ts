// Text extraction from PDFs for tests, with pdfjs-dist's Node build.
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
// pdfjs reads the metrics of the 14 standard fonts from here (a path in Node);
// without it every Helvetica page logs a warning.
const standardFontDataUrl = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;

async function open(pdf: Buffer | Uint8Array): Promise<PDFDocumentProxy> {
  // pdfjs takes ownership of (and may detach) the buffer it is given: pass a copy.
  const data = new Uint8Array(pdf.byteLength);
  data.set(pdf);
  return getDocument({ data, useSystemFonts: false, disableFontFace: true, standardFontDataUrl, verbosity: 0 })
    .promise;
}

/** The text of every page, line breaks kept ('\n' at each end of line), pages separated by '\n\f\n'. */
export async function pdfPages(pdf: Buffer | Uint8Array): Promise<string[]> {
  const doc = await open(pdf);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue; // marked-content markers carry no text
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text);
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** All text of a PDF, pages in order, each page's lines kept. */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  return (await pdfPages(pdf)).join('\n\f\n');
}

/** How many pages a PDF has. */
export async function pdfPageCount(pdf: Buffer | Uint8Array): Promise<number> {
  const doc = await open(pdf);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

export interface PdfInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  producer?: string;
  /** The catalog's /Lang, e.g. 'sv-SE'. */
  language?: string;
}

/** The document information dictionary and language of a PDF. */
export async function pdfInfo(pdf: Buffer | Uint8Array): Promise<PdfInfo> {
  const doc = await open(pdf);
  try {
    const { info } = await doc.getMetadata();
    const dict = info as Record<string, unknown>;
    const text = (key: string) => (typeof dict[key] === 'string' ? (dict[key] as string) : undefined);
    return {
      title: text('Title'),
      author: text('Author'),
      subject: text('Subject'),
      keywords: text('Keywords'),
      creator: text('Creator'),
      producer: text('Producer'),
      language: text('Language'),
    };
  } finally {
    await doc.destroy();
  }
}
