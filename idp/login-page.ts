// Server-side HTML for the local e-legitimation provider: the login page and the provider's own
// error and logout pages. Self-contained (inline CSS, no scripts, no external resources) and Swedish.
import { escapeToBuffer } from 'hono/utils/html';
import type { TestPerson, TestStaffPerson } from './test-persons.js';

export type AuthMethod = 'bankid' | 'freja' | 'siths';

export const AUTH_METHODS: ReadonlyArray<{ value: AuthMethod; label: string }> = [
  { value: 'bankid', label: 'BankID' },
  { value: 'freja', label: 'Freja eID' },
  { value: 'siths', label: 'SITHS eID' },
];

export function isAuthMethod(value: unknown): value is AuthMethod {
  return AUTH_METHODS.some((m) => m.value === value);
}

/** Escapes text for HTML element content and quoted attribute values, as hono's own HTML does. */
export function escapeHtml(value: unknown): string {
  const buffer: [string] = [''];
  escapeToBuffer(String(value ?? ''), buffer);
  return buffer[0];
}

/** 'YYYYMMDD-NNNN' for display. */
export function formatPersonnummer(twelveDigits: string): string {
  return `${twelveDigits.slice(0, 8)}-${twelveDigits.slice(8)}`;
}

const ROLE_LABELS = { handler: 'Handläggare', admin: 'Administratör' } as const;

function describePerson(person: TestPerson | TestStaffPerson): string {
  return 'role' in person ? ROLE_LABELS[person.role] : 'Kund';
}

const CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1b1b1f;background:#f2f4f7}
main{max-width:34rem;margin:2rem auto;padding:0 1rem}
.card{background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;padding:1.5rem;box-shadow:0 1px 3px rgba(0,0,0,.06)}
.card+.card{margin-top:1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}
h2{font-size:1.125rem;margin:0 0 .5rem}
.lead{margin:0 0 1.25rem;color:#4a4f5a}
.dev{display:inline-block;margin-bottom:1rem;padding:.125rem .5rem;border-radius:1rem;background:#fff4d6;color:#5c4400;font-size:.875rem}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend{font-weight:600;margin-bottom:.5rem;padding:0}
.methods{display:flex;flex-wrap:wrap;gap:.5rem}
.methods label{display:flex;align-items:center;gap:.5rem;padding:.5rem .75rem;border:1px solid #b8bec9;border-radius:.375rem;cursor:pointer;background:#fff}
.methods input{margin:0;width:1.1rem;height:1.1rem;accent-color:#0b5cad}
.methods label:has(input:checked){border-color:#0b5cad;background:#eaf2fb}
.field{margin-bottom:1.25rem}
.field label{display:block;font-weight:600;margin-bottom:.25rem}
.hint{display:block;color:#4a4f5a;font-size:.875rem;margin-bottom:.25rem}
input[type=text]{width:100%;font:inherit;padding:.5rem .625rem;border:1px solid #8a919e;border-radius:.375rem}
input[aria-invalid=true]{border:2px solid #b3261e}
.error{display:block;color:#b3261e;font-weight:600;margin-bottom:.25rem}
.error-summary{border-left:4px solid #b3261e;background:#fdecea;padding:.75rem 1rem;margin-bottom:1.25rem}
.error-summary p{margin:0}
.error-summary ul{margin:.25rem 0 0;padding-left:1.25rem}
.actions{display:flex;gap:.75rem;flex-wrap:wrap}
button{font:inherit;font-weight:600;padding:.5rem 1.25rem;border-radius:.375rem;border:1px solid #0b5cad;cursor:pointer}
.primary{background:#0b5cad;color:#fff}
.primary:hover{background:#094a8c}
.secondary{background:#fff;color:#0b5cad}
.secondary:hover{background:#eaf2fb}
.persons{list-style:none;margin:0;padding:0;display:grid;gap:.5rem}
.person{width:100%;display:flex;justify-content:space-between;align-items:center;gap:1rem;text-align:left;background:#fff;color:#1b1b1f;border-color:#b8bec9;font-weight:400}
.person:hover{background:#eaf2fb;border-color:#0b5cad}
.person strong{font-weight:600}
.persons-section{margin-top:1.5rem;padding-top:1.25rem;border-top:1px solid #d5d9e0}
.optional{font-weight:400;color:#4a4f5a}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.person span{color:#4a4f5a;font-size:.875rem;white-space:nowrap}
a{color:#0b5cad}
:focus-visible{outline:3px solid #e8a317;outline-offset:2px}
pre{white-space:pre-wrap;word-break:break-word;background:#f2f4f7;padding:.5rem;border-radius:.25rem}
`;

const SECURITY_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // No form-action: browsers apply it to the redirect back to the client after the form post.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Headers for every HTML page of the provider. */
export function htmlHeaders(): Record<string, string> {
  return { ...SECURITY_HEADERS };
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export interface LoginFormErrors {
  method?: string;
  personnummer?: string;
  name?: string;
}

export interface LoginPageModel {
  /** Where the login form posts, e.g. /interaction/<uid>/login. */
  loginAction: string;
  /** Where "Avbryt" posts, e.g. /interaction/<uid>/abort. */
  abortAction: string;
  /** The service the person is logging in to. */
  clientName: string;
  method: AuthMethod;
  /** What the person typed, shown again after an error. */
  personnummer?: string;
  name?: string;
  /** Swedish errors, each shown next to its field. */
  errors?: LoginFormErrors;
  persons: ReadonlyArray<TestPerson | TestStaffPerson>;
}

/** The error text next to a field, and the attributes that tie the field to it. */
function fieldError(id: string, error: string | undefined): { html: string; describedBy: string; attrs: string } {
  if (!error) return { html: '', describedBy: '', attrs: '' };
  return {
    html: `<span class="error" id="${id}-error">${escapeHtml(error)}</span>`,
    describedBy: ` ${id}-error`,
    attrs: ' aria-invalid="true"',
  };
}

export function renderLoginPage(model: LoginPageModel): string {
  const errors = model.errors ?? {};
  const messages = (['method', 'personnummer', 'name'] as const)
    .filter((field) => errors[field])
    .map((field) => `<li><a href="#${field === 'method' ? `method-${model.method}` : field}">${escapeHtml(errors[field])}</a></li>`);
  const firstInvalid = (['method', 'personnummer', 'name'] as const).find((field) => errors[field]);

  const methodError = fieldError('method', errors.method);
  const methodOptions = AUTH_METHODS.map(
    (m) =>
      `<label><input type="radio" id="method-${m.value}" name="method" value="${m.value}"${m.value === model.method ? ' checked' : ''}${
        firstInvalid === 'method' && m.value === model.method ? ' autofocus' : ''
      }> ${escapeHtml(m.label)}</label>`,
  ).join('\n');

  const pnrError = fieldError('personnummer', errors.personnummer);
  const nameError = fieldError('name', errors.name);

  const personButtons = model.persons
    .map(
      (p) => `<li><button type="submit" class="person" name="person" value="${escapeHtml(p.personnummer)}">
<strong><span class="sr-only">Logga in som </span>${escapeHtml(p.name)}</strong>
<span>${escapeHtml(describePerson(p))}, ${escapeHtml(formatPersonnummer(p.personnummer))}</span>
</button></li>`,
    )
    .join('\n');

  // One form: the test persons' buttons then use the chosen method without any script. "Logga in"
  // comes first so that Enter in a field submits with it. Validation is the server's (Swedish).
  const body = `<div class="card">
<p class="dev">Testmiljö – inga riktiga e-legitimationer</p>
<h1>Logga in med e-legitimation</h1>
<p class="lead">Du loggar in till ${escapeHtml(model.clientName)}.</p>
${
  messages.length
    ? `<div class="error-summary" role="alert"><p>Det gick inte att logga in:</p><ul>${messages.join('')}</ul></div>`
    : ''
}
<form method="post" action="${escapeHtml(model.loginAction)}" novalidate>
<fieldset${methodError.describedBy ? ` aria-describedby="${methodError.describedBy.trim()}"` : ''}>
<legend>Välj e-legitimation</legend>
${methodError.html}
<div class="methods">
${methodOptions}
</div>
</fieldset>
<div class="field">
<label for="personnummer">Personnummer</label>
<span class="hint" id="personnummer-hint">12 siffror (ÅÅÅÅMMDDNNNN) eller 10 siffror (ÅÅMMDD-NNNN)</span>
${pnrError.html}
<input type="text" id="personnummer" name="personnummer" inputmode="numeric" autocomplete="off" required aria-required="true" value="${escapeHtml(
    model.personnummer ?? '',
  )}" aria-describedby="personnummer-hint${pnrError.describedBy}"${pnrError.attrs}${firstInvalid === 'personnummer' ? ' autofocus' : ''}>
</div>
<div class="field">
<label for="name">Namn <span class="optional">(valfritt)</span></label>
<span class="hint" id="name-hint">Lämna tomt för att använda testpersonens namn.</span>
${nameError.html}
<input type="text" id="name" name="name" autocomplete="off" value="${escapeHtml(model.name ?? '')}" aria-describedby="name-hint${
    nameError.describedBy
  }"${nameError.attrs}${firstInvalid === 'name' ? ' autofocus' : ''}>
</div>
<div class="actions">
<button type="submit" class="primary">Logga in</button>
<button type="submit" class="secondary" formaction="${escapeHtml(model.abortAction)}">Avbryt</button>
</div>
<section class="persons-section" aria-labelledby="persons-heading">
<h2 id="persons-heading">Testpersoner</h2>
<p class="lead">Logga in direkt som en testperson med vald e-legitimation.</p>
<ul class="persons">
${personButtons}
</ul>
</section>
</form>
</div>`;

  return layout(messages.length ? 'Fel: Logga in med e-legitimation' : 'Logga in med e-legitimation', body);
}

/** A Swedish error page for anything that goes wrong at the provider. */
export function renderErrorPage(opts: { heading?: string; message: string; details?: Record<string, unknown> }): string {
  const details = opts.details
    ? Object.entries(opts.details)
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd><pre>${escapeHtml(v)}</pre></dd>`)
        .join('\n')
    : '';
  const heading = opts.heading ?? 'Något gick fel';
  return layout(
    heading,
    `<div class="card">
<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(opts.message)}</p>
${details ? `<h2>Tekniska detaljer</h2>\n<dl>${details}</dl>` : ''}
</div>`,
  );
}

/** The logout question (RP-initiated logout); `form` is the provider's own hidden form, id op.logoutForm. */
export function renderLogoutPage(form: string, host: string): string {
  return layout(
    'Logga ut',
    `<div class="card">
<h1>Vill du logga ut från ${escapeHtml(host)}?</h1>
${form}
<div class="actions">
<button type="submit" class="primary" form="op.logoutForm" name="logout" value="yes" autofocus>Ja, logga ut</button>
<button type="submit" class="secondary" form="op.logoutForm">Nej, förbli inloggad</button>
</div>
</div>`,
  );
}

export function renderLoggedOutPage(): string {
  return layout(
    'Utloggad',
    `<div class="card">
<h1>Du är utloggad</h1>
<p>Du har loggats ut från e-legitimationstjänsten.</p>
</div>`,
  );
}
