// Kill -9 of the worker, the API and Temporal, and every database connection cut, each during a burst
// of submissions and handler actions retried with their keys: nothing lost, nothing unstarted, nothing
// done twice, no 5xx but 503 with Retry-After, no process that dies on its own, all settled in 30 s.
// `npm run bench:faults` runs the same at 1,000 cases per scenario.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';
import { FAULTS, runScenario } from './scenarios.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster('test');
}, 240_000);
afterAll(() => cluster?.stop());

describe('faults during a burst', () => {
  it.each(FAULTS)('%s: no case lost or unstarted, no action twice, no 5xx, settled within 30 s', async (fault) => {
    const r = await runScenario(cluster, fault, { cases: 40, concurrency: 6, settleLimitMs: 60_000 });
    console.log(JSON.stringify(r));
    expect(r.accepted).toBe(r.submitted);
    expect({ lost: r.lost, unstarted: r.unstarted, duplicateActions: r.duplicateActions, undelivered: r.undelivered, strayEmails: r.strayEmails }).toEqual({
      lost: 0,
      unstarted: 0,
      duplicateActions: 0,
      undelivered: 0,
      strayEmails: 0,
    });
    expect(r.serverErrors).toEqual([]);
    expect(r.crashed).toEqual([]);
    expect(r.secondsToSettle).toBeLessThan(30);
  }, 300_000);
});
