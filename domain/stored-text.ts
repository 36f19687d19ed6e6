// Text that Postgres cannot store, or would store altered: U+0000 (refused in text and jsonb) and
// lone UTF-16 surrogates (refused in jsonb, turned into U+FFFD in text). One check for a parsed JSON
// body or a record of query or form parameters, run before any schema. It walks with its own stack,
// so no nesting can overflow the call stack, and refuses nesting deeper than the schemas would need.
import type { FieldError } from './problem.js';

/** Deeper than any of our bodies (a SITHS order is 3 levels); recursive code below stays safe. */
export const MAX_NESTING_DEPTH = 32;
/** Enough to show what is wrong without letting one request build a huge answer. */
export const MAX_STORED_TEXT_ERRORS = 100;

export const NUL_IN_TEXT = 'Texten innehåller ett otillåtet tecken (NUL).';
export const BROKEN_CHARACTER_IN_TEXT = 'Texten innehåller ett ofullständigt tecken som inte kan sparas.';
export const NUL_IN_FIELD_NAME = 'Fältnamnet innehåller ett otillåtet tecken (NUL).';
export const BROKEN_CHARACTER_IN_FIELD_NAME = 'Fältnamnet innehåller ett ofullständigt tecken som inte kan sparas.';
export const tooDeepMessage = (maxDepth: number) => `Uppgifterna är nästlade i för många nivåer (högst ${maxDepth}).`;

export type StoredTextCheck =
  | { ok: true }
  /** One error: the first list or object nested deeper than allowed. */
  | { ok: false; reason: 'too-deep'; errors: FieldError[] }
  /** Every string value and key that cannot be stored, in document order (at most maxErrors). */
  | { ok: false; reason: 'unstorable'; errors: FieldError[] };

// A path as a chain of segments, joined only when an error names it: long keys are never copied.
interface PathNode {
  parent: PathNode | undefined;
  segment: string;
}
type Item = { kind: 'value'; value: unknown; path: PathNode | undefined; depth: number } | { kind: 'key'; key: string; path: PathNode };

const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_GLOBAL = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Dotted, as zod's paths ('contact.name', 'rows.0.email'); offending characters shown as U+FFFD. */
function fieldOf(path: PathNode | undefined): string {
  const segments: string[] = [];
  for (let node = path; node; node = node.parent) segments.push(node.segment.replace(UNSTORABLE_GLOBAL, '\ufffd'));
  return segments.reverse().join('.');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks every string value and object key in `value` (a parsed JSON value, or a record of query or
 * form parameters whose values are strings, lists of strings or files) for NUL and lone surrogates,
 * and refuses lists and objects nested deeper than `maxDepth` (the top-level object is level 1).
 */
export function checkStoredText(value: unknown, opts: { maxDepth?: number; maxErrors?: number } = {}): StoredTextCheck {
  const maxDepth = opts.maxDepth ?? MAX_NESTING_DEPTH;
  const maxErrors = opts.maxErrors ?? MAX_STORED_TEXT_ERRORS;
  const errors: FieldError[] = [];
  const report = (text: string, path: PathNode | undefined, nul: string, broken: string) => {
    if (NUL.test(text)) errors.push({ field: fieldOf(path), message: nul });
    if (LONE_SURROGATE.test(text)) errors.push({ field: fieldOf(path), message: broken });
  };
  const stack: Item[] = [{ kind: 'value', value, path: undefined, depth: 0 }];
  while (stack.length > 0 && errors.length < maxErrors) {
    const item = stack.pop()!;
    if (item.kind === 'key') {
      report(item.key, item.path, NUL_IN_FIELD_NAME, BROKEN_CHARACTER_IN_FIELD_NAME);
      continue;
    }
    if (typeof item.value === 'string') {
      report(item.value, item.path, NUL_IN_TEXT, BROKEN_CHARACTER_IN_TEXT);
      continue;
    }
    const isArray = Array.isArray(item.value);
    if (!isArray && !isPlainObject(item.value)) continue; // numbers, booleans, null, files
    const depth = item.depth + 1;
    if (depth > maxDepth) return { ok: false, reason: 'too-deep', errors: [{ field: fieldOf(item.path), message: tooDeepMessage(maxDepth) }] };
    // Pushed last to first, so they are popped (and reported) in document order.
    if (isArray) {
      const list = item.value as unknown[];
      for (let i = list.length - 1; i >= 0; i--) {
        stack.push({ kind: 'value', value: list[i], path: { parent: item.path, segment: String(i) }, depth });
      }
    } else {
      const record = item.value as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let i = keys.length - 1; i >= 0; i--) {
        const path = { parent: item.path, segment: keys[i]! };
        stack.push({ kind: 'value', value: record[keys[i]!], path, depth }, { kind: 'key', key: keys[i]!, path });
      }
    }
  }
  if (errors.length === 0) return { ok: true };
  return { ok: false, reason: 'unstorable', errors: errors.slice(0, maxErrors) };
}
