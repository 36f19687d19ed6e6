// The portal's style sheets and its few enhancing scripts, served by the app itself (no CDN):
// Designsystemet's CSS and default theme from node_modules, then Kundportal's own colours and layout
// on top; scripts from scripts/, each only improving a page that already works without it.
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
} as Record<string, () => string>;

/** Plain browser scripts (no build step); every page loads them deferred and each acts only where its markup is. */
const SCRIPTS: string[] = ['session-timeout.js', 'bell.js', 'siths-rows.js', 'submit-once.js', 'contact-pow.js'];
for (const name of SCRIPTS) FILES[name] = () => fileURLToPath(new URL(`./scripts/${name}`, import.meta.url));

const BASE = '/assets/portal/';

/** In the order the pages link them: the theme after the components, ours last. */
export const ASSET_PATHS = {
  styles: ['designsystemet.css', 'designsystemet-theme.css', 'kundportal.css'].map((name) => BASE + name),
  scripts: SCRIPTS.map((name) => BASE + name),
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
      body = readFileSync(FILES[name]!(), 'utf8');
      cache.set(name, body);
    }
    securityHeaders(c);
    const type = name.endsWith('.js') ? 'text/javascript' : 'text/css';
    return c.body(body, 200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'public, max-age=3600' });
  });
  return app;
}
