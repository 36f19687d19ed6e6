import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BROKEN_CHARACTER_IN_FIELD_NAME,
  BROKEN_CHARACTER_IN_TEXT,
  NUL_IN_FIELD_NAME,
  NUL_IN_TEXT,
  checkStoredText,
  tooDeepMessage,
} from './stored-text.js';

describe('checkStoredText', () => {
  it('accepts ordinary Swedish text, emoji (surrogate pairs) and every JSON type', () => {
    const body = { contact: { name: 'Åsa Öberg 👩‍⚕️', phone: null, notify: true }, rows: [{ n: 1.5 }, 'text', []], '€': '' };
    expect(checkStoredText(body)).toEqual({ ok: true });
    expect(checkStoredText('fritext')).toEqual({ ok: true });
    expect(checkStoredText(42)).toEqual({ ok: true });
  });

  it('names every string value and key with NUL or a lone surrogate, in document order', () => {
    const body = JSON.parse(
      '{"contact":{"name":"Å\\u0000sa","email":"\\ud800"},"rows":[{"ok":"x"},{"note":"\\udc00x\\u0000"}],"b\\u0000d":1,"\\udbff":{"x":"y"}}',
    );
    expect(checkStoredText(body)).toEqual({
      ok: false,
      reason: 'unstorable',
      errors: [
        { field: 'contact.name', message: NUL_IN_TEXT },
        { field: 'contact.email', message: BROKEN_CHARACTER_IN_TEXT },
        { field: 'rows.1.note', message: NUL_IN_TEXT },
        { field: 'rows.1.note', message: BROKEN_CHARACTER_IN_TEXT },
        { field: 'b\ufffdd', message: NUL_IN_FIELD_NAME },
        { field: '\ufffd', message: BROKEN_CHARACTER_IN_FIELD_NAME },
      ],
    });
  });

  it('tells a lone surrogate from a pair, at either end of the text', () => {
    const broken = (s: string) => !checkStoredText(s).ok;
    expect(broken('\ud83d\ude00')).toBe(false);
    expect(broken('\ud83d')).toBe(true);
    expect(broken('a\ude00')).toBe(true);
    expect(broken('\ude00\ud83d')).toBe(true); // reversed pair
    expect(broken('\ud83d\ud83d\ude00')).toBe(true);
  });

  it('names the whole body as the empty field, and checks query and form records', () => {
    expect(checkStoredText('\u0000')).toEqual({ ok: false, reason: 'unstorable', errors: [{ field: '', message: NUL_IN_TEXT }] });
    const form = { q: 'abc', tag: ['ok', 'n\u0000'], file: new Blob(['\u0000']) };
    expect(checkStoredText(form)).toEqual({ ok: false, reason: 'unstorable', errors: [{ field: 'tag.1', message: NUL_IN_TEXT }] });
  });

  it('refuses nesting deeper than the limit, and accepts it at the limit', () => {
    const nest = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels));
    expect(checkStoredText(nest(32))).toEqual({ ok: true });
    expect(checkStoredText(nest(33))).toEqual({
      ok: false,
      reason: 'too-deep',
      errors: [{ field: Array(32).fill('0').join('.'), message: tooDeepMessage(32) }],
    });
    expect(checkStoredText({ a: { b: {} } }, { maxDepth: 2 })).toMatchObject({ reason: 'too-deep', errors: [{ field: 'a.b' }] });
  });

  it('survives 2,500 nested lists and 2,000 nested objects without overflowing the stack', () => {
    const lists = JSON.parse('['.repeat(2_500) + ']'.repeat(2_500));
    expect(checkStoredText(lists)).toMatchObject({ ok: false, reason: 'too-deep' });
    const objects = JSON.parse('{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000));
    expect(checkStoredText(objects)).toMatchObject({ ok: false, reason: 'too-deep', errors: [{ field: Array(32).fill('a').join('.') }] });
    // Built in code rather than parsed: far deeper than any call stack.
    let deep: unknown = 'x';
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(checkStoredText(deep, { maxDepth: Infinity })).toEqual({ ok: true });
  });

  it('stops at maxErrors, so a huge body gives a bounded answer', () => {
    const many = Array.from({ length: 10_000 }, () => '\u0000');
    const result = checkStoredText(many);
    expect(result).toMatchObject({ ok: false, reason: 'unstorable' });
    expect(!result.ok && result.errors).toHaveLength(100);
    expect(!result.ok && result.errors[99]).toEqual({ field: '99', message: NUL_IN_TEXT });
  });

  it('agrees on any text with a plain reading of "well-formed UTF-16 without NUL"', () => {
    const wellFormed = (s: string) => !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));
    const codeUnits = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd7ff, max: 0xe000 })), { maxLength: 8 });
    fc.assert(
      fc.property(codeUnits.map((units) => String.fromCharCode(...units)), (s) => {
        expect(checkStoredText(s).ok).toBe(wellFormed(s) && !s.includes('\u0000'));
        expect(checkStoredText({ [s]: 1 }).ok).toBe(wellFormed(s) && !s.includes('\u0000'));
      }),
    );
  });
});
