// Vite build of the back office; the API serves admin/dist under /admin.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  // Absolute, so the build works from any working directory (npm script, scripts/build-admin.ts).
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Libraries change rarely: their chunks stay cached across releases of the app. The split
        // keeps dependencies one-way (app → react-admin → mui → vendor → react), so no chunk cycle.
        manualChunks(id) {
          if (!id.includes('/node_modules/')) return undefined;
          if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          if (/\/node_modules\/(react-admin|ra-[a-z-]+)\//.test(id)) return 'react-admin';
          if (/\/node_modules\/(@mui|@emotion)\//.test(id)) return 'mui';
          return 'vendor';
        },
      },
    },
  },
  server: {
    proxy: { '/api': api, '/auth': api },
  },
  preview: {
    proxy: { '/api': api, '/auth': api },
  },
});
