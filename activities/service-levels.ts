// The case workflow's service-level reads and writes: what its clocks start from, and the clocks as
// they change outside a transition (first measured, targets changed).
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/client.js';
import { clocksStart, writeClocks } from '../db/service-levels.js';
import type { CaseType } from '../domain/index.js';
import type { ServiceLevelClocks, ServiceLevelTargets } from '../domain/service-levels.js';
import type { ClockEvent } from '../workflows/service-level-clocks.js';

export interface ServiceLevelsStart {
  targets: ServiceLevelTargets;
  /** The clocks as last written (a reopened case's earlier run); null when the case was never measured. */
  stored: ServiceLevelClocks | null;
  /** Without stored clocks: the timeline the workflow rebuilds them from, oldest first. */
  timeline: ClockEvent[];
  /** Warnings the case has raised already (`firstResponse:warning`), never to be raised again. */
  raised: string[];
}

/** Data exceptions (22xxx) and constraint violations (23xxx) fail the same way on every retry. */
async function failingForGood<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^2[23]/.test(code)) throw ApplicationFailure.nonRetryable(`Postgres refused the clocks (${code})`, 'ServiceLevelsRefused');
    throw err;
  }
}

export function createServiceLevelActivities(db: Db) {
  return {
    loadServiceLevels: (input: { caseId: number; caseType: CaseType }) => failingForGood(load(input)),

    /** 'stale' when a later write of the same case's clocks is already there. */
    recordServiceLevels: (input: { caseId: number; clocks: ServiceLevelClocks; nextDueAt: string | null }) =>
      failingForGood(writeClocks(db, input.caseId, input.clocks, input.nextDueAt).then((written) => (written ? 'written' : 'stale'))),
  };

  async function load(input: { caseId: number; caseType: CaseType }): Promise<ServiceLevelsStart> {
    const { targets, stored, timeline, raised } = await clocksStart(db, input.caseId, input.caseType);
    return { targets, stored, timeline: timeline.map((e) => ({ ...e, at: e.at.toISOString() })), raised };
  }
}
