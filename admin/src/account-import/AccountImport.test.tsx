import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpError } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { caseDetail, fakeDataProvider, renderApp } from '../test-utils';
import type { Account } from '../types';
import type { ImportReport, ImportRequest } from './types';

const CSV = 'namn;e-post;organisationsnummer\nGreta Gammal;greta@exempel.se;556016-0680\nHugo Fel;hugo@;556016-0680\n';

const report = (o: Partial<ImportReport>): ImportReport => ({
  dryRun: true,
  skipBadLines: false,
  written: false,
  accounts: { created: 1, updated: 0, unchanged: 0, rejected: 1 },
  cases: { created: 0, updated: 0, unchanged: 0, rejected: 0 },
  organisationsCreated: 0,
  lines: [
    { file: 'accounts', line: 2, key: 'greta@exempel.se', outcome: 'created', reasons: [], changes: [] },
    { file: 'accounts', line: 3, key: 'hugo@', outcome: 'rejected', reasons: ['Ogiltig e-postadress'], changes: [] },
  ],
  summary: 'Provkörning, ingenting har sparats. 1 rad har fel och hoppas över.',
  ...o,
});

const pickFile = (label: RegExp, text: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { files: [new File([text], 'konton.csv', { type: 'text/csv' })] } });

describe('moving accounts in from an earlier portal', () => {
  it('shows the dry run’s report, and only then imports what it showed', async () => {
    const importAccounts = vi
      .fn(async (_body: ImportRequest) => ({ data: report({}) }))
      .mockResolvedValueOnce({ data: report({ skipBadLines: true }) })
      .mockResolvedValueOnce({ data: report({ dryRun: false, skipBadLines: true, written: true, summary: 'Importen är klar. Konton: 1 nya.' }) });
    renderApp('/account-import', fakeDataProvider({ importAccounts }), 'admin');
    expect(await screen.findByRole('menuitem', { name: /Flytta in konton/ })).toBeTruthy();
    const importButton = screen.getByRole('button', { name: 'Importera' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);

    pickFile(/Fil med konton/, CSV);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Hoppa över felaktiga rader' }));
    fireEvent.click(screen.getByRole('button', { name: 'Provkör' }));
    expect(await screen.findByRole('heading', { name: 'Provkörningens resultat' })).toBeTruthy();
    expect(importAccounts).toHaveBeenLastCalledWith({ accounts: CSV, dryRun: true, skipBadLines: true });
    const lines = screen.getByRole('region', { name: 'Rader som ändras eller har fel' });
    const hugo = within(lines).getAllByRole('row').find((r) => r.textContent?.includes('hugo@'))!;
    expect([...hugo.querySelectorAll('td, th')].map((c) => c.textContent)).toEqual(['Konton', '3', 'hugo@', 'Fel', 'Ogiltig e-postadress']);

    await waitFor(() => expect(importButton.disabled).toBe(false));
    fireEvent.click(importButton);
    expect(await screen.findByRole('heading', { name: 'Importen är klar' })).toBeTruthy();
    expect(importAccounts).toHaveBeenLastCalledWith({ accounts: CSV, dryRun: false, skipBadLines: true });
    expect(screen.getByText('Importen är klar. Konton: 1 nya.')).toBeTruthy();
  });

  it('asks for the file of accounts, and shows the server’s verdict on a file at its field', async () => {
    const importAccounts = vi.fn().mockRejectedValueOnce(new HttpError('Filen går inte att importera.', 400, { errors: { accounts: 'Okänd kolumn i filen med konton: "telefon".' } }));
    renderApp('/account-import', fakeDataProvider({ importAccounts }), 'admin');
    fireEvent.click(await screen.findByRole('button', { name: 'Provkör' }));
    expect(await screen.findByText('Välj filen med konton')).toBeTruthy();
    expect(importAccounts).not.toHaveBeenCalled();

    pickFile(/Fil med konton/, 'namn;e-post;telefon\n');
    fireEvent.click(screen.getByRole('button', { name: 'Provkör' }));
    expect(await screen.findByText('Okänd kolumn i filen med konton: "telefon".')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Importera' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('is not offered to handlers', async () => {
    renderApp('/queues/new', fakeDataProvider());
    await screen.findByRole('menuitem', { name: /Handläggare/ });
    expect(screen.queryByRole('menuitem', { name: /Flytta in konton/ })).toBeNull();
  });

  it('lists an imported account as awaiting verification', async () => {
    const greta: Account = {
      id: 7,
      name: 'Greta Gammal',
      email: 'greta@exempel.se',
      personnummer: null,
      awaitingVerification: true,
      importedAt: '2026-11-26T10:00:00Z',
      organisationId: 5,
      organisationName: 'Region Exempel',
      unitName: null,
      canOrder: true,
      isLocalAdmin: false,
      notifyByEmail: true,
      createdAt: '2026-11-26T10:00:00Z',
    };
    renderApp('/accounts', fakeDataProvider({ getList: vi.fn(async () => ({ data: [greta], total: 1 })) }), 'admin');
    const row = (await screen.findByText('Greta Gammal')).closest('tr')!;
    expect(within(row).getByText('Väntar på verifiering')).toBeTruthy();
  });
});

describe('an earlier case in the back office', () => {
  it('says it is read-only and offers no action and no workflow', async () => {
    const earlier = caseDetail({
      id: 'ÄR-2021-7',
      caseNumber: 'ÄR-2021-7',
      status: 'closed',
      statusLabel: 'Avslutat',
      closedAt: '2021-02-02T10:30:00Z',
      resolution: 'Vi skickade en länk.',
      imported: true,
      actions: [],
    });
    renderApp(`/cases/${encodeURIComponent('ÄR-2021-7')}/show`, fakeDataProvider({ getOne: vi.fn(async () => ({ data: earlier })) }));
    expect(await screen.findByText('Ärendet kommer från den tidigare kundportalen. Det är avslutat och går bara att läsa.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Temporal UI/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Återöppna|Avsluta|Svara/ })).toBeNull();
  });
});
