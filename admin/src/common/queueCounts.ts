// Queue counts for the menu: refetched on navigation, after actions and every 30 seconds.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDataProvider, useLocation } from 'react-admin';
import type { KundportalDataProvider } from '../providers/dataProvider';
import type { QueueCounts } from '../types';

export const QUEUE_COUNTS_KEY = ['queueCounts'] as const;

export function useQueueCounts(): QueueCounts | undefined {
  const dataProvider = useDataProvider<KundportalDataProvider>();
  const queryClient = useQueryClient();
  const { pathname, search } = useLocation();
  const query = useQuery({
    queryKey: QUEUE_COUNTS_KEY,
    queryFn: async () => (await dataProvider.queueCounts()).data,
    refetchInterval: 30_000,
    staleTime: 5_000,
  });
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: QUEUE_COUNTS_KEY });
  }, [pathname, search, queryClient]);
  // After a 403 react-admin's proxy answers {}: show no counts rather than "undefined".
  return query.data && typeof query.data.new === 'number' ? query.data : undefined;
}

/** After a case action: counts and lists may have changed. */
export function useInvalidateCaseQueries() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: QUEUE_COUNTS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['cases', 'getList'] });
  };
}
