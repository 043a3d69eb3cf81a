/**
 * A tab name both Excel and Google Sheets accept: no `[ ] * ? / \ :`, at most 31 characters
 * (Excel's limit, the stricter of the two), unique among `taken` (compared case-insensitively,
 * as both products do).
 *
 * @example
 * ```ts
 * tabName("Can't Lose Them", new Set()); // "Can't Lose Them"
 * ```
 */
export function tabName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]*?/\\:]/g, '-').trim().slice(0, 31) || 'Tab';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}
