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
  /** A session's idle clock as this page was made: the warning script counts down from it. */
  session?: { secondsLeft: number; idleSeconds: number } | undefined;
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

/** The session's routes (routes/session.tsx): stay logged in, the time left, and the page after it ended. */
export const SESSION_PATHS = { keepAlive: '/inloggad/fortsatt', timeLeft: '/inloggad/tid-kvar', ended: '/utloggad' } as const;

/** The page saying an idle session ended, with the way back to where the person was. */
export const endedHref = (back?: string) => (back ? `${SESSION_PATHS.ended}?tillbaka=${encodeURIComponent(back)}` : SESSION_PATHS.ended);

/** Where bell.js reads the count (the JSON API); it writes the same words as bellText. */
const UNREAD_COUNT_URL = '/api/v1/notifications/unread-count';
const bellText = (unread: number) => (unread === 1 ? '1 oläst' : `${unread} olästa`);

/**
 * Two minutes before an idle session ends session-timeout.js opens this (closed, it is not shown or
 * read). Both buttons are plain forms, so the script's fallback is to submit them.
 */
function SessionWarning({ csrfToken, returnTo }: { csrfToken: string; returnTo: string | undefined }) {
  return (
    <dialog
      id="kp-session-varning"
      class="ds-dialog kp-session-dialog"
      role="alertdialog"
      aria-labelledby="kp-session-rubrik"
      aria-describedby="kp-session-text"
      data-time-left-url={SESSION_PATHS.timeLeft}
      data-ended-url={SESSION_PATHS.ended}
    >
      <h2 class="ds-heading" data-size="sm" id="kp-session-rubrik">
        Du loggas snart ut
      </h2>
      <p class="ds-paragraph" id="kp-session-text">
        Du har varit inaktiv en stund. Om du inte gör något loggas du ut om 2 minuter.
      </p>
      <div class="kp-actions">
        <form method="post" action={SESSION_PATHS.keepAlive} data-keep-alive>
          <input type="hidden" name="csrf" value={csrfToken} />
          <input type="hidden" name="tillbaka" value={returnTo ?? ''} />
          <button type="submit" class="ds-button" data-variant="primary">
            Fortsätt vara inloggad
          </button>
        </form>
        <form method="post" action="/auth/logout">
          <input type="hidden" name="csrf" value={csrfToken} />
          <button type="submit" class="ds-button" data-variant="secondary">
            Logga ut
          </button>
        </form>
      </div>
    </dialog>
  );
}

export function Layout({ title, viewer, returnTo, children }: LayoutProps) {
  // Read by session-timeout.js: seconds left of the idle session, and what "Fortsätt" gives back.
  const clock = viewer?.session && viewer.csrfToken ? { ...viewer.session, csrfToken: viewer.csrfToken } : undefined;
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
      <body data-session-left={clock?.secondsLeft} data-session-idle={clock?.idleSeconds}>
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
                  <a class="ds-link kp-bell" href="/mina-sidor/notiser" data-unread={viewer.unread} data-unread-url={UNREAD_COUNT_URL}>
                    <svg class="kp-bell__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
                      <path
                        fill="currentColor"
                        d="M12 2a6 6 0 0 0-6 6v3.6l-1.7 3.4A1 1 0 0 0 5.2 16.5h13.6a1 1 0 0 0 .9-1.5L18 11.6V8a6 6 0 0 0-6-6Zm-2.8 16a2.9 2.9 0 0 0 5.6 0Z"
                      />
                    </svg>
                    <span class="kp-bell__text">{`Notiser (${bellText(viewer.unread)})`}</span>
                  </a>
                )}
                {viewer.unread !== undefined && <span id="kp-bell-nytt" class="ds-sr-only" aria-live="polite" aria-atomic="true"></span>}
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
            <p class="ds-paragraph">
              <a class="ds-link" href="/kontakta-oss">
                Kontakta oss
              </a>
            </p>
          </div>
        </footer>
        {clock && <SessionWarning csrfToken={clock.csrfToken} returnTo={returnTo} />}
      </body>
    </html>
  );
}
