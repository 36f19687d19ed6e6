// Login and case submission are rate limited, with the counters shared by every API process.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { question } from '../scripts/sample-cases.js';
import { type Harness, startHarness } from './helpers/harness.js';

let h: Harness;

/** Windows are fixed minutes: wait out the end of one so a burst of requests falls in a single window. */
async function sameWindow() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((r) => setTimeout(r, left + 100));
  // Other test files share this database and its counters; start from none.
  await h.db.deleteFrom('rate_limit_windows').execute();
}
beforeAll(async () => {
  h = await startHarness({ rateLimits: { loginsPerMinute: 3, submissionsPerMinute: 2 } });
});
afterAll(() => h?.stop());

it('submissions past the limit get 429 problem+json with RateLimit headers, counted across processes', async () => {
  // A second API process on the same database: its requests count against the same limit.
  const other = createApp(h.apiDeps);
  const submit = (via: 'one' | 'other') =>
    via === 'one'
      ? h.api('POST', '/api/v1/cases', { token: h.customerToken, body: question(h.customerEmail) })
      : Promise.resolve(
          other.request('/api/v1/cases', {
            method: 'POST',
            headers: { Authorization: `Bearer ${h.customerToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify(question(h.customerEmail)),
          }),
        ).then(async (r) => ({ status: r.status, headers: r.headers, json: await r.json() }));
  await sameWindow();

  expect((await submit('one')).status).toBe(201);
  expect((await submit('other')).status).toBe(201);
  const refused = await submit('one');
  expect(refused.status).toBe(429);
  expect(refused.headers.get('content-type')).toBe('application/problem+json');
  expect(refused.json).toMatchObject({ status: 429, title: 'För många försök' });
  expect(refused.headers.get('ratelimit-policy')).toMatch(/^2;w=60/);
  expect((await submit('other')).status).toBe(429);
  // Reading is not limited.
  expect((await h.api('GET', '/api/v1/cases', { token: h.customerToken })).status).toBe(200);
});

it('logins past the limit get 429', async () => {
  await sameWindow();
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await fetch(`${h.baseUrl}/auth/login`, { redirect: 'manual' })).status);
  expect(statuses).toEqual([302, 302, 302, 429, 429]);
});
