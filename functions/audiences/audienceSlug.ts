/**
 * A file-name-safe name for an audience: lowercase ASCII letters, digits and dashes, accents
 * removed, apostrophes dropped (so "Can't Lose Them" reads `cant-lose-them`).
 *
 * @example
 * ```ts
 * audienceSlug("Can't Lose Them"); // 'cant-lose-them'
 * audienceSlug('Ökö Käufer');      // 'oko-kaufer'
 * ```
 */
export function audienceSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'audience' : slug;
}
