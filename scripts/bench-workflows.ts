// Bench-only workflows, bundled only by the benchmarks' own workers (never part of workflows/index.ts):
// - benchOneActivity, npm run bench's ceiling: the least work Temporal does per case, one no-op
//   activity and completion;
// - benchUpdateTarget, npm run bench:actions' ceiling: a workflow whose one Update handler answers at
//   once, so an Update on it costs only the round trip through Temporal and a workflow task.
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function benchOneActivity(): Promise<void> {
  await noop();
}

/** Shaped like a case action's command and answer, so both carry payloads of about the same size. */
export const benchUpdate = defineUpdate<{ version: number; requestId: string }, [{ requestId: string; body?: string }]>('bench');

export async function benchUpdateTarget(): Promise<void> {
  let version = 0;
  setHandler(benchUpdate, (cmd) => ({ version: ++version, requestId: cmd.requestId }));
  await condition(() => false); // lives until the benchmark's dev server stops
}
