// RFC 9457 problem details, and the conversion of zod validation errors into one.
// Pure: type-only import of zod.
import type { z } from 'zod';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export interface FieldError {
  /** Dotted path to the field, e.g. 'contact.personnummer' or 'rows.3.email'; '' for the whole body. */
  field: string;
  message: string;
}

export const VALIDATION_PROBLEM_TYPE = 'https://kundportal.se/problems/validation';
export const VALIDATION_PROBLEM_TITLE = 'Ogiltiga uppgifter';

export interface ValidationProblem extends ProblemDetails {
  type: typeof VALIDATION_PROBLEM_TYPE;
  title: string;
  status: 400;
  detail: string;
  errors: FieldError[];
}

/**
 * A problem object. `type` defaults to 'about:blank'; `extra` may set `type`,
 * `instance` or extension members, but never overrides status, title or detail.
 */
export function problem(
  status: number,
  title: string,
  detail?: string,
  extra?: Record<string, unknown>,
): ProblemDetails {
  const result: ProblemDetails = { type: 'about:blank', ...extra, title, status };
  if (detail !== undefined) result.detail = detail;
  return result;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

/** Turns a zod error into field errors, one per issue (unknown keys: one per key). */
export function fieldErrors(error: { issues: readonly z.core.$ZodIssue[] }): FieldError[] {
  const result: FieldError[] = [];
  const seen = new Set<string>();
  const add = (field: string, message: string) => {
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.push({ field, message });
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(fieldPath([...issue.path, key]), 'Okänt fält');
    } else {
      add(fieldPath(issue.path), issue.message);
    }
  }
  return result;
}

/** An RFC 9457 problem (400) describing every invalid field of a zod error. */
export function validationProblem(error: { issues: readonly z.core.$ZodIssue[] }): ValidationProblem {
  const errors = fieldErrors(error);
  const detail =
    errors.length === 1
      ? 'En uppgift är felaktig eller saknas.'
      : `${errors.length} uppgifter är felaktiga eller saknas.`;
  return { type: VALIDATION_PROBLEM_TYPE, title: VALIDATION_PROBLEM_TITLE, status: 400, detail, errors };
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'ett tal',
  int: 'ett heltal',
  boolean: 'ja eller nej (true/false)',
  array: 'en lista',
  object: 'ett objekt',
  date: 'ett datum',
};

/**
 * A Swedish error map for zod, for schemas that do not set their own messages:
 * `schema.safeParse(input, { error: swedishErrorMap })` or once at start-up with
 * `z.config({ customError: swedishErrorMap })`.
 */
export function swedishErrorMap(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Obligatoriskt fält saknas';
      return `Ogiltigt värde: förväntade ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'Fältet får inte vara tomt' : `Ange minst ${min} tecken`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Minst ${min} ${min === 1 ? 'post krävs' : 'poster krävs'}`;
      return `Värdet måste vara minst ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `Högst ${max} tecken är tillåtna`;
      if (issue.origin === 'array' || issue.origin === 'set') {
        return max === 1 ? 'Högst 1 post är tillåten' : `Högst ${max} poster är tillåtna`;
      }
      return `Värdet får vara högst ${max}`;
    }
    case 'invalid_format':
      if (issue.format === 'email') return 'Ogiltig e-postadress';
      if (issue.format === 'url') return 'Ogiltig webbadress';
      if (issue.format === 'uuid' || issue.format === 'guid') return 'Ogiltigt id';
      if (issue.format === 'datetime' || issue.format === 'date') return 'Ogiltigt datum';
      return 'Ogiltigt format';
    case 'invalid_value':
      return issue.values.length === 1
        ? `Ogiltigt värde: förväntade ${String(issue.values[0])}`
        : `Ogiltigt värde: tillåtna värden är ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `${issue.keys.length === 1 ? 'Okänt fält' : 'Okända fält'}: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `Värdet måste vara en multipel av ${String(issue.divisor)}`;
    default:
      return 'Ogiltigt värde';
  }
}
