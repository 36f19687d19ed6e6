import { HttpError } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataProvider } from './dataProvider';
import { httpClient, problemToHttpError } from './httpClient';
import { clearSession } from './session';

const problemResponse = (status: number, body: object) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });

const session = { kind: 'staff', id: 1, name: 'Hanna Handläggare', role: 'handler', csrfToken: 'csrf-123' };

describe('httpClient', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    clearSession();
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('maps a validation problem to an HttpError with the detail and field errors', async () => {
    fetchMock.mockImplementation(async (input) =>
      String(input) === '/api/v1/session'
        ? Response.json(session)
        : problemResponse(400, {
            type: 'https://kundportal.se/problems/validation',
            title: 'Ogiltiga uppgifter',
            status: 400,
            detail: '2 uppgifter är felaktiga eller saknas.',
            errors: [
              { field: 'body', message: 'Skriv ett svar' },
              { field: 'rows.0.personnummer', message: 'Ogiltigt personnummer' },
            ],
          }),
    );

    const error = await httpClient('/api/admin/cases/KP-1/actions/reply', { method: 'POST', body: '{}' }).catch((e) => e);

    expect(error).toBeInstanceOf(HttpError);
    expect(error.message).toBe('2 uppgifter är felaktiga eller saknas.');
    expect(error.status).toBe(400);
    expect(error.body.errors).toEqual({ body: 'Skriv ett svar', 'rows.0.personnummer': 'Ogiltigt personnummer' });
    expect(error.body.title).toBe('Ogiltiga uppgifter');
  });

  it("uses a refusal's Swedish detail, or the title when there is none", async () => {
    fetchMock.mockResolvedValueOnce(
      problemResponse(409, { type: 'about:blank', title: 'Åtgärden nekades', status: 409, detail: 'Ärendet är redan avslutat.' }),
    );
    const refusal = await httpClient('/api/admin/cases/KP-1').catch((e) => e);
    expect(refusal.message).toBe('Ärendet är redan avslutat.');
    expect(refusal.status).toBe(409);
    expect(refusal.body.errors).toBeUndefined();

    fetchMock.mockResolvedValueOnce(problemResponse(403, { title: 'Åtkomst nekad', status: 403 }));
    const denied = await httpClient('/api/admin/staff').catch((e) => e);
    expect(denied.message).toBe('Åtkomst nekad');
    expect(denied.status).toBe(403);
  });

  it('keeps non-problem errors as they are', () => {
    const error = problemToHttpError(502, undefined, 'Bad Gateway');
    expect(error.message).toBe('Bad Gateway');
    expect(error.status).toBe(502);
  });

  it('sends the cookie and, on mutations only, the CSRF token of the session', async () => {
    fetchMock.mockImplementation(async (input) =>
      String(input) === '/api/v1/session' ? Response.json(session) : Response.json({ id: 'KP-1' }),
    );

    await httpClient('/api/admin/cases/KP-1');
    const [, getInit] = fetchMock.mock.calls.at(-1)!;
    expect(getInit?.credentials).toBe('same-origin');
    expect(new Headers(getInit?.headers).has('X-CSRF-Token')).toBe(false);

    await httpClient('/api/admin/cases/KP-1/actions/take', { method: 'POST', body: '{}' });
    const [url, postInit] = fetchMock.mock.calls.at(-1)!;
    expect(url).toBe('/api/admin/cases/KP-1/actions/take');
    expect(postInit?.credentials).toBe('same-origin');
    expect(new Headers(postInit?.headers).get('X-CSRF-Token')).toBe('csrf-123');
    expect(new Headers(postInit?.headers).get('Content-Type')).toBe('application/json');
  });

  it('posts case actions and reads the queue counts under /api/admin', async () => {
    fetchMock.mockImplementation(async (input) => {
      const url = String(input);
      if (url === '/api/v1/session') return Response.json(session);
      if (url === '/api/admin/queue-counts') return Response.json({ new: 1, mine: 2, awaiting: 3, open: 4, closed: 5 });
      return Response.json({ id: 'KP-2026-00042', caseNumber: 'KP-2026-00042', status: 'closed' });
    });
    const dataProvider = createDataProvider();

    const { data } = await dataProvider.caseAction('KP-2026-00042', 'close', { resolution: 'Klart.' }, 'bo-1');
    expect(data.status).toBe('closed');
    const closeCall = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/actions/close'))!;
    expect(closeCall[0]).toBe('/api/admin/cases/KP-2026-00042/actions/close');
    expect(closeCall[1]?.method).toBe('POST');
    expect(closeCall[1]?.body).toBe(JSON.stringify({ resolution: 'Klart.' }));
    expect(new Headers(closeCall[1]?.headers).get('Idempotency-Key')).toBe('bo-1');

    expect((await dataProvider.queueCounts()).data).toEqual({ new: 1, mine: 2, awaiting: 3, open: 4, closed: 5 });
  });
});
