import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{idp,domain,workflows,activities,db,api,worker,scripts,config,temporal}/**/*.test.ts', 'tests/**/*.test.ts'],
    pool: 'forks',
    // One Temporal dev server and one Postgres serve every file; files run one at a time.
    fileParallelism: false,
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
