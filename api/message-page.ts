// A minimal Swedish HTML page for the browser steps of login, where JSON would mean nothing to a person.
import { html } from 'hono/html';

export const messagePage = (title: string, text: string, link?: { href: string; label: string }) =>
  html`<!doctype html>
<html lang="sv">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} – Kundportal</title>
    <style>
      body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; color: #1a1a1a; }
      a { color: #0b5394; }
    </style>
  </head>
  <body>
    <main>
      <h1>${title}</h1>
      <p>${text}</p>
      ${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}
    </main>
  </body>
</html>`;
