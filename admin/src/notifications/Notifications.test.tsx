import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { StaffNotification } from '../types';
import { caseDetail, fakeDataProvider, renderApp } from '../test-utils';

const notices: StaffNotification[] = [
  {
    id: 7,
    kind: 'sla_breach',
    clock: 'firstResponse',
    title: 'Ärende KP-2026-00042: tiden till första svar har passerats',
    body: 'Målet var 2 h i kontorstid. Svara kunden så snart du kan.',
    caseNumber: 'KP-2026-00042',
    readAt: null,
    createdAt: '2026-11-20T09:00:00Z',
  },
  {
    id: 6,
    kind: 'sla_warning',
    clock: 'firstResponse',
    title: 'Ärende KP-2026-00042: 80 % av tiden till första svar har gått',
    body: 'Målet är 2 h i kontorstid. Svara kunden innan tiden har gått ut.',
    caseNumber: 'KP-2026-00042',
    readAt: '2026-11-20T08:40:00Z',
    createdAt: '2026-11-20T08:36:00Z',
  },
];

function provider() {
  return fakeDataProvider({
    getList: vi.fn(async (resource: string) => (resource === 'notifications' ? { data: notices, total: 2 } : { data: [], total: 0 })),
    getOne: vi.fn(async () => ({ data: caseDetail() })),
    unreadNotifications: vi.fn(async () => ({ data: { count: 1 } })),
    readNotifications: vi.fn(async () => ({ data: null })),
  });
}

describe('the bell', () => {
  it('says how many are unread and leads to the list', async () => {
    renderApp('/queues/new', provider());
    const bell = await screen.findByRole('link', { name: 'Notiser, 1 oläst' });
    expect(bell.getAttribute('href')).toBe('/notifications');
  });

  it('opening an unread notice reads it and shows its case', async () => {
    const dataProvider = provider();
    renderApp('/notifications', dataProvider);
    fireEvent.click(await screen.findByText(/tiden till första svar har passerats/));
    await waitFor(() => expect(dataProvider.readNotifications).toHaveBeenCalledWith(7));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ärende KP-2026-00042' })).toBeTruthy();
  });

  it('marks all read', async () => {
    const dataProvider = provider();
    renderApp('/notifications', dataProvider);
    expect(await screen.findByText(/^Oläst: /)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Markera alla som lästa' }));
    await waitFor(() => expect(dataProvider.readNotifications).toHaveBeenCalledWith());
  });
});
