import { useRecordContext } from 'react-admin';

/** Ja/Nej as text, readable by everyone (react-admin's BooleanField shows only an icon). */
export const BooleanText = ({ source }: { source: string; label?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  if (!record) return null;
  return <span>{record[source] ? 'Ja' : 'Nej'}</span>;
};
