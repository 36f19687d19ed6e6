import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeDataProvider, renderApp } from '../test-utils';

describe('the staff register', () => {
  it('offers an administrator to add staff', async () => {
    renderApp('/staff', fakeDataProvider(), 'admin');
    expect(await screen.findByRole('link', { name: 'Ny handläggare' })).toBeTruthy();
  });

  it('shows a handler the list without that button', async () => {
    renderApp('/staff', fakeDataProvider());
    expect(await screen.findByText('Per Admin')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Ny handläggare' })).toBeNull());
  });

  it('tells a handler who opens the form that it is for administrators', async () => {
    renderApp('/staff/create', fakeDataProvider());
    expect(await screen.findByText('Bara administratörer kan göra detta.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Åtkomst nekad' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: /Namn/ })).toBeNull();
  });
});
