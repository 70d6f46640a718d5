const NUMBER_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];

/**
 * Ways practitioners write a child's age ("9 yr old", "aged nine", "7yo"). An age band in pack.yaml
 * turns every age in it into a synonym of the band's name, so "a 9 year old" meets guidance written
 * for "under 10s" without each item listing ages.
 */
export function agePhrases(age: number): string[] {
  const numbers = [String(age), ...(NUMBER_WORDS[age] ? [NUMBER_WORDS[age]] : [])];
  const phrases = numbers.flatMap((n) => [
    `${n} year old`,
    `${n} years old`,
    `${n} yr old`,
    `${n} yrs old`,
    `aged ${n}`,
  ]);
  return [...phrases, `${age}yo`, `${age} yo`, `${age}yrs`, `${age}yr`];
}

/** The synonym table with each band's ages added to the group of the band's name. */
export function withAgeBands(
  synonyms: Record<string, string[]>,
  bands: Record<string, { from: number; to: number }>,
): Record<string, string[]> {
  const out = { ...synonyms };
  for (const [name, { from, to }] of Object.entries(bands)) {
    const ages: string[] = [];
    for (let age = from; age <= to; age++) ages.push(...agePhrases(age));
    out[name] = [...(out[name] ?? []), ...ages];
  }
  return out;
}
