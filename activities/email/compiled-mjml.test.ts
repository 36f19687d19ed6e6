import { describe, expect, it, vi } from 'vitest';
import { caseEmailMjml } from './case-email.mjml.js';
import { compiledMjml, mjmlToHtml } from './compiled-mjml.js';
import { caseEmailView, type CaseEmail, type EmailItem } from './render.js';

// Counts the documents mjml renders, to see that a shape is compiled once.
const mjmlCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock('mjml', async (importOriginal) => {
  const real = (await importOriginal<{ default: typeof import('mjml') }>()).default;
  return {
    default: (...args: Parameters<typeof real>) => {
      mjmlCalls.n++;
      return real(...args);
    },
  };
});

// A small seeded generator, so a failure is reproducible.
function prng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

const pieces = [
  'a', 'Å', 'ä', 'ö', 'É', ' ', '  ', '\t', '\n', '\r\n', '\r', '\u00a0', '<', '>', '&', '"', "'", '&amp;', '&#60;',
  '<br />', '</mj-text>', '<!--', '-->', '<![endif]-->', '{{x}}', '$&', '$1', 'KPSLOT0Z', '😀', 'ord', 'Ärende 1',
];

function randomText(rnd: () => number, maxPieces = 12): string {
  let s = '';
  const n = Math.floor(rnd() * maxPieces);
  for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)];
  return s;
}

function randomEmail(rnd: () => number, maxItems = 5): CaseEmail {
  const items: EmailItem[] = [];
  const n = 1 + Math.floor(rnd() * maxItems);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rnd() * 4);
    items.push(
      k === 0
        ? { kind: 'received' }
        : k === 1
          ? { kind: 'status', from: randomText(rnd), to: randomText(rnd) }
          : k === 2
            ? { kind: 'message', body: randomText(rnd, 40) }
            : { kind: 'info_request', body: randomText(rnd, 40) },
    );
  }
  return {
    caseNumber: randomText(rnd),
    caseTypeLabel: randomText(rnd),
    caseSubject: randomText(rnd),
    recipientName: randomText(rnd),
    caseUrl: `https://kundportal.example/${randomText(rnd)}`,
    items,
  };
}

describe('compiledMjml', () => {
  it('renders exactly what a full mjml render gives, for random adversarial e-mails', async () => {
    const render = compiledMjml(caseEmailMjml);
    const rnd = prng(13);
    const shapes = new Set<string>();
    let compiledCalls = 0;
    for (let i = 0; i < 300; i++) {
      const email = randomEmail(rnd, 3);
      // No empty string in the view (a greeting or a message of only spaces), so none falls back.
      email.recipientName = `N${email.recipientName}`;
      for (const item of email.items) if ('body' in item) item.body = `${item.body}.${randomText(rnd, 20)}`;
      shapes.add(email.items.map((item) => item.kind).join());
      const { view } = caseEmailView(email);
      const full = await mjmlToHtml(caseEmailMjml(view));
      const before = mjmlCalls.n;
      expect(await render(view)).toBe(full);
      compiledCalls += mjmlCalls.n - before;
    }
    // mjml ran once per shape and never for a single e-mail: the comparison was of filled-in templates.
    expect(compiledCalls).toBe(shapes.size);
    expect(shapes.size).toBeLessThan(100);
  });

  it('runs mjml once per shape, not once per e-mail', async () => {
    const render = compiledMjml(caseEmailMjml);
    const rnd = prng(7);
    const email = (items: EmailItem[]) => caseEmailView({ ...randomEmail(rnd), recipientName: 'Åsa', items }).view;
    const before = mjmlCalls.n;
    for (let i = 0; i < 20; i++) await render(email([{ kind: 'message', body: `Meddelande ${i}` }]));
    expect(mjmlCalls.n - before).toBe(1);
    for (let i = 0; i < 20; i++) await render(email([{ kind: 'received' }, { kind: 'status', from: 'A', to: `B${i}` }]));
    expect(mjmlCalls.n - before).toBe(2);
  });

  it('falls back to the full render where a string is not a plain copy', async () => {
    // The string sits at one edge of an mj-text: mjml trims the content, so it cannot be cut out.
    const edge = (v: { a: string; b: string }) =>
      `<mjml><mj-body><mj-section><mj-column><mj-text>${v.a} och</mj-text><mj-text>${v.b}</mj-text></mj-column></mj-section></mj-body></mjml>`;
    const render = compiledMjml(edge);
    for (const v of [
      { a: '  x  ', b: ' y ' },
      { a: 'x', b: '' }, // an empty string
      { a: '<b>x</b>', b: 'y' }, // markup
    ]) {
      expect(await render(v)).toBe(await mjmlToHtml(edge(v)));
    }
  });

  it('reports mjml errors as the full render does', async () => {
    const broken = (v: { a: string }) => `<mjml><mj-body><mj-nonsense>${v.a}</mj-nonsense></mj-body></mjml>`;
    await expect(compiledMjml(broken)({ a: 'x' })).rejects.toThrow();
  });
});
