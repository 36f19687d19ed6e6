/**
 * Shown for an account moved in from an earlier customer portal until its person has verified it with
 * e-legitimation: until then it has no personnummer, and no one can log in to it.
 */
export const AWAITING_VERIFICATION = 'Väntar på verifiering';
