// Valid Swedish test identities (Luhn check digit computed, not hard-coded).
function luhn(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A valid 12-digit personnummer born on the given date with the given 3-digit serial. */
export function personnummer(yyyymmdd: string, serial: number): string {
  const nine = yyyymmdd.slice(2) + String(serial).padStart(3, '0');
  return `${yyyymmdd}${String(serial).padStart(3, '0')}${luhn(nine)}`;
}
