// The e-legitimations a person can log in with, and their names as Inera's page writes them.

export const LOGIN_METHODS = ['bankid', 'freja', 'siths'] as const;
export type LoginMethod = (typeof LOGIN_METHODS)[number];
export const isLoginMethod = (v: unknown): v is LoginMethod => (LOGIN_METHODS as readonly unknown[]).includes(v);

/** The names in explanations, spelled as the seed page spells them ("Använd Bank-id eller Freja e-id"). */
export const LOGIN_METHOD_NAMES: Record<LoginMethod, string> = { bankid: 'Bank-id', freja: 'Freja e-id', siths: 'SITHS eID' };

/** "A", "A eller B", "A, B eller C": how a sentence lists the methods. */
export function methodList(methods: readonly LoginMethod[]): string {
  const names = methods.map((m) => LOGIN_METHOD_NAMES[m]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} eller ${names.at(-1)}`;
}
