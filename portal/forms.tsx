// Plain HTML forms: each carries the session's CSRF token as a field (a form cannot send the header
// the JSON API asks for), checked here before a page acts, then POST-redirect-GET.
import type { Context } from 'hono';
import { csrfRefusal } from '../api/auth.js';
import type { Principal } from '../services/principal.js';

export const CsrfField = ({ token }: { token: string | undefined }) => <input type="hidden" name="csrf" value={token ?? ''} />;

/** The form's text fields, or undefined when its CSRF token is not this session's. */
export async function readForm(c: Context, p: Principal): Promise<Record<string, string> | undefined> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') fields[name] = value;
  return csrfRefusal(c, p, fields.csrf) ? undefined : fields;
}

/** A field's error, by the dotted path the schemas and services name it with. */
export type FormErrors = Array<{ field: string; message: string }>;

/** The id of a field's input, which the error summary links to. */
export const fieldId = (name: string) => `falt-${name}`;

const countText = (n: number) => (n === 1 ? '1 uppgift behöver rättas' : `${n} uppgifter behöver rättas`);

/** The page title of a form: the number of errors first, so a screen reader hears it at once. */
export const formTitle = (title: string, errors: FormErrors) => (errors.length ? `Fel: ${countText(errors.length)} – ${title}` : title);

/** At the top of a form that came back: how many, and a link to each field. Focused on arrival. */
export function ErrorSummary({ errors }: { errors: FormErrors }) {
  if (errors.length === 0) return null;
  return (
    <div class="ds-error-summary" id="felsammanfattning" tabindex={-1} autofocus aria-labelledby="felsammanfattning-rubrik">
      <h2 class="ds-heading" data-size="xs" id="felsammanfattning-rubrik">
        {countText(errors.length)}
      </h2>
      <ul class="ds-list">
        {errors.map((e) => (
          <li>
            <a class="ds-link" href={`#${fieldId(e.field)}`}>
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

const errorFor = (errors: FormErrors, name: string) => errors.find((e) => e.field === name)?.message;

/** A labelled text input saying in words whether it is required, with its hint and its error beside it. */
export function TextField(props: {
  name: string;
  label: string;
  required: boolean;
  value: string | undefined;
  errors: FormErrors;
  hint?: string;
  type?: 'text' | 'email';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text';
}) {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  const describedBy = [props.hint && `${id}-tips`, error && `${id}-fel`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="ds-field kp-field">
      <label class="ds-label" for={id}>
        {props.label} <span class="kp-need">{props.required ? '(obligatoriskt)' : '(frivilligt)'}</span>
      </label>
      {props.hint && (
        <p class="ds-paragraph kp-hint" id={`${id}-tips`} data-size="sm">
          {props.hint}
        </p>
      )}
      {error && (
        <p class="ds-validation-message" id={`${id}-fel`} data-color="danger">
          {error}
        </p>
      )}
      <input
        class="ds-input"
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        aria-describedby={describedBy}
        aria-invalid={error ? 'true' : undefined}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
      />
    </div>
  );
}

/** One checkbox with its label, and its error beside it. */
export function Checkbox(props: { name: string; label: string; checked: boolean; errors: FormErrors }) {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  return (
    <div class="ds-field kp-field">
      {error && (
        <p class="ds-validation-message" id={`${id}-fel`} data-color="danger">
          {error}
        </p>
      )}
      <div class="kp-check">
        <input
          class="ds-input"
          type="checkbox"
          id={id}
          name={props.name}
          value="ja"
          checked={props.checked}
          aria-describedby={error ? `${id}-fel` : undefined}
          aria-invalid={error ? 'true' : undefined}
        />
        <label class="ds-label" for={id} data-weight="regular">
          {props.label}
        </label>
      </div>
    </div>
  );
}

/** A labelled text area, like TextField. */
export function TextArea(props: { name: string; label: string; required: boolean; value: string | undefined; errors: FormErrors; rows?: number }) {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  return (
    <div class="ds-field kp-field">
      <label class="ds-label" for={id}>
        {props.label} <span class="kp-need">{props.required ? '(obligatoriskt)' : '(frivilligt)'}</span>
      </label>
      {error && (
        <p class="ds-validation-message" id={`${id}-fel`} data-color="danger">
          {error}
        </p>
      )}
      <textarea
        class="ds-input"
        id={id}
        name={props.name}
        rows={props.rows ?? 6}
        aria-describedby={error ? `${id}-fel` : undefined}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

/** A key per intent: rendered into the form once, so a double click or a resent form acts only once. */
export const IntentKeyField = ({ value }: { value: string }) => <input type="hidden" name="nyckel" value={value} />;

/** The key the form came with, if it looks like one of ours. */
export const intentKey = (fields: Record<string, string>) => (/^[\w-]{16,64}$/.test(fields.nyckel ?? '') ? fields.nyckel : undefined);
