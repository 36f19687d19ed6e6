import { describe, expect, it } from 'vitest';
import { CASE_TYPES } from './case-types.js';
import { DEFAULT_SERVICE_LEVEL_TARGETS, formatBusinessDuration, timeLeftText } from './service-levels.js';

describe('time left in business time, in Swedish', () => {
  it.each([
    [135, '2 h 15 min kvar'],
    [120, '2 h kvar'],
    [59.9, '59 min kvar'],
    [0.5, 'Mindre än 1 min kvar'],
    [0, 'Mindre än 1 min kvar'],
    [420, '1 dag kvar'],
    [420 + 180 + 59, '1 dag 3 h kvar'],
    [3 * 420, '3 dagar kvar'],
    [-420, 'Försenat 1 dag'],
    [-(2 * 420 + 60), 'Försenat 2 dagar 1 h'],
    [-135, 'Försenat 2 h 15 min'],
    [-5.5, 'Försenat 5 min'],
    [-0.2, 'Försenat mindre än 1 min'],
  ])('%s minutes: %s', (minutes, text) => expect(timeLeftText(minutes)).toBe(text));

  it('a day is the calendar’s business day', () => {
    expect(timeLeftText(1440, 1440)).toBe('1 dag kvar');
    expect(formatBusinessDuration(480, 480)).toBe('1 dag');
    expect(formatBusinessDuration(480)).toBe('1 dag 1 h');
  });
});

it('every case type has default targets that satisfy the rules the API enforces', () => {
  for (const type of CASE_TYPES) {
    const t = DEFAULT_SERVICE_LEVEL_TARGETS[type];
    expect(t.firstResponseMinutes).toBeGreaterThan(0);
    expect(t.resolutionMinutes).toBeGreaterThanOrEqual(t.firstResponseMinutes);
    expect(t.autoCloseAfterDays === 0 || t.autoCloseAfterDays > t.reminderAfterDays).toBe(true);
  }
});
