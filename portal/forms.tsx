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
