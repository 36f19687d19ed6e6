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

export function createDataProvider(apiUrl = API_URL): KundportalDataProvider {
  return {
    ...simpleRestProvider(apiUrl, httpClient),
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
