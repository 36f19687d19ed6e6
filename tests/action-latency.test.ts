// Latency of one handler action through the HTTP API: ACTION_LATENCY_RUNS=100 npx vitest run tests/action-latency.test.ts
// prints p50/p95 of that many 'note' actions on one case. Without the variable it measures only a few
// and asserts nothing about time (machines and neighbours differ).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sithsOrder } from '../scripts/sample-cases.js';
import { type Harness, startHarness } from './helpers/harness.js';

const RUNS = Number(process.env.ACTION_LATENCY_RUNS ?? 5);
const WARM_UP = 5;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

describe('a handler action through the API', () => {
  it(`answers ${RUNS} notes on one case in turn`, { timeout: 60_000 + RUNS * 2_000 }, async () => {
    const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(h.customerEmail, 1) });
    expect(submitted.status).toBe(201);
    const caseNumber: string = submitted.json.caseNumber;
    expect((await h.staffAction(caseNumber, 'take')).status).toBe(200);

    const times: number[] = [];
    for (let i = 0; i < WARM_UP + RUNS; i++) {
      const started = performance.now();
      const res = await h.staffAction(caseNumber, 'note', { body: `Anteckning ${i}` });
      const ms = performance.now() - started;
      expect(res.status).toBe(200);
      if (i >= WARM_UP) times.push(ms);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const row = await h.db.selectFrom('cases').select('version').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    expect(row.version).toBe(2 + WARM_UP + RUNS);
    console.log(
      `note × ${RUNS}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, ` +
        `max ${sorted.at(-1)!.toFixed(1)} ms`,
    );
  });
});
