// Serves the react-admin back office (admin/dist, built by Vite) under /admin.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono, type MiddlewareHandler } from 'hono';

const DEFAULT_DIST = fileURLToPath(new URL('../admin/dist', import.meta.url));

const NOT_BUILT = `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Kundportal – handläggning</title></head>
<body><main><h1>Back office är inte byggt – kör npm run admin:build</h1>
<p>Mappen <code>admin/dist</code> saknas. Bygg back office och ladda om sidan.</p></main></body>
</html>`;

// Vite names assets after their content: cache them for good. index.html names the current
// assets, so it (and anything else) is revalidated on every load.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** The app at /admin and /admin/*: files of admin/dist, index.html for the app's own routes. */
export function adminStatic(options: { distDir?: string } = {}) {
  const dist = options.distDir ?? DEFAULT_DIST;
  const indexFile = join(dist, 'index.html');
  const app = new Hono();

  // Created on first use: serveStatic complains at creation when its root does not exist yet.
  let files: MiddlewareHandler | undefined;
  let index: MiddlewareHandler | undefined;
  const serve = async (c: Context, which: 'file' | 'index') => {
    files ??= serveStatic({ root: dist, rewriteRequestPath: (path) => path.slice('/admin'.length) });
    index ??= serveStatic({ path: indexFile });
    const response = await (which === 'file' ? files : index)(c, async () => undefined);
    return response instanceof Response ? response : undefined;
  };

  app.get('/admin/*', async (c, next) => {
    // Checked per request, so a build made while the API runs is served without a restart.
    if (!existsSync(indexFile)) {
      return c.html(NOT_BUILT, 503, { 'Cache-Control': 'no-store', 'Retry-After': '30' });
    }
    const path = c.req.path;
    const file = path === '/admin' || path === '/admin/' ? undefined : await serve(c, 'file');
    if (file) {
      file.headers.set('Cache-Control', path.startsWith('/admin/assets/') ? IMMUTABLE : REVALIDATE);
      return file;
    }
    // A missing file (a stale asset name) is a 404, not the app: HTML in place of a script breaks worse.
    if (/\/[^/]+\.[a-z0-9]+$/i.test(path)) return next();
    // The app itself and its client routes, e.g. /admin/queues/new, /admin/cases/KP-2026-00042/show.
    const page = await serve(c, 'index');
    if (!page) return next();
    page.headers.set('Cache-Control', REVALIDATE);
    return page;
  });
  return app;
}
