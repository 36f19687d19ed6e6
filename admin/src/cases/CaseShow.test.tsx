import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpError } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '../types';
import { caseDetail, fakeDataProvider, renderApp } from '../test-utils';

const PATH = '/cases/KP-2026-00042/show';

async function openCase(detail: CaseDetail = caseDetail(), overrides = {}) {
  const dataProvider = fakeDataProvider({ getOne: vi.fn(async () => ({ data: detail })), ...overrides });
  renderApp(PATH, dataProvider);
  await screen.findByRole('heading', { level: 1, name: 'Ärende KP-2026-00042' });
  return dataProvider;
}

describe('the case page', () => {
  it('shows the header, every submitted field and the SITHS rows', async () => {
    await openCase();

    const header = screen.getByRole('region', { name: 'Beställning av SITHS-kort' });
    expect(within(header).getByText('Under behandling')).toBeTruthy();
    expect(within(header).getByText('Region Exempel')).toBeTruthy();
    expect(within(header).getByText('Hanna Handläggare')).toBeTruthy();
    const temporal = within(header).getByRole('link', { name: /Öppna arbetsflödet i Temporal UI/ });
    expect(temporal.getAttribute('href')).toBe('http://localhost:8233/namespaces/default/workflows/KP-2026-00042');
    expect(temporal.getAttribute('target')).toBe('_blank');
    expect(temporal.getAttribute('rel')).toBe('noreferrer');

    const submitted = screen.getByRole('region', { name: 'Inskickade uppgifter' });
    expect(within(submitted).getByRole('heading', { name: 'Kontaktuppgifter' })).toBeTruthy();
    for (const text of ['556016-0680', 'Vårdcentralen Åby', 'Åsa Öberg', '19850709-9805', 'asa@exempel.se']) {
      expect(within(submitted).getByText(text)).toBeTruthy();
    }
    const definition = (label: string) => within(submitted).getByText(label).nextElementSibling?.textContent;
    expect(definition('E-postbesked')).toBe('Ja');
    expect(definition('Rubrik')).toBe('Beställning av SITHS-kort');

    const table = within(screen.getByRole('region', { name: /Beställda SITHS-kort/ })).getByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['För- och efternamn', 'Personnummer', 'E-postadress', 'Kortutlämningskontor', 'Eget kortkontor', 'Övrig information']);
    const [, per, eva] = within(table).getAllByRole('row');
    expect(within(per!).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      'Per Persson',
      '19900101-1007',
      'per@exempel.se',
      'Stockholm – Kortkontoret City',
      'Nej',
      '–',
    ]);
    expect(within(eva!).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      'Eva Ek',
      '19900101-1015',
      'eva@exempel.se',
      '–',
      'Ja',
      'Behöver kortet före jul',
    ]);
  });

  it('tells public messages, internal notes and status changes apart, newest last', async () => {
    await openCase();

    const timeline = screen.getByRole('list', { name: 'Händelser, äldst först' });
    const items = within(timeline).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining('Ärendet skickades in av Åsa Öberg'),
      expect.stringContaining('Status ändrad: Inskickat → Under behandling av Hanna Handläggare'),
      expect.stringContaining('Tack, vi skickar korten i veckan.'),
      expect.stringContaining('Kontrollera Evas anställning först.'),
      expect.stringContaining('Tack för snabbt svar!'),
    ]);

    const [toCustomer, note, fromCustomer] = [items[2]!, items[3]!, items[4]!];
    expect(within(toCustomer).getByRole('heading', { name: 'Meddelande till kund' })).toBeTruthy();
    expect(within(fromCustomer).getByRole('heading', { name: 'Meddelande från kund' })).toBeTruthy();
    expect(within(note).getByRole('heading', { name: 'Intern anteckning' })).toBeTruthy();
    // The internal note is marked as such; public messages are not.
    expect(within(note).getByText('Intern')).toBeTruthy();
    expect(within(note).getByText('Syns bara för handläggare.')).toBeTruthy();
    expect(within(toCustomer).queryByText('Intern')).toBeNull();
    expect(within(fromCustomer).queryByText('Intern')).toBeNull();
    expect(note.querySelector('[data-kind="internal"]')).toBeTruthy();
    expect(toCustomer.querySelector('[data-kind="to-customer"]')).toBeTruthy();
  });

  it('shows the service-level warnings, the paused clock, the reminder and the automatic close in the timeline', async () => {
    const base = caseDetail();
    const system = { type: 'system' as const, id: null, name: 'System' };
    const hanna = { type: 'staff' as const, id: 1, name: 'Hanna Handläggare' };
    await openCase({
      ...base,
      status: 'closed',
      timeline: [
        base.timeline[0]!,
        { version: 2, action: 'request_info', actor: hanna, fromStatus: 'submitted', toStatus: 'awaiting_customer', at: '2026-11-20T10:00:00Z', message: { visibility: 'public', body: 'Vilket kontor?' } },
        { version: 3, action: 'customer_reminder', actor: system, fromStatus: 'awaiting_customer', toStatus: 'awaiting_customer', at: '2026-11-27T10:00:00Z' },
        { version: 4, action: 'auto_close', actor: system, fromStatus: 'awaiting_customer', toStatus: 'closed', at: '2026-12-04T10:00:00Z', data: { resolution: 'Ärendet avslutades eftersom vi inte fick svar på vår fråga' } },
      ],
      serviceLevelEvents: [{ kind: 'sla_warning', clock: 'firstResponse', at: '2026-11-20T09:30:00Z' }],
    });

    const items = within(screen.getByRole('list', { name: 'Händelser, äldst först' })).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining('Ärendet skickades in'),
      expect.stringContaining('80 % av tiden till första svar har gått'),
      expect.stringMatching(/Vilket kontor\?.*Klockan för tiden till lösning pausas medan ärendet väntar på kunden/),
      expect.stringContaining('Kunden påmindes automatiskt om att svara på frågan'),
      expect.stringMatching(/Väntar på kund → Avslutat av System \(avslutat automatiskt, kunden svarade inte\).*Lösning: Ärendet avslutades eftersom vi inte fick svar på vår fråga/),
    ]);
  });

  it('shows only the actions the case allows', async () => {
    await openCase();
    const actions = screen.getByRole('group', { name: 'Åtgärder' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Tilldela',
      'Svara kunden',
      'Intern anteckning',
      'Begär komplettering',
      'Avsluta',
    ]);
  });

  it('closes a case only with a resolution, then shows it closed', async () => {
    const closed = caseDetail({
      status: 'closed',
      statusLabel: 'Avslutat',
      resolution: 'Korten är beställda.',
      closedAt: '2026-11-21T10:00:00Z',
      actions: ['note', 'reopen'],
    });
    const caseAction = vi.fn(async () => ({ data: closed }));
    const dataProvider = await openCase(caseDetail(), { caseAction });

    fireEvent.click(screen.getByRole('button', { name: 'Avsluta' }));
    const dialog = await screen.findByRole('dialog', { name: 'Avsluta ärendet' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avsluta ärendet' }));
    expect(await within(dialog).findByText('Ange en lösning')).toBeTruthy();
    expect(caseAction).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByRole('textbox', { name: /Lösning/ }), { target: { value: 'Korten är beställda.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avsluta ärendet' }));

    await waitFor(() => expect(caseAction).toHaveBeenCalledWith('KP-2026-00042', 'close', { resolution: 'Korten är beställda.' }, expect.any(String)));
    expect(await screen.findByText('Ärendet är avslutat.')).toBeTruthy();
    const header = screen.getByRole('region', { name: 'Beställning av SITHS-kort' });
    await waitFor(() => expect(within(header).getByText('Avslutat', { selector: '.MuiChip-label' })).toBeTruthy());
    expect(within(header).getByRole('button', { name: 'Återöppna' })).toBeTruthy();
    expect(within(header).queryByRole('button', { name: 'Avsluta' })).toBeNull();
    // Shown from the action's answer, without another round trip.
    expect(dataProvider.getOne).toHaveBeenCalledTimes(1);
  });

  it('shows the Swedish reason when the workflow refuses an action (409)', async () => {
    const caseAction = vi.fn(async () => {
      throw new HttpError('Ärendet är redan avslutat.', 409, { title: 'Åtgärden nekades', status: 409, detail: 'Ärendet är redan avslutat.' });
    });
    await openCase(caseDetail(), { caseAction });

    fireEvent.click(screen.getByRole('button', { name: 'Avsluta' }));
    const dialog = await screen.findByRole('dialog', { name: 'Avsluta ärendet' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Lösning/ }), { target: { value: 'Klart.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avsluta ärendet' }));

    expect(await screen.findByText('Ärendet är redan avslutat.')).toBeTruthy();
  });

  it('shows a validation error from the API at the field (400)', async () => {
    const caseAction = vi.fn(async () => {
      throw new HttpError('Uppgifterna är ofullständiga.', 400, { errors: { body: 'Skriv ett svar' } });
    });
    await openCase(caseDetail(), { caseAction });

    fireEvent.click(screen.getByRole('button', { name: 'Svara kunden' }));
    const dialog = await screen.findByRole('dialog', { name: 'Svara kunden' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Meddelande till kund/ }), { target: { value: '   ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Skicka svaret' }));

    expect(await within(dialog).findByText('Skriv ett svar')).toBeTruthy();
    expect(caseAction).toHaveBeenCalledWith('KP-2026-00042', 'reply', { body: '   ' }, expect.any(String));
  });

  it('flags an e-mail the relay refused, with the recipient and the reason, and shows it in the timeline', async () => {
    const reason = '550 5.1.1 Mailbox unavailable';
    const base = caseDetail();
    await openCase(
      caseDetail({
        undeliveredEmail: { recipient: 'asa@exempel.se', reason, at: '2026-11-20T10:01:00Z' },
        timeline: [
          ...base.timeline,
          {
            version: 6,
            action: 'email_failed',
            actor: { type: 'system', id: null, name: 'System' },
            fromStatus: 'in_progress',
            toStatus: 'in_progress',
            at: '2026-11-20T10:01:00Z',
            email: { recipient: 'asa@exempel.se', reason },
          },
        ],
      }),
    );

    const header = screen.getByRole('region', { name: 'Beställning av SITHS-kort' });
    const flag = within(header).getByRole('alert');
    expect(within(flag).getByText('E-post kunde inte levereras till asa@exempel.se')).toBeTruthy();
    expect(flag.textContent).toContain(`Svar från e-postservern: ${reason}`);
    expect(flag.textContent).toContain('Kontakta kunden på annat sätt.');

    const timeline = screen.getByRole('list', { name: 'Händelser, äldst först' });
    expect(within(timeline).getAllByRole('listitem').at(-1)!.textContent).toContain(`E-post kunde inte levereras till asa@exempel.se (${reason})`);
  });

  it('shows no flag while e-mail reaches the customer', async () => {
    await openCase();
    const header = screen.getByRole('region', { name: 'Beställning av SITHS-kort' });
    expect(within(header).queryByText(/E-post kunde inte levereras/)).toBeNull();
  });
});
