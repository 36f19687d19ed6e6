// The processes run under plain Node ESM (tsx), which is stricter about CommonJS packages than vitest:
// load every module of theirs there. Entry points that start something when loaded are left out.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';

const FOLDERS = ['idp', 'domain', 'workflows', 'activities', 'db', 'temporal', 'services', 'api', 'worker', 'scripts', 'config'];
const STARTS_WHEN_LOADED = ['api/main.ts', 'worker/main.ts', 'scripts/start.ts', 'scripts/bench.ts', 'scripts/create-token.ts', 'scripts/complete-lockfile.ts', 'scripts/bench-queues.ts', 'scripts/bench-start-outage.ts', 'scripts/bench-faults.ts', 'scripts/bench-email-render.ts', 'scripts/bench-actions.ts', 'scripts/bench-burst.ts', 'scripts/bench-portal.ts', 'scripts/bench-update-worker.ts', 'scripts/explain-sla-queues.ts', 'scripts/explain-service-level-report.ts', 'scripts/bench-idle.ts', 'idp/main.ts'];

const modules = FOLDERS.flatMap((dir) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => `${dir}/${f}`),
).filter((m) => !STARTS_WHEN_LOADED.includes(m));

it('loads every module under Node ESM', () => {
  expect(modules.length).toBeGreaterThan(30);
  const script = `for (const m of ${JSON.stringify(modules)}) await import('./' + m); console.log('loaded');`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(out.trim()).toBe('loaded');
});
