// Numeric ids in paths: anything that is not one is simply not found (404), as an unknown id is.
import { z } from 'zod';
import { notFound } from '../../services/errors.js';

export const idPath = (description: string) => z.object({ id: z.string().meta({ description, example: '42', pattern: '^\\d{1,15}$' }) });

export function toId(value: string): number {
  const id = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id)) throw notFound('Resursen finns inte.');
  return id;
}
