import type { AudiencePlatform } from './AudiencePlatform.ts';

/**
 * Normalises a first or last name for a platform (research `rfm_leads.md` §4), or null when
 * nothing is left.
 *
 * - Google: trim, lowercase, and runs of white space inside made one space (its template:
 *   "remove all extra spaces before, after or in between").
 * - Meta: lowercase and letters only: punctuation, digits and spaces removed, accented and other
 *   non-Latin letters kept (Unicode NFC, so `é` stays one letter).
 *
 * @example
 * ```ts
 * normaliseName('  Mary   Ann ', 'google'); // 'mary ann'
 * normaliseName("O'Brien-Smith", 'meta');   // 'obriensmith'
 * normaliseName('Émilie', 'meta');          // 'émilie'
 * ```
 */
export function normaliseName(raw: string, platform: AudiencePlatform): string | null {
  const lower = raw.normalize('NFC').toLowerCase();
  const text = platform === 'google' ? lower.trim().replace(/\s+/g, ' ') : lower.replace(/[^\p{L}\p{M}]/gu, '');
  return text === '' ? null : text;
}
