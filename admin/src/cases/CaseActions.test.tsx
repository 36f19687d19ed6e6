import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpError } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { ActionStillRunning } from '../providers/dataProvider';
import { caseDetail, fakeDataProvider, renderApp } from '../test-utils';
import type { CaseDetail } from '../types';

const PATH = '/cases/KP-2026-00042/show';

async function openCase(caseAction: (...args: unknown[]) => Promise<{ data: CaseDetail }>, detail = caseDetail()) {
  const spy = vi.fn(caseAction);
  renderApp(PATH, fakeDataProvider({ getOne: vi.fn(async () => ({ data: detail })), caseAction: spy }));
  await screen.findByRole('heading', { level: 1, name: 'Ärende KP-2026-00042' });
  return spy;
}

async function reply(text: string) {
  fireEvent.click(screen.getByRole('button', { name: 'Svara kunden' }));
  const dialog = await screen.findByRole('dialog', { name: 'Svara kunden' });
  fireEvent.change(within(dialog).getByRole('textbox', { name: /Meddelande till kund/ }), { target: { value: text } });
  return dialog;
}
const send = (dialog: HTMLElement) => fireEvent.click(within(dialog).getByRole('button', { name: 'Skicka svaret' }));
const keys = (spy: ReturnType<typeof vi.fn>) => spy.mock.calls.map((call) => call[3] as string);

describe('one Idempotency-Key per intent', () => {
  it('sends a retry from the same dialog under the same key, and a new opening under a new one', async () => {
    let calls = 0;
    const spy = await openCase(async () => {
      if (++calls === 1) throw new HttpError('Något gick fel hos oss. Försök igen om en stund.', 500, {});
      return { data: caseDetail() };
    });

    const dialog = await reply('Korten är på väg.');
    send(dialog);
    expect(await screen.findByText('Något gick fel hos oss. Försök igen om en stund.')).toBeTruthy();
    send(dialog);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(keys(spy)).toHaveLength(2);
    expect(keys(spy)[0]).toMatch(/^bo-[0-9a-f]{32}$/);
    expect(keys(spy)[1]).toBe(keys(spy)[0]);

    send(await reply('Ett svar till.'));
    await waitFor(() => expect(spy).toHaveBeenCalledTimes(3));
    expect(keys(spy)[2]).not.toBe(keys(spy)[0]);
  });

  it('starts a new intent after a refusal, which surely did nothing', async () => {
    const spy = await openCase(async () => {
      throw new HttpError('Ärendet är avslutat och kan inte besvaras.', 409, {});
    });
    const dialog = await reply('Hej!');
    send(dialog);
    expect(await screen.findByText('Ärendet är avslutat och kan inte besvaras.')).toBeTruthy();
    send(dialog);
    await waitFor(() => expect(spy).toHaveBeenCalledTimes(2));
    expect(keys(spy)[1]).not.toBe(keys(spy)[0]);
  });

  it('retries a direct action under the same key after a failure', async () => {
    let calls = 0;
    const unassigned = caseDetail({ status: 'submitted', statusLabel: 'Inskickat', assigneeId: null, assigneeName: null, actions: ['take', 'close'] });
    const spy = await openCase(async () => {
      if (++calls === 1) throw new TypeError('Failed to fetch');
      return { data: caseDetail() };
    }, unassigned);
    fireEvent.click(screen.getByRole('button', { name: 'Ta ärendet' }));
    await waitFor(() => expect(spy).toHaveBeenCalledTimes(1));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Ta ärendet' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Ta ärendet' }));
    await waitFor(() => expect(spy).toHaveBeenCalledTimes(2));
    expect(keys(spy)[1]).toBe(keys(spy)[0]);
    expect(spy.mock.calls[0]!.slice(0, 3)).toEqual(['KP-2026-00042', 'take', {}]);
  });

  it('tells the handler, in Swedish, that an action still being carried out needs no retry', async () => {
    await openCase(async () => {
      throw new ActionStillRunning();
    });
    send(await reply('Korten är på väg.'));
    expect(await screen.findByText(/Åtgärden håller på att utföras/)).toBeTruthy();
    expect(screen.getByText(/Du behöver inte göra om den/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
