// Serves the react-admin back office (admin/dist, built by Vite) under /admin.
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono, type Next } from 'hono';

const DEFAULT_DIST = fileURLToPath(new URL('../admin/dist', import.meta.url));

const NOT_BUILT = `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Kundportal – handläggning</title></head>
<body><main><h1>Back office är inte byggt – kör npm run admin:build</h1>
<p>Mappen <code>admin/dist</code> saknas. Bygg back office och ladda om sidan.</p></main></body>
</html>`;

/** The app at /admin and /admin/*: files of admin/dist, index.html for the app's own routes. */
export function adminStatic(options: { distDir?: string } = {}) {
  const dist = options.distDir ?? DEFAULT_DIST;
  const indexFile = join(dist, 'index.html');
  const assets = join(dist, 'assets') + sep;
  const app = new Hono();

  const cacheHeaders = (path: string, c: Context) => {
    // Vite names assets after their content: cache them for good. Everything else (index.html
    // names the current assets) is revalidated on every load.
    c.header('Cache-Control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
  const files = serveStatic({ root: dist, rewriteRequestPath: (path) => path.slice('/admin'.length), onFound: cacheHeaders });
  const index = serveStatic({ path: indexFile, onFound: cacheHeaders });

  // Checked per request, so a build made while the API runs is served without a restart.
  const requireBuild = async (c: Context, next: Next) =>
    existsSync(indexFile) ? next() : c.html(NOT_BUILT, 503, { 'Cache-Control': 'no-store', 'Retry-After': '30' });

  app.get('/admin', requireBuild, index);
  app.get('/admin/*', requireBuild, files, async (c, next) => {
    // A missing file (a stale asset name) is a 404, not the app: HTML in place of a script breaks worse.
    if (/\/[^/]+\.[a-z0-9]+$/i.test(c.req.path)) return next();
    // Client routes such as /admin/queues/new or /admin/cases/KP-2026-00042/show.
    return index(c, next);
  });
  return app;
}
