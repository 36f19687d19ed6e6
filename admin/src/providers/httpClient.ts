// fetch for the data provider: session cookie, CSRF header on mutations, problem+json → HttpError.
import { HttpError, fetchUtils } from 'react-admin';
import { csrfToken } from './session';

interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' && body !== null && ('detail' in body || 'title' in body);

/**
 * Turns an error answer into react-admin's HttpError: the message is the problem's Swedish
 * `detail` (or `title`), and field errors become `{ errors: { field: message } }` so forms
 * show them at the field.
 */
export function problemToHttpError(status: number, body: unknown, fallback: string): HttpError {
  if (!isProblem(body)) return new HttpError(fallback || `HTTP ${status}`, status, body);
  const message = body.detail ?? body.title ?? fallback;
  const errors =
    Array.isArray(body.errors) && body.errors.length > 0
      ? Object.fromEntries(body.errors.map((e) => [e.field || 'root.serverError', e.message]))
      : undefined;
  return new HttpError(message, status, errors ? { ...body, errors } : body);
}

export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers = new Headers(options.headers as HeadersInit | undefined);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (method !== 'GET' && method !== 'HEAD') {
    const token = await csrfToken();
    if (token) headers.set('X-CSRF-Token', token);
  }
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers, credentials: 'same-origin' });
  } catch (error) {
    // fetchJson has parsed the body (problem+json included) into error.body.
    if (error instanceof HttpError) throw problemToHttpError(error.status, error.body, error.message);
    throw error;
  }
}
