import { describe, expect, it } from 'vitest';
import { renderCaseEmail, type CaseEmail, type EmailItem } from './render.js';

const base: Omit<CaseEmail, 'items'> = {
  caseNumber: 'KP-2025-000123',
  caseTypeLabel: 'Förlorat kort',
  caseSubject: 'Mitt kort försvann på Götgatan',
  recipientName: 'Åsa Öberg',
  caseUrl: 'https://kundportal.example/arenden/KP-2025-000123?flik=meddelanden&x=1',
};

const render = (...items: EmailItem[]) => renderCaseEmail({ ...base, items });

describe('renderCaseEmail subjects', () => {
  it.each<[EmailItem, string]>([
    [{ kind: 'received' }, 'Ditt ärende KP-2025-000123 är nu inskickat'],
    [{ kind: 'status', from: 'Inskickat', to: 'Avslutat' }, 'Ärende KP-2025-000123 har fått status Avslutat'],
    [{ kind: 'message', body: 'Hej' }, 'Nytt meddelande i ärende KP-2025-000123'],
    [{ kind: 'info_request', body: 'Skicka kvitto' }, 'Komplettering behövs i ärende KP-2025-000123'],
  ])('%o → %s', async (item, subject) => {
    expect((await render(item)).subject).toBe(subject);
  });

  it('uses a merged subject for several items', async () => {
    const r = await render({ kind: 'received' }, { kind: 'status', from: 'Inskickat', to: 'Under handläggning' });
    expect(r.subject).toBe('Uppdateringar i ärende KP-2025-000123');
  });

  it('never puts the case subject, type, name or message in the subject line', async () => {
    for (const item of [
      { kind: 'received' },
      { kind: 'message', body: 'Ditt personnummer 19800101-1234' },
      { kind: 'info_request', body: 'Götgatan' },
    ] satisfies EmailItem[]) {
      const { subject } = await render(item);
      expect(subject).not.toContain('Götgatan');
      expect(subject).not.toContain(base.caseSubject);
      expect(subject).not.toContain(base.caseTypeLabel);
      expect(subject).not.toContain('Åsa');
      expect(subject).not.toContain('19800101');
    }
  });

  it('rejects an e-mail without items', async () => {
    await expect(render()).rejects.toThrow(/no items/);
  });
});

describe('renderCaseEmail body', () => {
  it('renders the receipt in Swedish in both parts, with å ä ö intact', async () => {
    const r = await render({ kind: 'received' });
    for (const part of [r.html, r.text]) {
      expect(part).toContain('Kundportal');
      expect(part).toContain('Hej Åsa Öberg!');
      expect(part).toContain('Ditt ärende är nu inskickat.');
      expect(part).toContain('Tack, ditt ärende är nu registrerat!');
      expect(part).toContain('Inkomna ärenden hanteras helgfria vardagar mellan 09:00–16:00.');
      expect(part).toContain('Ärendenummer: KP-2025-000123');
      expect(part).toContain('Ärendetyp: Förlorat kort');
      expect(part).toContain('Ämne: Mitt kort försvann på Götgatan');
      expect(part).toContain('Visa ärendet');
      expect(part).toContain('Detta e-postmeddelande går inte att svara på.');
    }
    expect(r.html).toContain('<html lang="sv"');
    expect(r.html).not.toMatch(/&auml;|&aring;|&ouml;|Ã/);
    expect(r.text).not.toMatch(/Ã/);
  });

  it('links the button to the case, escaped in HTML and once in the text part', async () => {
    const r = await render({ kind: 'received' });
    expect(r.html).toContain('href="https://kundportal.example/arenden/KP-2025-000123?flik=meddelanden&#38;x=1"');
    expect(r.text).toMatch(/Visa ärendet\s+\[https:\/\/kundportal\.example\/arenden\/KP-2025-000123\?flik=meddelanden&x=1\]/);
    expect(r.text.split(base.caseUrl)).toHaveLength(2);
  });

  it('renders status, message and information request items in order', async () => {
    const r = await render(
      { kind: 'status', from: 'Inskickat', to: 'Avslutat' },
      { kind: 'message', body: 'Vi har skickat ett nytt kort.\nDet kommer inom fem dagar.' },
      { kind: 'info_request', body: 'Bifoga en kopia på din legitimation.' },
    );
    const expected = [
      'Status har ändrats från Inskickat till Avslutat.',
      'Du har fått ett nytt meddelande:',
      'Vi har skickat ett nytt kort.',
      'Handläggaren behöver fler uppgifter för att kunna hantera ditt ärende:',
      'Bifoga en kopia på din legitimation.',
      'Svara via Mina sidor i kundportalen.',
    ];
    for (const part of [r.html, r.text]) {
      const positions = expected.map((s) => part.indexOf(s));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
    // Line breaks in the handler's message survive in both parts.
    expect(r.html).toContain('Vi har skickat ett nytt kort.<br />Det kommer inom fem dagar.');
    expect(r.text).toContain('Vi har skickat ett nytt kort.\nDet kommer inom fem dagar.');
    // The case number appears in the summary when there is no receipt item.
    expect(r.text).toContain('Ärendenummer: KP-2025-000123');
  });

  it('escapes HTML in every interpolated value', async () => {
    const r = await renderCaseEmail({
      ...base,
      recipientName: 'Eve <img src=x onerror=alert(1)>',
      caseSubject: 'Ämne "med" <b>fetstil</b> & \'citat\'',
      caseTypeLabel: '<i>Typ</i>',
      items: [
        { kind: 'message', body: 'Hej <script>alert("xss")</script> & hej då' },
        { kind: 'status', from: '<u>Inskickat</u>', to: 'Avslutat' },
      ],
    });
    expect(r.html).not.toContain('<script>alert');
    expect(r.html).not.toContain('<img src=x');
    expect(r.html).not.toContain('<b>fetstil</b>');
    expect(r.html).not.toContain('<i>Typ</i>');
    expect(r.html).not.toContain('<u>Inskickat</u>');
    expect(r.html).toContain('Hej &#60;script&#62;alert(&#34;xss&#34;)&#60;/script&#62; &#38; hej då');
    // The plain-text part shows the text exactly as written.
    expect(r.text).toContain('Hej <script>alert("xss")</script> & hej då');
    expect(r.text).toContain('Hej Eve <img src=x onerror=alert(1)>!');
    expect(r.text).toContain('Ämne: Ämne "med" <b>fetstil</b> & \'citat\'');
  });

  it('keeps the preheader in the HTML but out of the text part', async () => {
    const r = await render({ kind: 'message', body: 'Hej' });
    const preheader = 'Du har fått ett nytt meddelande från handläggaren.';
    expect(r.html).toMatch(/<div style="display:none[^"]*">[^<]*Du har fått ett nytt meddelande från handläggaren\./);
    expect(r.text).not.toContain(preheader);
    expect(r.text.startsWith('Kundportal')).toBe(true);
  });

  it('does not link Google Fonts or other external resources', async () => {
    const r = await render({ kind: 'received' });
    expect(r.html).not.toContain('googleapis');
    expect(r.html).not.toMatch(/<link[^>]+href="http/);
  });

  it('refuses a non-http case URL', async () => {
    await expect(renderCaseEmail({ ...base, caseUrl: 'javascript:alert(1)', items: [{ kind: 'received' }] })).rejects.toThrow(
      /caseUrl/,
    );
  });
});
