import { HttpError } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActionStillRunning, FOLLOW_PENDING_MS, createDataProvider, newIntentKey } from './dataProvider';
import { clearSession } from './session';

const session = { kind: 'staff', id: 1, name: 'Hanna Handläggare', role: 'handler', csrfToken: 'csrf-123' };
const ACTION = '/api/admin/cases/KP-2026-00042/actions/reply';
const STATUS = '/api/admin/cases/KP-2026-00042/actions/requests/bo-1';
const closed = { id: 'KP-2026-00042', caseNumber: 'KP-2026-00042', status: 'closed' };

const accepted = () =>
  Response.json(
    { requestId: 'bo-1', status: 'pending', statusUrl: STATUS, message: 'Åtgärden är mottagen.' },
    { status: 202, headers: { Location: STATUS, 'Retry-After': '1' } },
  );
const problem = (status: number, detail: string) =>
  new Response(JSON.stringify({ title: 'Nej', status, detail }), { status, headers: { 'Content-Type': 'application/problem+json' } });

describe('a case action answered 202', () => {
  const fetchMock = vi.fn<typeof fetch>();
  /** The answers of the action and the status URL, in the order they are asked for. */
  let answers: Record<string, Array<() => Response>>;
  const calls = (url: string) => fetchMock.mock.calls.filter(([u]) => String(u) === url);

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    clearSession();
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (input) => {
      const url = String(input);
      if (url === '/api/v1/session') return Response.json(session);
      const next = answers[url]?.shift();
      if (!next) throw new Error(`unexpected ${url}`);
      return next();
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const run = () => createDataProvider().caseAction('KP-2026-00042', 'reply', { body: 'Hej' }, 'bo-1');

  it('follows the status URL until the outcome is there', async () => {
    answers = { [ACTION]: [accepted], [STATUS]: [accepted, () => Response.json(closed)] };
    const result = run();
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await result).data).toEqual(closed);
    expect(calls(ACTION)).toHaveLength(1);
    expect(new Headers(calls(ACTION)[0]![1]?.headers).get('Idempotency-Key')).toBe('bo-1');
    expect(calls(STATUS)).toHaveLength(2);
  });

  it('sends the action again under the same key when the status URL no longer knows it', async () => {
    answers = { [ACTION]: [accepted, () => Response.json(closed)], [STATUS]: [() => problem(404, 'Begäran är okänd.')] };
    const result = run();
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await result).data).toEqual(closed);
    expect(calls(ACTION).map(([, init]) => new Headers(init?.headers).get('Idempotency-Key'))).toEqual(['bo-1', 'bo-1']);
  });

  it('passes on a refusal read at the status URL', async () => {
    answers = { [ACTION]: [accepted], [STATUS]: [() => problem(409, 'Ärendet är redan avslutat.')] };
    const result = run().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await result;
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(409);
    expect((error as HttpError).message).toBe('Ärendet är redan avslutat.');
  });

  it('gives up following after a while and says, in Swedish, that the action is being carried out', async () => {
    answers = { [ACTION]: [accepted], [STATUS]: Array.from({ length: 100 }, () => accepted) };
    const result = run().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(FOLLOW_PENDING_MS + 2_000);
    const error = await result;
    expect(error).toBeInstanceOf(ActionStillRunning);
    expect((error as Error).message).toMatch(/^Åtgärden håller på att utföras/);
    expect(calls(ACTION)).toHaveLength(1);
  });
});

it('makes a fresh, valid Idempotency-Key per intent', () => {
  const a = newIntentKey();
  expect(a).toMatch(/^bo-[0-9a-f]{32}$/);
  expect(newIntentKey()).not.toBe(a);
});
