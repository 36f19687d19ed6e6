// Shared by the component tests: the whole app on a memory router with a fake data provider.
import { render } from '@testing-library/react';
import { type AuthProvider, type DataProvider, TestMemoryRouter, memoryStore, testDataProvider } from 'react-admin';
import { vi } from 'vitest';
import { App } from './App';
import { roleCanAccess } from './providers/access';
import type { KundportalDataProvider } from './providers/dataProvider';
import type { CaseDetail, CaseListItem, QueueCounts, Staff, StaffRole } from './types';

export const staffMembers: Staff[] = [
  { id: 1, name: 'Hanna Handläggare', email: 'hanna@kundportal.se', role: 'handler', active: true, createdAt: '2026-01-10T08:00:00Z' },
  { id: 2, name: 'Per Admin', email: 'per@kundportal.se', role: 'admin', active: true, createdAt: '2026-01-10T08:00:00Z' },
  { id: 3, name: 'Slutat Person', email: 'slutat@kundportal.se', role: 'handler', active: false, createdAt: '2026-01-10T08:00:00Z' },
];

export const counts: QueueCounts = { new: 3, mine: 7, awaiting: 2, open: 12, closed: 319, undelivered: 1, overdue: 4 };

export const listItem = (overrides: Partial<CaseListItem> = {}): CaseListItem => ({
  id: 'KP-2026-00042',
  caseNumber: 'KP-2026-00042',
  type: 'siths_order',
  typeLabel: 'Beställning av SITHS-kort',
  status: 'submitted',
  statusLabel: 'Inskickat',
  subject: 'Beställning av SITHS-kort',
  organisationId: 5,
  organisationName: 'Region Exempel',
  assigneeId: null,
  assigneeName: null,
  reporterName: 'Åsa Öberg',
  createdAt: '2026-11-20T08:14:00Z',
  updatedAt: '2026-11-20T08:14:00Z',
  ...overrides,
});

export const caseDetail = (overrides: Partial<CaseDetail> = {}): CaseDetail => ({
  ...listItem({ status: 'in_progress', statusLabel: 'Under behandling', assigneeId: 1, assigneeName: 'Hanna Handläggare' }),
  version: 5,
  resolution: null,
  closedAt: null,
  temporalUrl: 'http://localhost:8233/namespaces/default/workflows/KP-2026-00042',
  actions: ['assign', 'reply', 'note', 'request-info', 'close'],
  undeliveredEmail: null,
  submission: {
    type: 'siths_order',
    contact: {
      organisationName: 'Region Exempel',
      organisationsnummer: '556016-0680',
      unitName: 'Vårdcentralen Åby',
      personnummer: '198507099805',
      name: 'Åsa Öberg',
      email: 'asa@exempel.se',
      notifyByEmail: true,
    },
    subject: 'Beställning av SITHS-kort',
    rows: [
      { name: 'Per Persson', personnummer: '199001011007', email: 'per@exempel.se', pickupOffice: 'Stockholm – Kortkontoret City' },
      { name: 'Eva Ek', personnummer: '199001011015', email: 'eva@exempel.se', ownCardOffice: true, otherInfo: 'Behöver kortet före jul' },
    ],
  },
  timeline: [
    { version: 1, action: 'submit', actor: { type: 'customer', id: 9, name: 'Åsa Öberg' }, fromStatus: null, toStatus: 'submitted', at: '2026-11-20T08:14:00Z' },
    { version: 2, action: 'take', actor: { type: 'staff', id: 1, name: 'Hanna Handläggare' }, fromStatus: 'submitted', toStatus: 'in_progress', at: '2026-11-20T09:00:00Z' },
    {
      version: 3,
      action: 'reply',
      actor: { type: 'staff', id: 1, name: 'Hanna Handläggare' },
      fromStatus: 'in_progress',
      toStatus: 'in_progress',
      at: '2026-11-20T09:05:00Z',
      message: { visibility: 'public', body: 'Tack, vi skickar korten i veckan.' },
    },
    {
      version: 4,
      action: 'note',
      actor: { type: 'staff', id: 1, name: 'Hanna Handläggare' },
      fromStatus: 'in_progress',
      toStatus: 'in_progress',
      at: '2026-11-20T09:06:00Z',
      message: { visibility: 'internal', body: 'Kontrollera Evas anställning först.' },
    },
    {
      version: 5,
      action: 'customer_message',
      actor: { type: 'customer', id: 9, name: 'Åsa Öberg' },
      fromStatus: 'in_progress',
      toStatus: 'in_progress',
      at: '2026-11-20T10:00:00Z',
      message: { visibility: 'public', body: 'Tack för snabbt svar!' },
    },
  ],
  ...overrides,
});

/** Logged in as Hanna (a handler) or Per (an administrator), with the real access rules. */
export const authProvider = (role: StaffRole = 'handler'): AuthProvider => {
  const me = staffMembers.find((s) => s.role === role)!;
  return {
    login: async () => undefined,
    logout: async () => undefined,
    checkAuth: async () => undefined,
    checkError: async () => undefined,
    getIdentity: async () => ({ id: me.id, fullName: me.name }),
    canAccess: async (params) => roleCanAccess(role, params),
  };
};

/** A fake of the back-office API: the methods the pages call, each a spy. */
// Loosely typed: react-admin's methods are generic over the record type, which a spy cannot be.
export function fakeDataProvider(overrides: Record<string, unknown> = {}) {
  const provider = testDataProvider({
    getList: vi.fn(async (resource: string) => {
      if (resource === 'staff') return { data: staffMembers, total: staffMembers.length };
      if (resource === 'organisations') return { data: [], total: 0 };
      return { data: [listItem()], total: 1 };
    }),
    getMany: vi.fn(async () => ({ data: [] })),
    getOne: vi.fn(async () => ({ data: caseDetail() })),
    ...overrides,
  } as unknown as Partial<DataProvider>) as KundportalDataProvider;
  provider.queueCounts ??= vi.fn(async () => ({ data: counts }));
  provider.caseAction ??= vi.fn(async () => ({ data: caseDetail() }));
  provider.unreadNotifications ??= vi.fn(async () => ({ data: { count: 0 } }));
  provider.readNotifications ??= vi.fn(async () => ({ data: null }));
  provider.serviceLevelReport ??= vi.fn(async () => ({ data: [] }));
  provider.importAccounts ??= vi.fn(async () => {
    throw new Error('importAccounts: give the test its own');
  });
  return provider;
}

export function renderApp(path: string, dataProvider: KundportalDataProvider, role?: StaffRole) {
  return render(
    <TestMemoryRouter initialEntries={[path]}>
      <App dataProvider={dataProvider} authProvider={authProvider(role)} store={memoryStore()} />
    </TestMemoryRouter>,
  );
}
