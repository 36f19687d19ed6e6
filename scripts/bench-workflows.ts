// The least work Temporal does per case, for npm run bench's ceiling: a workflow that runs one no-op
// activity and completes. Bundled only by the benchmark's own worker.
import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function benchOneActivity(): Promise<void> {
  await noop();
}
