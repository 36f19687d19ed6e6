import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';

export async function connectTemporal(address: string, namespace: string, dataConverter: DataConverter): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace, dataConverter });
}
