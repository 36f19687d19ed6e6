// The forms a case number may have. New cases get this portal's own form from the database
// (db/cases.ts); an earlier case moved in from a previous customer portal keeps its original number,
// which may have another form (domain/account-import.ts). No dependencies: db/ reads it on every look-up.

/**
 * An earlier portal's case number in another form: a letter first, then letters, digits and single
 * hyphens, with at least one digit, e.g. "ÄR-2023-1234". This portal's prefix "KP-" is reserved, so
 * such a number never meets a new one.
 */
const OTHER_CASE_NUMBER = /^(?!KP-)[A-ZÅÄÖ][A-ZÅÄÖ0-9]*(-[A-ZÅÄÖ0-9]+)*$/;

/** An earlier case number not in this portal's own form. */
export const isOtherCaseNumber = (n: string) => n.length <= 40 && OTHER_CASE_NUMBER.test(n) && /\d/.test(n);
