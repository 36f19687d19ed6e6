import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeDataProvider, listItem, renderApp } from '../test-utils';

const rows = [
  listItem(),
  listItem({
    id: 'KP-2026-00043',
    caseNumber: 'KP-2026-00043',
    type: 'fault_report',
    typeLabel: 'Felanmälan',
    subject: 'Inloggningen fungerar inte',
    status: 'awaiting_customer',
    statusLabel: 'Väntar på kund',
    organisationName: 'Kommun Norr',
    assigneeName: 'Hanna Handläggare',
  }),
];

function provider() {
  return fakeDataProvider({
    getList: vi.fn(async (resource: string) => {
      if (resource === 'cases') return { data: rows, total: 2 };
      return { data: [], total: 0 };
    }),
  });
}

describe('a case queue', () => {
  it('lists the cases with Swedish columns, labels and status chips', async () => {
    const dataProvider = provider();
    renderApp('/queues/new', dataProvider);

    expect(await screen.findByText('Inloggningen fungerar inte')).toBeTruthy();
    const table = screen.getByRole('table');
    for (const header of ['Ärendenummer', 'Rubrik', 'Ärendetyp', 'Organisation', 'Status', 'Handläggare', 'Inskickat', 'Senast ändrad']) {
      expect(within(table).getByRole('columnheader', { name: new RegExp(header) })).toBeTruthy();
    }
    expect(within(table).getByRole('link', { name: 'KP-2026-00042' }).getAttribute('href')).toBe('/cases/KP-2026-00042/show');
    expect(within(table).getByText('Felanmälan')).toBeTruthy();
    expect(within(table).getByText('Kommun Norr')).toBeTruthy();
    // Status chips carry the Swedish label.
    const chips = table.querySelectorAll('.MuiChip-label');
    expect([...chips].map((c) => c.textContent)).toEqual(['Inskickat', 'Väntar på kund']);
    // Dates in Stockholm time, Swedish format (08:14 UTC is 09:14 in November).
    expect(within(table).getAllByText('2026-11-20 09:14').length).toBeGreaterThan(0);
    // The queue's page heading is the page's h1.
    expect(screen.getByRole('heading', { level: 1, name: 'Nya ärenden' })).toBeTruthy();

    // The queue is a permanent filter; new cases come oldest first.
    expect(dataProvider.getList).toHaveBeenCalledWith(
      'cases',
      expect.objectContaining({
        filter: { queue: 'new' },
        sort: { field: 'createdAt', order: 'ASC' },
        pagination: { page: 1, perPage: 25 },
      }),
    );
    expect(screen.getByText('1–2 av 2')).toBeTruthy();
  });

  it('shows each queue in the menu with its count', async () => {
    const dataProvider = provider();
    renderApp('/queues/mine', dataProvider);

    const nav = await screen.findByRole('navigation', { name: 'Huvudmeny' });
    await waitFor(() => expect(within(nav).getByRole('menuitem', { name: 'Nya 3 ärenden' })).toBeTruthy());
    expect(within(nav).getByRole('menuitem', { name: 'Mina ärenden 7 ärenden' }).getAttribute('href')).toBe('/queues/mine');
    expect(within(nav).getByRole('menuitem', { name: 'Väntar på kund 2 ärenden' })).toBeTruthy();
    expect(within(nav).getByRole('menuitem', { name: 'Alla öppna 12 ärenden' })).toBeTruthy();
    expect(within(nav).getByRole('menuitem', { name: 'Avslutade 319 ärenden' })).toBeTruthy();
    // Open cases whose customer the e-mail did not reach.
    expect(within(nav).getByRole('menuitem', { name: 'E-post som inte kom fram 1 ärende' }).getAttribute('href')).toBe('/queues/undelivered');
    expect(dataProvider.queueCounts).toHaveBeenCalled();
  });

  it('searches with q when the free-text filter changes', async () => {
    const dataProvider = provider();
    renderApp('/queues/open', dataProvider);

    const search = await screen.findByRole('textbox', { name: 'Sök ärendenummer, rubrik eller organisation' });
    fireEvent.change(search, { target: { value: 'Region Exempel' } });

    await waitFor(
      () =>
        expect(dataProvider.getList).toHaveBeenCalledWith(
          'cases',
          expect.objectContaining({ filter: { queue: 'open', q: 'Region Exempel' } }),
        ),
      { timeout: 3000 },
    );
  });

  it('shows a Swedish empty state for an empty queue', async () => {
    const dataProvider = fakeDataProvider({ getList: vi.fn(async () => ({ data: [], total: 0 })) });
    renderApp('/queues/awaiting', dataProvider);
    expect(await screen.findByText('Inga ärenden väntar på kunden.')).toBeTruthy();
  });
});
