// Typed outcomes a service refuses with; the API and the portal each present them in their own way.
import type { FieldError } from '../domain/index.js';

export type ServiceErrorKind = 'invalid' | 'refused' | 'not-found' | 'conflict' | 'idempotency-conflict';

export class ServiceError extends Error {
  constructor(
    readonly kind: ServiceErrorKind,
    readonly title: string,
    readonly detail: string,
    /** A problem type URI, and for `invalid` the fields at fault. */
    readonly extra: { type?: string; errors?: FieldError[] } = {},
  ) {
    super(detail);
  }
}

export const invalid = (detail: string, errors: FieldError[]) => new ServiceError('invalid', 'Ogiltiga uppgifter', detail, { errors });
export const refused = (detail: string, o: { title?: string; type?: string } = {}) =>
  new ServiceError('refused', o.title ?? 'Åtkomst nekad', detail, o.type ? { type: o.type } : {});
export const notFound = (detail = 'Ärendet finns inte.') => new ServiceError('not-found', 'Hittades inte', detail);
export const conflict = (title: string, detail: string, type?: string) => new ServiceError('conflict', title, detail, type ? { type } : {});
