// With RECORD_HISTORIES=1, saves a workflow's history for tests/replay.test.ts (re-record after an
// intended, versioned change of workflow code).
import { writeFileSync } from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';

export async function recordHistory(handle: WorkflowHandle, name: string): Promise<string> {
  const json = historyToJSON(await handle.fetchHistory());
  if (process.env.RECORD_HISTORIES) writeFileSync(new URL(`../histories/${name}.json`, import.meta.url), json);
  return json;
}
