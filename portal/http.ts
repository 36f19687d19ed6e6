// What every portal page sends: a strict Content-Security-Policy (no inline scripts or styles), no
// sniffing, no framing, and HTML that starts with a doctype.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';

/** Only our own files; data: images for the design system's icons inside its CSS. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export function securityHeaders(c: Context) {
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'same-origin');
}

/** A whole page: JSX escapes every value it is given, so text from people is never markup. */
export async function sendPage(c: Context, page: Child, status: 200 | 400 | 403 | 404 | 409 | 429 = 200) {
  securityHeaders(c);
  c.header('Cache-Control', 'no-store');
  return c.html(`<!doctype html>${String(await page)}`, status);
}
