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

// Refused e-mail: refused-email.json is recorded by tests/email-refusal.test.ts (the workflow records
// the refusal and goes on); refused-email-before-patch.json was recorded once with the workflow code
// of f59d353, which failed the whole execution on it, and must keep replaying so behind patched().
describe('histories with a refused e-mail', () => {
  const events = (file: string): Array<{ eventType: string; [k: string]: unknown }> =>
    JSON.parse(readFileSync(new URL(file, dir), 'utf8')).events;
  const refusals = (file: string) =>
    events(file).filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_FAILED' && JSON.stringify(e).includes('SmtpPermanentError'));

  it('after the patch: refusals, the patch marker, and a workflow still running', () => {
    const recorded = events('refused-email.json');
    expect(refusals('refused-email.json').length).toBeGreaterThanOrEqual(2);
    const patches = recorded
      .filter((e) => e.eventType === 'EVENT_TYPE_MARKER_RECORDED')
      .map((e) => JSON.stringify(e).match(/"data":"([^"]+)"/)?.[1])
      .map((data) => (data ? JSON.parse(Buffer.from(data, 'base64').toString()).id : undefined));
    expect(patches).toContain('email-refusal-recorded');
    expect(recorded.map((e) => e.eventType)).not.toContain('EVENT_TYPE_WORKFLOW_EXECUTION_FAILED');
  });

  it('before the patch: one refusal that failed the execution', () => {
    expect(refusals('refused-email-before-patch.json')).toHaveLength(1);
    expect(events('refused-email-before-patch.json').at(-1)!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_FAILED');
  });
});
