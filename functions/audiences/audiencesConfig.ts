// A namespace import, so bundlers can drop the parts of zod left unused.
import * as z from 'zod';
import { AUDIENCE_PLATFORMS } from './AudiencePlatform.ts';

/** Lead tiers an audience can be made of (open leads of that tier); see `leads/priorityMatrix.ts`. */
const LEAD_TIERS = ['Hot', 'Warm', 'Nurture', 'Low', 'Disqualified'] as const;

const distinct = <T>(list: readonly T[]): boolean => new Set(list).size === list.length;

/**
 * Ad-platform audiences: which segments and lead tiers become hashed audience files for which
 * platforms. Empty by default: no audience files are written until segments or tiers are listed.
 *
 * Minimum sizes default to 100 for both platforms: Meta asks to avoid lists of fewer than 100
 * people (research `rfm_leads.md` §4.2); Google serves Customer Match lists with at least 100
 * active matched users on Search, Display and YouTube (Google Ads help 7476585, since December
 * 2024; it used to be 1,000 on Search). The platforms count *matched* users, so a file at the
 * minimum is usually still too small once matched: raise the minimum to flag earlier.
 *
 * @example
 * ```ts
 * audiencesConfigSchema.parse({ segments: ['Champions'], defaultPhoneCountryCode: '44' });
 * // { segments: ['Champions'], leadTiers: [], platforms: ['google', 'meta'], minimumMembers: { google: 100, meta: 100 }, … }
 * ```
 */
export const audiencesConfigSchema = z
  .object({
    segments: z
      .array(z.string().min(1))
      .default([])
      .refine(distinct, 'a segment is listed twice')
      .describe('Customer segments (names from the segment table) exported as audiences.'),
    leadTiers: z
      .array(z.enum(LEAD_TIERS))
      .default([])
      .refine(distinct, 'a tier is listed twice')
      .describe('Lead tiers whose open leads are exported as audiences (lead job, or --job all).'),
    platforms: z
      .array(z.enum(AUDIENCE_PLATFORMS))
      .min(1)
      .default(['google', 'meta'])
      .refine(distinct, 'a platform is listed twice')
      .describe('Platforms to write one file per audience for.'),
    defaultPhoneCountryCode: z
      .string()
      .regex(/^[1-9]\d{0,2}$/, 'expected a country calling code of 1-3 digits, e.g. "1" or "44"')
      .optional()
      .describe('Calling code for phone numbers written without one (no + or 00); without it such numbers are dropped.'),
    minimumMembers: z
      .object({
        google: z.number().int().min(0).default(100),
        meta: z.number().int().min(0).default(100),
      })
      .strict()
      .prefault({})
      .describe('Audiences with fewer rows than this are flagged "below minimum" in the Summary and run.json.'),
  })
  .strict();

export type AudiencesConfig = z.output<typeof audiencesConfigSchema>;
