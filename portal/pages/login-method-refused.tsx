// A step the session's e-legitimation may not take (services/login-methods.ts): the seed's explanation,
// and logging in again with a method that may, back to the same page.
import type { LoginMethod } from '../../domain/login-methods.js';
import { Layout, type Viewer, loginHref } from '../layout.js';

/** The start page's button texts, kept the same here. */
export const METHOD_BUTTONS: Record<LoginMethod, string> = { bankid: 'BankID', freja: 'Freja eID', siths: 'SITHS eID' };

/** Buttons that log in again with each of `methods` and come back to `returnTo`. */
export function LoginAgain({ methods, returnTo }: { methods: readonly LoginMethod[]; returnTo: string }) {
  if (methods.length === 0) return null;
  return (
    <ul class="kp-methods">
      {methods.map((m) => (
        <li>
          <a class="ds-button" data-variant="secondary" href={loginHref(returnTo, m)}>
            {`Logga in med ${METHOD_BUTTONS[m]}`}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function LoginMethodRefusedPage(props: { viewer: Viewer | undefined; title: string; explanation: string; allowed: readonly LoginMethod[]; returnTo: string }) {
  return (
    <Layout title={props.title} viewer={props.viewer}>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <div class="ds-alert" data-color="warning">
        <p class="ds-paragraph">{props.explanation}</p>
      </div>
      {props.allowed.length > 0 && (
        <section class="kp-section" aria-labelledby="logga-in-igen">
          <h2 class="ds-heading" data-size="sm" id="logga-in-igen">
            Logga in med en annan e-legitimation
          </h2>
          <LoginAgain methods={props.allowed} returnTo={props.returnTo} />
        </section>
      )}
    </Layout>
  );
}
