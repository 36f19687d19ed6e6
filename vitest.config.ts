import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One Temporal dev server and one Postgres serve every file; files run one at a time.
    // (A root-only option in vitest 3.2: it applies to the admin project too, which is fine.)
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'node',
          include: ['{idp,domain,workflows,activities,db,api,worker,scripts,config,temporal}/**/*.test.ts', 'tests/**/*.test.ts'],
          pool: 'forks',
          globalSetup: ['tests/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'admin',
          environment: 'jsdom',
          include: ['admin/src/**/*.test.tsx'],
          setupFiles: ['admin/src/test-setup.ts'],
          // react-admin renders a whole app per test; jsdom is slow at that.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
