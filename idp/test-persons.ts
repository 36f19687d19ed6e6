// Development identities offered by the local e-legitimation provider. Every personnummer is made
// up (valid check digit, serial in the 98x range like the seeded customer), never a real person's.
// `npm start` and tests seed customer and staff rows from these same lists.

export type StaffRole = 'handler' | 'admin';

export interface TestPerson {
  /** 12 digits, YYYYMMDDNNNN. */
  personnummer: string;
  name: string;
  givenName: string;
  familyName: string;
  email: string;
}

export interface TestStaffPerson extends TestPerson {
  role: StaffRole;
}

/** Åsa is seeded as a customer by `npm start`; Nils is a new person without an account. */
export const testCustomers = [
  {
    personnummer: '198507099805',
    name: 'Åsa Öberg',
    givenName: 'Åsa',
    familyName: 'Öberg',
    email: 'asa.oberg@exempel.se',
  },
  {
    personnummer: '199203149811',
    name: 'Nils Nyström',
    givenName: 'Nils',
    familyName: 'Nyström',
    email: 'nils.nystrom@exempel.se',
  },
] as const satisfies readonly TestPerson[];

export const testStaff = [
  {
    personnummer: '197911029820',
    name: 'Hanna Handläggare',
    givenName: 'Hanna',
    familyName: 'Handläggare',
    email: 'hanna@kundportal.local',
    role: 'handler',
  },
  {
    personnummer: '197006219831',
    name: 'Adam Administratör',
    givenName: 'Adam',
    familyName: 'Administratör',
    email: 'adam@kundportal.local',
    role: 'admin',
  },
] as const satisfies readonly TestStaffPerson[];

/** Everyone, customers first; the order the login page lists them in. */
export const testPersons: readonly (TestPerson | TestStaffPerson)[] = [...testCustomers, ...testStaff];

export function findTestPerson(personnummer: string): TestPerson | TestStaffPerson | undefined {
  return testPersons.find((p) => p.personnummer === personnummer);
}
