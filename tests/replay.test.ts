// Replays recorded case histories against today's workflow code: a change that breaks determinism fails here.
import { readFileSync, readdirSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { caseDataConverter } from '../temporal/payload-codec.js';
import { WORKFLOWS_PATH } from '../worker/create-worker.js';

const dir = new URL('./histories/', import.meta.url);
const dataConverter = caseDataConverter(loadConfig().TEMPORAL_PAYLOAD_KEY);
const histories = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('recorded workflow histories replay deterministically', () => {
  it('has at least one history to replay', () => expect(histories.length).toBeGreaterThan(0));

  it.each(histories)('%s', async (file) => {
    const history = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    await expect(Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH, dataConverter }, history, file)).resolves.toBeUndefined();
  });
});
