// ra-data-simple-rest on /api/admin, plus the case actions and the queue counts.
import type { DataProvider } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import type { CaseActionName, CaseDetail, QueueCounts } from '../types';
import { httpClient } from './httpClient';

export const API_URL = '/api/admin';

export interface KundportalDataProvider extends DataProvider {
  /** Runs a handler action; resolves to the case as it is after the action. */
  caseAction(caseNumber: string, action: CaseActionName, body?: Record<string, unknown>): Promise<{ data: CaseDetail }>;
  queueCounts(): Promise<{ data: QueueCounts }>;
}

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
    async caseAction(caseNumber, action, body = {}) {
      const { json } = await httpClient(
        `${apiUrl}/cases/${encodeURIComponent(caseNumber)}/actions/${encodeURIComponent(action)}`,
        { method: 'POST', body: JSON.stringify(body) },
      );
      return { data: json as CaseDetail };
    },
    async queueCounts() {
      const { json } = await httpClient(`${apiUrl}/queue-counts`);
      return { data: json as QueueCounts };
    },
  };
}

export const dataProvider = createDataProvider();
