import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { CaseClocks, ClockView } from '../types';
import { caseDetail, fakeDataProvider, listItem, renderApp } from '../test-utils';

const clock = (o: Partial<ClockView>): ClockView => ({
  state: 'running',
  targetMinutes: 120,
  target: '2 h',
  elapsedMinutes: 0,
  dueAt: '2026-11-20T13:00:00Z',
  remainingMinutes: 60,
  stoppedAt: null,
  withinTarget: true,
  text: '1 h kvar',
  ...o,
});
const overdue: CaseClocks = {
  firstResponse: clock({ remainingMinutes: -420, elapsedMinutes: 540, withinTarget: false, dueAt: '2026-11-19T13:00:00Z', text: 'Försenat 1 dag' }),
  resolution: clock({ target: '2 dagar', targetMinutes: 840, text: '1 dag kvar', remainingMinutes: 420, dueAt: '2026-11-21T13:00:00Z' }),
};
const waiting: CaseClocks = {
  firstResponse: clock({ state: 'stopped', dueAt: null, remainingMinutes: null, elapsedMinutes: 45, stoppedAt: '2026-11-20T09:00:00Z', text: 'Besvarat efter 45 min' }),
  resolution: clock({ state: 'paused', dueAt: null, remainingMinutes: null, elapsedMinutes: 200, target: '2 dagar', text: 'Pausad medan ärendet väntar på kund' }),
};

const rows = [
  listItem({ subject: 'Sent', serviceLevels: overdue, slaDueAt: overdue.firstResponse.dueAt }),
  listItem({ id: 'KP-2026-00043', caseNumber: 'KP-2026-00043', subject: 'Väntar', status: 'awaiting_customer', statusLabel: 'Väntar på kund', serviceLevels: waiting, slaDueAt: null }),
  listItem({ id: 'KP-2026-00044', caseNumber: 'KP-2026-00044', subject: 'Gammalt', serviceLevels: null }),
];

describe('service levels in the queues and on the case page', () => {
  it('a queue shows the time left of the clock due first, and sorts by it', async () => {
    const getList = vi.fn(async (resource: string) => (resource === 'cases' ? { data: rows, total: 3 } : { data: [], total: 0 }));
    renderApp('/queues/open', fakeDataProvider({ getList }));
    // While loading, react-admin shows a placeholder table: wait for the rows, then take the table.
    await screen.findByText('Försenat 1 dag');
    const table = screen.getByRole('table');
    const cellOf = (subject: string) => {
      const row = within(table).getByText(subject).closest('tr')!;
      const column = within(table).getAllByRole('columnheader').findIndex((h) => /Tid kvar/.test(h.textContent ?? ''));
      return within(row).getAllByRole('cell')[column]!.textContent;
    };
    expect(cellOf('Sent')).toBe('Försenat 1 dagFörsta svar');
    expect(cellOf('Väntar')).toBe('PausadLösning');
    expect(cellOf('Gammalt')).toBe('–');

    // Clicking the column's heading sorts by it.
    fireEvent.click(within(within(table).getByRole('columnheader', { name: /Tid kvar/ })).getByText('Tid kvar'));
    await waitFor(() => expect(getList).toHaveBeenLastCalledWith('cases', expect.objectContaining({ sort: { field: 'slaDueAt', order: 'ASC' } })));
  });

  it('the queue Försenade lists the most overdue first', async () => {
    const getList = vi.fn(async (resource: string) => (resource === 'cases' ? { data: rows.slice(0, 1), total: 1 } : { data: [], total: 0 }));
    renderApp('/queues/overdue', fakeDataProvider({ getList }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Försenade ärenden: svar eller lösning efter målet' })).toBeTruthy();
    expect(getList).toHaveBeenCalledWith('cases', expect.objectContaining({ filter: { queue: 'overdue' }, sort: { field: 'slaDueAt', order: 'ASC' } }));
    expect(await screen.findByRole('menuitem', { name: /Försenade 4 ärenden/ })).toBeTruthy();
  });

  it('the case page shows both clocks with their targets', async () => {
    renderApp('/cases/KP-2026-00042/show', fakeDataProvider({ getOne: vi.fn(async () => ({ data: caseDetail({ serviceLevels: waiting }) })) }));
    const card = await screen.findByRole('region', { name: 'Servicenivå' });
    const definition = (label: string) => within(card).getByText(label).nextElementSibling?.textContent;
    expect(definition('Första svar')).toBe('Besvarat efter 45 min (mål 2 h, inom målet)');
    expect(definition('Lösning')).toBe('Pausad medan ärendet väntar på kund (mål 2 dagar)');
  });

  it('an overdue clock says so in words, with its due time', async () => {
    renderApp('/cases/KP-2026-00042/show', fakeDataProvider({ getOne: vi.fn(async () => ({ data: caseDetail({ serviceLevels: overdue }) })) }));
    const card = await screen.findByRole('region', { name: 'Servicenivå' });
    expect(within(card).getByText('Första svar').nextElementSibling?.textContent).toBe('Försenat 1 dag (mål 2 h, senast 2026-11-19 14:00)');
  });

  it('a case never measured says so', async () => {
    renderApp('/cases/KP-2026-00042/show', fakeDataProvider());
    const card = await screen.findByRole('region', { name: 'Servicenivå' });
    expect(within(card).getByText('Ärendet mäts inte mot någon servicenivå ännu.')).toBeTruthy();
  });
});
