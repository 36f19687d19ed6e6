// The portal's style sheets, served by the app itself (no CDN): Designsystemet's CSS and default
// theme from node_modules, then Kundportal's own colours and layout on top.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { securityHeaders } from './http.js';

const require = createRequire(import.meta.url);

const FILES = {
  'designsystemet.css': () => require.resolve('@digdir/designsystemet-css'),
  'designsystemet-theme.css': () => require.resolve('@digdir/designsystemet-css/theme'),
  'kundportal.css': () => fileURLToPath(new URL('./assets/kundportal.css', import.meta.url)),
} as const;

const BASE = '/assets/portal/';

/** In the order the pages link them: the theme after the components, ours last. */
export const ASSET_PATHS = {
  styles: (['designsystemet.css', 'designsystemet-theme.css', 'kundportal.css'] as const).map((name) => BASE + name),
};

export function assetRoutes() {
  const app = new Hono();
  // Read once, on first request: the files change only with a new install or deploy.
  const cache = new Map<string, string>();
  app.get(`${BASE}:name`, (c) => {
    const name = c.req.param('name');
    if (!Object.hasOwn(FILES, name)) return c.notFound();
    let body = cache.get(name);
    if (body === undefined) {
      body = readFileSync(FILES[name as keyof typeof FILES](), 'utf8');
      cache.set(name, body);
    }
    securityHeaders(c);
    return c.body(body, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
  });
  return app;
}
