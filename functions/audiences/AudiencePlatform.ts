/**
 * The ad platforms an audience file is made for. Each has its own normalisation and file layout
 * (research `rfm_leads.md` §4): Google Ads Customer Match and Meta custom audiences.
 */
export const AUDIENCE_PLATFORMS = ['google', 'meta'] as const;

export type AudiencePlatform = (typeof AUDIENCE_PLATFORMS)[number];

/** Name shown to people (Summary, README). */
export const PLATFORM_LABELS: Readonly<Record<AudiencePlatform, string>> = {
  google: 'Google Customer Match',
  meta: 'Meta custom audience',
};
