// ra-data-simple-rest on /api/admin, plus the case actions and the queue counts.
import { type DataProvider, HttpError } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import type { ImportReport, ImportRequest } from '../account-import/types';
import type { ReportPeriod, ReportRow } from '../service-level-report/types';
import type { CaseActionName, CaseDetail, QueueCounts } from '../types';
import { httpClient } from './httpClient';

export const API_URL = '/api/admin';

export interface KundportalDataProvider extends DataProvider {
  /**
   * Runs a handler action under the intent's Idempotency-Key (the same key again joins the first);
   * resolves to the case as it is after the action, or rejects with ActionStillRunning.
   */
  caseAction(caseNumber: string, action: CaseActionName, body: Record<string, unknown>, idempotencyKey: string): Promise<{ data: CaseDetail }>;
  queueCounts(): Promise<{ data: QueueCounts }>;
  /** The bell: how many of the staff member's notifications are unread. */
  unreadNotifications(): Promise<{ data: { count: number } }>;
  /** One notification read, or all of them (no id). */
  readNotifications(id?: number): Promise<{ data: null }>;
  /** The service-level report of a period, every type or one. */
  serviceLevelReport(period: ReportPeriod): Promise<{ data: ReportRow[] }>;
  /** Moving in from an earlier customer portal: a dry run or the import, and its report. */
  importAccounts(body: ImportRequest): Promise<{ data: ImportReport }>;
}

/** An action the API answered 202 and had not finished while we followed it: it is carried out later. */
export class ActionStillRunning extends Error {
  constructor() {
    super('Åtgärden håller på att utföras och slutförs så snart systemet hunnit ikapp. Du behöver inte göra om den; ärendet uppdateras när den är klar.');
  }
}

/** A fresh key for one intent. getRandomValues, unlike randomUUID, works on plain http too. */
export function newIntentKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `bo-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** How long an action answered 202 is followed at its status URL before the handler is told it goes on. */
export const FOLLOW_PENDING_MS = 20_000;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The case search is a trigram index: the API refuses fewer than three characters. */
export const MIN_CASE_SEARCH = 3;

export function createDataProvider(apiUrl = API_URL): KundportalDataProvider {
  const rest = simpleRestProvider(apiUrl, httpClient);
  return {
    ...rest,
    // While a handler is still typing the first characters, list as if there were no search yet.
    getList(resource, params) {
      const q: unknown = params.filter?.q;
      if (resource === 'cases' && typeof q === 'string' && q.trim().length < MIN_CASE_SEARCH) {
        const { q: _short, ...filter } = params.filter;
        return rest.getList(resource, { ...params, filter });
      }
      return rest.getList(resource, params);
    },
    // { data } like the built-in methods: react-admin's proxy answers { data: {} } after a 401/403.
    // A 202 is followed at its status URL (the server waits there a few seconds for the outcome); one
    // the server no longer knows is sent again under the same key, which cannot act twice.
    async caseAction(caseNumber, action, body, idempotencyKey) {
      const send = () =>
        httpClient(`${apiUrl}/cases/${encodeURIComponent(caseNumber)}/actions/${encodeURIComponent(action)}`, {
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'Idempotency-Key': idempotencyKey },
        });
      const until = Date.now() + FOLLOW_PENDING_MS;
      let res = await send();
      while (res.status === 202) {
        const statusUrl = res.headers.get('Location');
        if (!statusUrl || Date.now() >= until) throw new ActionStillRunning();
        await wait(1000 * (Number(res.headers.get('Retry-After')) || 1));
        res = await httpClient(statusUrl).catch((error: unknown) => {
          if (error instanceof HttpError && error.status === 404) return send();
          throw error;
        });
      }
      return { data: res.json as CaseDetail };
    },
    async queueCounts() {
      const { json } = await httpClient(`${apiUrl}/queue-counts`);
      return { data: json as QueueCounts };
    },
    async unreadNotifications() {
      const { json } = await httpClient(`${apiUrl}/notifications/unread`);
      return { data: json as { count: number } };
    },
    async readNotifications(id) {
      await httpClient(`${apiUrl}/notifications/${id === undefined ? 'read-all' : `${id}/read`}`, { method: 'POST' });
      return { data: null };
    },
    async serviceLevelReport({ from, to, type }) {
      const query = new URLSearchParams({ from, to, ...(type ? { type } : {}) });
      const { json } = await httpClient(`${apiUrl}/service-level-report?${query}`);
      return { data: json as ReportRow[] };
    },
    async importAccounts(body) {
      const { json } = await httpClient(`${apiUrl}/account-import`, { method: 'POST', body: JSON.stringify(body) });
      return { data: json as ImportReport };
    },
  };
}

export const dataProvider = createDataProvider();
