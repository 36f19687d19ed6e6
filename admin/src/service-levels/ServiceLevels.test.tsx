import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpError } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import type { ServiceLevelTargets } from '../types';
import { fakeDataProvider, renderApp } from '../test-utils';

const fault: ServiceLevelTargets = {
  id: 'fault_report',
  caseType: 'fault_report',
  typeLabel: 'Felanmälan',
  revision: 8,
  firstResponseMinutes: 120,
  resolutionMinutes: 840,
  reminderAfterDays: 3,
  autoCloseAfterDays: 0,
  changedAt: '2026-11-20T09:30:00Z',
  changedByName: 'Per Admin',
};
const seeded = { ...fault, revision: 2, firstResponseMinutes: 60, resolutionMinutes: 480, autoCloseAfterDays: 10, changedAt: '2026-11-01T08:00:00Z', changedByName: null };
const question: ServiceLevelTargets = { ...seeded, id: 'question', caseType: 'question', typeLabel: 'Fråga', revision: 1 };

function provider(overrides: Record<string, unknown> = {}) {
  return fakeDataProvider({
    getList: vi.fn(async (resource: string) => (resource === 'service-levels' ? { data: [question, fault], total: 2 } : { data: [], total: 0 })),
    getOne: vi.fn(async () => ({ data: { ...fault, history: [fault, seeded] } })),
    update: vi.fn(async (_resource: string, params: { data: object }) => ({ data: { ...fault, ...params.data } })),
    ...overrides,
  });
}

describe('service levels in the back office', () => {
  it('lists each case type with its targets in business time', async () => {
    renderApp('/service-levels', provider(), 'admin');
    // While loading, react-admin shows a placeholder table: wait for the rows, then take the table.
    await screen.findByText('Felanmälan');
    const table = screen.getByRole('table');
    const row = within(table).getByText('Felanmälan').closest('tr')!;
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      'Felanmälan',
      '2 h',
      '2 dagar',
      'Efter 3 arbetsdagar',
      'Aldrig',
      '2026-11-20 10:30, Per Admin',
    ]);
    expect(within(table).getByText('1 dag 1 h')).toBeTruthy(); // 480 minutes
    expect(screen.getByRole('menuitem', { name: /Servicenivåer/ })).toBeTruthy();
  });

  it('shows a type with its history, newest first', async () => {
    renderApp('/service-levels/fault_report/show', provider(), 'admin');
    const history = await screen.findByRole('region', { name: 'Historik' });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual(['Per Admin', 'Standardvärden']);
    expect(within(rows[1]!).getAllByRole('cell').map((c) => c.textContent).slice(2)).toEqual(['1 h', '1 dag 1 h', 'Efter 3 arbetsdagar', 'Efter 10 arbetsdagar']);
    expect(await screen.findByRole('link', { name: 'Ändra' })).toBeTruthy();
  });

  it('saves only the targets, and shows the server’s verdict at the field', async () => {
    const update = vi
      .fn()
      .mockRejectedValueOnce(
        new HttpError('En uppgift är felaktig eller saknas.', 400, {
          errors: { autoCloseAfterDays: 'Ärendet kan stängas först efter påminnelsen: ange fler dagar än för påminnelsen, eller 0' },
        }),
      )
      .mockImplementation(async (_r: string, params: { data: object }) => ({ data: { ...fault, ...params.data } }));
    const dataProvider = provider({ update });
    renderApp('/service-levels/fault_report', dataProvider, 'admin');
    const first = await screen.findByRole('spinbutton', { name: /Tid till första svar/ });
    fireEvent.change(first, { target: { value: '90' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: /Stängs automatiskt/ }), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    expect(await screen.findByText(/stängas först efter påminnelsen/)).toBeTruthy();
    expect(update).toHaveBeenCalledWith(
      'service-levels',
      expect.objectContaining({ id: 'fault_report', data: { firstResponseMinutes: 90, resolutionMinutes: 840, reminderAfterDays: 3, autoCloseAfterDays: 2 } }),
    );
  });

  it('refuses a fraction of a minute before asking the server', async () => {
    const dataProvider = provider();
    renderApp('/service-levels/fault_report', dataProvider, 'admin');
    fireEvent.change(await screen.findByRole('spinbutton', { name: /Tid till lösning/ }), { target: { value: '1.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    expect(await screen.findByText('Ange ett helt tal')).toBeTruthy();
    expect(dataProvider.update).not.toHaveBeenCalled();
  });

  it('is not offered to handlers', async () => {
    renderApp('/queues/new', provider());
    await screen.findByRole('menuitem', { name: /Handläggare/ });
    expect(screen.queryByRole('menuitem', { name: /Servicenivåer/ })).toBeNull();
  });
});
