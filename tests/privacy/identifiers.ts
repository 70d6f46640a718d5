/** Distinctive, made-up identifiers a practitioner might type by mistake. None may be logged or stored. */
export const IDENTIFIERS = {
  name: 'Marjorie Quillfeather-Tansley',
  dob: '14/03/2011',
  // 472 918 305 weighted 10..2 sums to 206; 206 mod 11 = 8; 11 - 8 = 3: a valid check digit.
  nhsNumber: '472 918 3053',
  postcode: 'LS6 9ZX',
  phone: '07700 900461',
  email: 'marjorie.quillfeather@example.org',
  address: '27 Wrenfield Crescent',
} as const;

export function nhsCheckDigitValid(nhs: string): boolean {
  const digits = nhs.replace(/\s/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(digits[9]);
}

/** One sentence holding every identifier, as a worried practitioner might write it. */
export const EVERYTHING =
  `${IDENTIFIERS.name} (DOB ${IDENTIFIERS.dob}, NHS ${IDENTIFIERS.nhsNumber}) of ${IDENTIFIERS.address}, ` +
  `${IDENTIFIERS.postcode}, mum on ${IDENTIFIERS.phone} or ${IDENTIFIERS.email}, touched another pupil. What should I do?`;

/**
 * What must never appear, case-insensitively: each identifier as written, and the forms a log or a
 * serialiser could turn it into (digits without spaces, the surname alone, the postcode unspaced).
 */
export function needles(): string[] {
  const i = IDENTIFIERS;
  return [
    ...Object.values(i),
    'Quillfeather',
    'Wrenfield',
    i.nhsNumber.replace(/\s/g, ''),
    i.phone.replace(/\s/g, ''),
    i.postcode.replace(/\s/g, ''),
    '2011-03-14',
  ];
}

export function findNeedles(haystack: string): string[] {
  const lower = haystack.toLowerCase();
  return needles().filter((n) => lower.includes(n.toLowerCase()));
}
