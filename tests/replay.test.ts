// Replays recorded case histories against today's workflow code: a change that breaks determinism fails here.
import { readFileSync, readdirSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { caseDataConverter } from '../temporal/payload-codec.js';
import { WORKFLOWS_PATH } from '../worker/create-worker.js';

const dir = new URL('./histories/', import.meta.url);

/** A recorded history's events, and the ids of the patches it marked. */
const events = (file: string): Array<{ eventType: string; [k: string]: unknown }> => JSON.parse(readFileSync(new URL(file, dir), 'utf8')).events;
const patchIds = (file: string) =>
  events(file)
    .filter((e) => e.eventType === 'EVENT_TYPE_MARKER_RECORDED' && (e.markerRecordedEventAttributes as { markerName: string }).markerName === 'core_patch')
    .map((e) => JSON.parse(Buffer.from(JSON.stringify(e).match(/"data":"([^"]+)"/)![1]!, 'base64').toString()).id);
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
  const refusals = (file: string) =>
    events(file).filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_FAILED' && JSON.stringify(e).includes('SmtpPermanentError'));

  it('after the patch: refusals, the patch marker, and a workflow still running', () => {
    const recorded = events('refused-email.json');
    expect(refusals('refused-email.json').length).toBeGreaterThanOrEqual(2);
    expect(patchIds('refused-email.json')).toContain('email-refusal-recorded');
    expect(recorded.map((e) => e.eventType)).not.toContain('EVENT_TYPE_WORKFLOW_EXECUTION_FAILED');
  });

  it('before the patch: one refusal that failed the execution', () => {
    expect(refusals('refused-email-before-patch.json')).toHaveLength(1);
    expect(events('refused-email-before-patch.json').at(-1)!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_FAILED');
  });
});

// recordTransition as a local activity: the *-before-local-transition.json copies are frozen (never
// re-recorded) so the activity-task branch behind the 'record-transition-local-activity' patch keeps
// replaying; local-transition*.json are recorded by tests/local-transition.test.ts with the patch.
describe('histories before and after recordTransition became a local activity', () => {
  const recordTransitionTasks = (file: string) =>
    events(file).filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED' && JSON.stringify(e).includes('"recordTransition"'));
  /** A marker's name, `patch:<id>` for a patch marker; undefined for any other event. */
  const markerOf = (e: { eventType: string; [k: string]: unknown }) => {
    if (e.eventType !== 'EVENT_TYPE_MARKER_RECORDED') return undefined;
    const name = (e.markerRecordedEventAttributes as { markerName: string }).markerName;
    if (name !== 'core_patch') return name;
    const data = JSON.stringify(e).match(/"data":"([^"]+)"/)?.[1];
    return data ? `patch:${JSON.parse(Buffer.from(data, 'base64').toString()).id}` : name;
  };
  const markers = (file: string) => events(file).map(markerOf).filter((m) => m !== undefined);

  it.each(['case-lifecycle-before-local-transition.json', 'refused-email-before-local-transition.json'])(
    'before: %s writes transitions as activity tasks',
    (file) => {
      expect(recordTransitionTasks(file).length).toBeGreaterThanOrEqual(5);
      expect(markers(file)).not.toContain('patch:record-transition-local-activity');
    },
  );

  // Recorded once: a case taken and answered by the code of b96cbcf (activity tasks), then noted and
  // closed by a worker with the local activity, as a case running across the deploy does.
  it('across the deploy: case-across-local-transition.json has both, the patch marker between them', () => {
    const file = 'case-across-local-transition.json';
    expect(recordTransitionTasks(file)).toHaveLength(2);
    const after = markers(file).slice(markers(file).indexOf('patch:record-transition-local-activity'));
    expect(after.filter((m) => m === 'core_local_activity')).toHaveLength(2);
    const patchAt = events(file).findIndex((e) => markerOf(e) === 'patch:record-transition-local-activity');
    const lastTask = events(file).findLastIndex((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED' && JSON.stringify(e).includes('"recordTransition"'));
    expect(lastTask).toBeLessThan(patchAt);
  });

  it.each(['local-transition.json', 'local-transition-retried.json'])('after: %s writes them as local activities', (file) => {
    expect(recordTransitionTasks(file)).toHaveLength(0);
    expect(markers(file)).toContain('patch:record-transition-local-activity');
    expect(markers(file)).toContain('core_local_activity');
  });
});

// Service-level clocks: service-levels.json is recorded by tests/service-levels.test.ts (a case measured
// from its submission, its targets changed twice while it ran), and case-lifecycle.json and
// refused-email.json were recorded anew with the clocks. The frozen histories come from code before the
// 'service-level-clocks' patch and replay without clocks: local-transition-before-service-levels.json
// is local-transition.json as recorded before it (after the local activity).
const WITH_CLOCKS = ['service-levels.json', 'service-levels-before-warnings.json', 'case-lifecycle.json', 'refused-email.json'];
const BEFORE_CLOCKS = [
  'local-transition-before-service-levels.json',
  'case-across-local-transition.json',
  'case-lifecycle-before-local-transition.json',
  'refused-email-before-local-transition.json',
  'refused-email-before-patch.json',
];
describe('histories before and after the service-level clocks', () => {
  const upsertedKeys = (file: string) =>
    events(file)
      .filter((e) => e.eventType === 'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES')
      .flatMap((e) => Object.keys((e.upsertWorkflowSearchAttributesEventAttributes as { searchAttributes: { indexedFields: object } }).searchAttributes.indexedFields));

  it.each(WITH_CLOCKS)('after: %s has the patch marker and the clocks in search attributes', (file) => {
    expect(patchIds(file)).toContain('service-level-clocks');
    expect(upsertedKeys(file)).toEqual(expect.arrayContaining(['CaseFirstResponseDueAt', 'CaseResolutionDueAt', 'CaseSlaState']));
  });

  it('after: service-levels.json received the changed targets twice', () => {
    expect(events('service-levels.json').filter((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED')).toHaveLength(2);
  });

  it.each(BEFORE_CLOCKS)('before: %s has no clocks', (file) => {
    expect(patchIds(file)).not.toContain('service-level-clocks');
    expect(upsertedKeys(file)).not.toContain('CaseResolutionDueAt');
  });
});

// Service-level warnings: service-level-warnings.json is recorded by tests/service-level-warnings.test.ts
// (a taken case warned at 80 % and at the breach of its first response, then its targets changed);
// service-levels-before-warnings.json (service-levels.json as recorded before the 'service-level-warnings'
// patch, frozen) replays without them.
describe('histories before and after the service-level warnings', () => {
  const warningTasks = (file: string) =>
    events(file).filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED' && JSON.stringify(e).includes('"raiseServiceLevelWarning"'));

  it('after: the patch marker and one activity per threshold, each after a timer', () => {
    const file = 'service-level-warnings.json';
    expect(patchIds(file)).toEqual(expect.arrayContaining(['service-level-clocks', 'service-level-warnings']));
    expect(warningTasks(file)).toHaveLength(2);
    expect(events(file).filter((e) => e.eventType === 'EVENT_TYPE_TIMER_FIRED').length).toBeGreaterThanOrEqual(2);
  });

  it('before: service-levels-before-warnings.json has clocks but no warnings', () => {
    const file = 'service-levels-before-warnings.json';
    expect(patchIds(file)).toContain('service-level-clocks');
    expect(patchIds(file)).not.toContain('service-level-warnings');
    expect(warningTasks(file)).toHaveLength(0);
  });
});

// Digests per recipient: recipient-digest-*.json are recorded by tests/recipient-digests.test.ts (cases
// handing their e-mail to the recipient's mailbox while closed, the mailbox's digest, a refused digest
// reported to each case) and held-email.json by tests/business-hours-email.test.ts with the
// 'recipient-digests' patch; held-email-before-digests.json (held-email.json before it, frozen) replays
// the case's own timer.
describe('histories before and after the recipient digests', () => {
  const scheduled = (file: string, type: string) =>
    events(file).filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED' && JSON.stringify(e).includes(`"${type}"`));

  it.each(['held-email.json', 'recipient-digest-case.json'])('after: %s hands its e-mail to the mailbox instead of a timer', (file) => {
    expect(patchIds(file)).toContain('recipient-digests');
    expect(scheduled(file, 'holdForDigest').length).toBeGreaterThanOrEqual(1);
    expect(scheduled(file, 'sendCaseEmail')).toHaveLength(0);
  });

  it('after: the mailbox sends one digest; a refused one signals each case', () => {
    expect(scheduled('recipient-digest-mailbox.json', 'sendDigest')).toHaveLength(1);
    const refused = events('recipient-digest-refused.json');
    expect(refused.filter((e) => e.eventType === 'EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED')).toHaveLength(2);
  });

  it('before: held-email-before-digests.json waits on its own timer and sends itself', () => {
    const file = 'held-email-before-digests.json';
    expect(patchIds(file)).not.toContain('recipient-digests');
    expect(events(file).map((e) => e.eventType)).toContain('EVENT_TYPE_TIMER_FIRED');
    expect(scheduled(file, 'sendCaseEmail')).toHaveLength(1);
  });
});

// Customer reminders: customer-reminders.json is recorded by tests/customer-reminders.test.ts (a case
// asked for more while the office was closed, reminded after one business day, closed as the system
// after two); the histories recorded before the 'customer-reminders' patch replay without them.
describe('histories before and after the customer reminders', () => {
  it('after: the patch marker, and the reminder and the close each after a timer', () => {
    const file = 'customer-reminders.json';
    expect(patchIds(file)).toEqual(expect.arrayContaining(['service-level-clocks', 'service-level-warnings', 'customer-reminders']));
    expect(events(file).filter((e) => e.eventType === 'EVENT_TYPE_TIMER_FIRED').length).toBeGreaterThanOrEqual(2);
  });

  it.each(['service-level-warnings.json', 'service-levels.json'])('before: %s has no customer reminders', (file) => {
    expect(patchIds(file)).not.toContain('customer-reminders');
  });
});
