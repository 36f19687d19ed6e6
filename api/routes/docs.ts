// The API's documentation: the OpenAPI document and a Swagger UI page served entirely from this server
// (swagger-ui-dist from node_modules, no CDN), with no inline script so a strict CSP holds.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';

const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** Only these files are served: the asset route must never become a window onto node_modules. */
const SWAGGER_ASSETS: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'favicon-32x32.png': { file: 'favicon-32x32.png', type: 'image/png' },
};

/** Boots Swagger UI; the document's URL comes from the page, so the page has no script of its own. */
const BOOT_SCRIPT = `'use strict';
window.addEventListener('DOMContentLoaded', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-openapi-url'),
    domNode: root,
    deepLinking: true,
    layout: 'BaseLayout',
    presets: [SwaggerUIBundle.presets.apis],
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    // Nothing leaves this server: no online validator badge.
    validatorUrl: null,
  });
});
`;

const PAGE_CSS = `body { margin: 0; background: #fafafa; }
.kp-header { padding: 16px 20px; background: #1b3a57; color: #fff; font-family: sans-serif; }
.kp-header h1 { margin: 0; font-size: 20px; font-weight: 600; }
.kp-header p { margin: 4px 0 0; font-size: 14px; }
.kp-header a { color: #fff; }
`;

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Swagger UI (React) sets style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const page = (base: string, openApiUrl: string) => `<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Kundportal API – dokumentation</title>
  <link rel="icon" type="image/png" href="${base}/assets/favicon-32x32.png">
  <link rel="stylesheet" href="${base}/assets/swagger-ui.css">
  <link rel="stylesheet" href="${base}/assets/docs.css">
</head>
<body>
  <header class="kp-header">
    <h1>Kundportal API – dokumentation</h1>
    <p>OpenAPI-dokumentet: <a href="${openApiUrl}">${openApiUrl}</a></p>
  </header>
  <main id="swagger-ui" data-openapi-url="${openApiUrl}"></main>
  <script src="${base}/assets/swagger-ui-bundle.js"></script>
  <script src="${base}/assets/docs.js"></script>
</body>
</html>
`;

/** `document` gives the generated OpenAPI document. */
export function docsRoutes(document: () => object) {
  const app = new Hono();
  const assets = new Map<string, Promise<Buffer>>();

  app.get('/openapi.json', (c) => c.json(document()));

  app.get('/docs', (c) => {
    const base = c.req.path;
    const openApiUrl = base.replace(/\/docs$/, '/openapi.json');
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.html(page(base, openApiUrl));
  });

  app.use('/docs/assets/*', compress());
  app.get('/docs/assets/:name', async (c) => {
    const name = c.req.param('name');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'public, max-age=3600');
    if (name === 'docs.js') return c.body(BOOT_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    if (name === 'docs.css') return c.body(PAGE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
    const asset = Object.hasOwn(SWAGGER_ASSETS, name) ? SWAGGER_ASSETS[name] : undefined;
    if (!asset) return c.notFound();
    let content = assets.get(name);
    if (!content) {
      content = readFile(join(SWAGGER_UI_DIR, asset.file));
      content.catch(() => assets.delete(name));
      assets.set(name, content);
    }
    return c.body(new Uint8Array(await content), 200, { 'Content-Type': asset.type });
  });

  return app;
}
