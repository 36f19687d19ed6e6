import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpError } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { fakeDataProvider, renderApp } from '../test-utils';
import type { ClockStats, ReportPeriod, ReportRow } from './types';

const clock = (count: number, median: number | null, p90: number | null, within: number): ClockStats => ({
  count,
  medianMinutes: median,
  p90Minutes: p90,
  withinTarget: within,
  withinShare: count ? within / count : null,
  breaches: count - within,
});
const row = (month: string, caseType: ReportRow['caseType'], typeLabel: string, o: Partial<ReportRow> = {}): ReportRow => ({
  id: `${caseType ?? 'all'}:${month}`,
  month,
  caseType,
  typeLabel,
  received: 0,
  closed: 0,
  firstResponse: clock(0, null, null, 0),
  resolution: clock(0, null, null, 0),
  ...o,
});
const rows: ReportRow[] = [
  row('2026-10', null, 'Alla ärendetyper', { received: 12, closed: 8, firstResponse: clock(10, 90, 300, 8), resolution: clock(8, 600, 1500, 6) }),
  row('2026-10', 'question', 'Fråga', { received: 12, closed: 8, firstResponse: clock(10, 90, 300, 8), resolution: clock(8, 600, 1500, 6) }),
  row('2026-11', null, 'Alla ärendetyper', { received: 3 }),
  row('2026-11', 'question', 'Fråga', { received: 3 }),
];

describe('the service-level report in the back office', () => {
  it('shows the table, the chart with its text alternative, and the CSV link of the period', async () => {
    const serviceLevelReport = vi.fn(async (_period: ReportPeriod) => ({ data: rows }));
    renderApp('/service-level-report', fakeDataProvider({ serviceLevelReport }), 'admin');
    const table = await screen.findByRole('table');
    const october = within(table).getAllByRole('row').find((r) => r.textContent?.includes('oktober 2026') && r.textContent.includes('Alla'))!;
    expect([within(october).getByRole('rowheader'), ...within(october).getAllByRole('cell')].map((c) => c.textContent)).toEqual([
      'oktober 2026', 'Alla ärendetyper', '12', '8',
      '10', '1,5 h', '5,0 h', '80,0 %', '2',
      '8', '10,0 h', '25,0 h', '75,0 %', '2',
    ]);
    const chart = screen.getByRole('img', { name: /Andel inom målet per månad: alla ärendetyper/ });
    expect(chart.querySelector('desc')!.textContent).toBe('oktober 2026: första svar 80,0 %, lösning 75,0 %; november 2026: första svar –, lösning –');
    const period = serviceLevelReport.mock.calls[0]![0];
    expect(screen.getByRole('link', { name: /Ladda ner som CSV/ }).getAttribute('href')).toBe(
      `/api/admin/service-level-report/csv?from=${period.from}&to=${period.to}`,
    );
    expect(screen.getByRole('menuitem', { name: /Servicenivårapport/ })).toBeTruthy();
  });

  it('asks again for one type, and shows the server’s verdict at the field', async () => {
    const serviceLevelReport = vi
      .fn()
      .mockResolvedValueOnce({ data: rows })
      .mockResolvedValueOnce({ data: rows.filter((r) => r.caseType === 'question') })
      .mockRejectedValueOnce(new HttpError('En uppgift är felaktig.', 400, { errors: { to: 'Rapporten kan visa högst 36 månader åt gången' } }));
    renderApp('/service-level-report', fakeDataProvider({ serviceLevelReport }), 'admin');
    await screen.findByRole('table');
    fireEvent.change(screen.getByRole('combobox', { name: 'Ärendetyp' }), { target: { value: 'question' } });
    await waitFor(() => expect(serviceLevelReport).toHaveBeenLastCalledWith(expect.objectContaining({ type: 'question' })));
    expect(await screen.findByRole('img', { name: /Andel inom målet per månad: Fråga/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Ladda ner som CSV/ }).getAttribute('href')).toContain('&type=question');
    fireEvent.change(screen.getByLabelText('Från och med'), { target: { value: '2020-01' } });
    expect(await screen.findByText('Rapporten kan visa högst 36 månader åt gången')).toBeTruthy();
    expect(serviceLevelReport).toHaveBeenLastCalledWith(expect.objectContaining({ from: '2020-01', type: 'question' }));
  });

  it('is not offered to handlers', async () => {
    renderApp('/queues/new', fakeDataProvider());
    await screen.findByRole('menuitem', { name: /Handläggare/ });
    expect(screen.queryByRole('menuitem', { name: /Servicenivårapport/ })).toBeNull();
  });
});
