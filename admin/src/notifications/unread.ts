// The bell's count: refetched on navigation, after reading and every 30 seconds, like the queue counts.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDataProvider, useLocation } from 'react-admin';
import type { KundportalDataProvider } from '../providers/dataProvider';

const UNREAD_KEY = ['unreadNotifications'] as const;

export function useUnreadNotifications(): number | undefined {
  const dataProvider = useDataProvider<KundportalDataProvider>();
  const queryClient = useQueryClient();
  const { pathname } = useLocation();
  const query = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: async () => (await dataProvider.unreadNotifications()).data,
    refetchInterval: 30_000,
    staleTime: 5_000,
  });
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
  }, [pathname, queryClient]);
  return typeof query.data?.count === 'number' ? query.data.count : undefined;
}

/** After marking read: the count and the list have changed. */
export function useInvalidateNotifications() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}
