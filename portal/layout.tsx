// The frame of every portal page: skip link, header (Kundportal, Logga in or the person's name, the
// bell and Logga ut), the main landmark and a footer linking the Tillgänglighetsredogörelse.
import type { Child } from 'hono/jsx';
import { ASSET_PATHS } from './assets.js';

/** The logged-in person as the header shows them; absent when nobody is logged in. */
export interface Viewer {
  name: string;
  /** Unread notifications; only customers with an account have a bell. */
  unread?: number | undefined;
  /** For the Logga ut form; only a session has one. */
  csrfToken?: string | undefined;
}

export interface LayoutProps {
  title: string;
  viewer?: Viewer | undefined;
  /** Where "Logga in" brings the person back to. */
  returnTo?: string;
  children?: Child;
}

/** The existing login; with a method, the identity provider starts with that e-legitimation. */
export const loginHref = (returnTo = '/mina-sidor', method?: string) =>
  `/auth/login?returnTo=${encodeURIComponent(returnTo)}${method ? `&method=${method}` : ''}`;

const bellText = (unread: number) => (unread === 1 ? '1 oläst' : `${unread} olästa`);

export function Layout({ title, viewer, returnTo, children }: LayoutProps) {
  return (
    <html lang="sv" data-color-scheme="light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – Kundportal`}</title>
        {ASSET_PATHS.styles.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {ASSET_PATHS.scripts.map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <a class="ds-skip-link" href="#innehall">
          Till huvudinnehållet
        </a>
        <header class="kp-header">
          <div class="kp-wrap kp-header__bar">
            <a class="kp-brand" href="/">
              Kundportal
            </a>
            {viewer ? (
              <nav class="kp-account" aria-label="Ditt konto">
                <span class="kp-account__name">{viewer.name}</span>
                <a class="ds-link" href="/mina-sidor">
                  Mina sidor
                </a>
                {viewer.unread !== undefined && (
                  <a class="ds-link kp-bell" href="/mina-sidor/notiser">
                    <svg class="kp-bell__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
                      <path
                        fill="currentColor"
                        d="M12 2a6 6 0 0 0-6 6v3.6l-1.7 3.4A1 1 0 0 0 5.2 16.5h13.6a1 1 0 0 0 .9-1.5L18 11.6V8a6 6 0 0 0-6-6Zm-2.8 16a2.9 2.9 0 0 0 5.6 0Z"
                      />
                    </svg>
                    {`Notiser (${bellText(viewer.unread)})`}
                  </a>
                )}
                {viewer.csrfToken && (
                  <form method="post" action="/auth/logout" class="kp-logout">
                    <input type="hidden" name="csrf" value={viewer.csrfToken} />
                    <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">
                      Logga ut
                    </button>
                  </form>
                )}
              </nav>
            ) : (
              <a class="ds-button" data-variant="primary" data-size="sm" href={loginHref(returnTo)}>
                Logga in
              </a>
            )}
          </div>
        </header>
        <main id="innehall" tabindex={-1} class="kp-wrap kp-main">
          {children}
        </main>
        <footer class="kp-footer">
          <div class="kp-wrap">
            <p class="ds-paragraph">
              <a class="ds-link" href="/tillganglighetsredogorelse">
                Tillgänglighetsredogörelse
              </a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
