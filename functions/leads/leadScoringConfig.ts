/**
 * Lead-scoring configuration: fit rules and disqualifiers (grade A–D, F), engagement points with
 * caps and decay (band 1–4), the grade × engagement priority matrix with tiers and next actions,
 * the conversion model, segment breakdowns and the lead tabs. Every field has a default that
 * works on typical B2B exports, so `leadScoringConfigSchema.parse({})` is a usable config.
 *
 * Lists and maps given by the user replace the defaults (they are not merged), so a config says
 * in one place which rules apply.
 *
 * @example
 * ```ts
 * const config = leadScoringConfigSchema.parse({
 *   fit: { competitorDomains: ['rival.com'] },
 *   model: { windowDays: 60 },
 * });
 * config.engagement.halfLifeDays; // 30
 * ```
 */
// A namespace import, so bundlers can drop the parts of zod left unused (its 60+ locales: 0.35 MB of the Lambda bundle).
import * as z from 'zod';

const fieldName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'field names are snake_case: a canonical lead field or a mapped attribute');

const activityType = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_]*$/, 'activity types are snake_case, e.g. "pricing_page_view"');

/** One test on one field. Text compares case-insensitively; a missing value fails every test but `present: false`. */
export const ruleConditionSchema = z.union([
  z
    .object({
      field: fieldName,
      in: z.array(z.union([z.string(), z.number()])).min(1).describe('Value is one of these.'),
    })
    .strict(),
  z
    .object({
      field: fieldName,
      range: z
        .object({
          min: z.number().optional().describe('Inclusive lower bound.'),
          max: z.number().optional().describe('Inclusive upper bound.'),
        })
        .strict()
        .refine((r) => r.min !== undefined || r.max !== undefined, 'a range needs min, max or both')
        .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'range min must be <= max'),
    })
    .strict(),
  z
    .object({
      field: fieldName,
      containsWords: z
        .array(z.string().min(1))
        .min(1)
        .describe('Text contains one of these words or phrases as whole words ("intern" does not match "international").'),
    })
    .strict(),
  z.object({ field: fieldName, equals: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
  z.object({ field: fieldName, present: z.boolean().describe('true: has a value; false: is empty.') }).strict(),
]);

const when = z
  .union([ruleConditionSchema, z.array(ruleConditionSchema).min(1)])
  .describe('A condition, or a list of conditions that must all hold.');

/** A fit rule: points when its condition holds. */
export const fitRuleSchema = z
  .object({
    label: z.string().min(1).describe('Name of the rule, shown in explanations.'),
    when,
    points: z.number().describe('Points added (negative: subtracted) when the rule matches.'),
    group: z
      .string()
      .min(1)
      .optional()
      .describe('Rules sharing a group are alternatives: only the first matching one in list order counts.'),
    reason: z
      .string()
      .min(1)
      .optional()
      .describe('Wording in the reasons column; default: field and value, e.g. "industry: Software".'),
  })
  .strict();

/** A disqualifier: when its condition holds the lead is grade F. */
export const disqualifierSchema = z
  .object({
    label: z.string().min(1).describe('Why the lead is disqualified, e.g. "student or intern title".'),
    when,
    b2bOnly: z.boolean().default(false).describe('Applies only when fit.b2b is true.'),
  })
  .strict();

const DEFAULT_DISQUALIFIERS: z.input<typeof disqualifierSchema>[] = [
  {
    label: 'malformed email',
    when: [
      { field: 'email', present: true },
      { field: 'email_valid', equals: false },
    ],
  },
  { label: 'student or intern title', when: { field: 'title', containsWords: ['student', 'intern', 'internship', 'undergraduate'] } },
  { label: 'personal (free-mail) email', when: { field: 'free_mail', equals: true }, b2bOnly: true },
];

const DEFAULT_FIT_RULES: z.input<typeof fitRuleSchema>[] = [
  { label: 'Company size 50-1,000', group: 'company size', when: { field: 'company_size', range: { min: 50, max: 1000 } }, points: 15 },
  { label: 'Company size over 1,000', group: 'company size', when: { field: 'company_size', range: { min: 1001 } }, points: 10 },
  { label: 'Company size 10-49', group: 'company size', when: { field: 'company_size', range: { min: 10, max: 49 } }, points: 5 },
  { label: 'Company size under 10', group: 'company size', when: { field: 'company_size', range: { max: 9 } }, points: -10 },
  {
    label: 'VP / director / head title',
    group: 'seniority',
    when: { field: 'title', containsWords: ['vp', 'vice president', 'svp', 'evp', 'director', 'head'] },
    points: 12,
  },
  {
    label: 'C-level / founder title',
    group: 'seniority',
    when: {
      field: 'title',
      containsWords: ['chief', 'ceo', 'cto', 'cfo', 'coo', 'cmo', 'cio', 'founder', 'co-founder', 'owner', 'president', 'partner'],
    },
    points: 15,
  },
  { label: 'Manager title', group: 'seniority', when: { field: 'title', containsWords: ['manager'] }, points: 6 },
  {
    label: 'Consultant / freelancer title',
    group: 'seniority',
    when: { field: 'title', containsWords: ['consultant', 'freelance', 'freelancer', 'self-employed'] },
    points: -5,
  },
  {
    label: 'Target industry',
    when: {
      field: 'industry',
      in: ['software', 'saas', 'information technology', 'it services', 'internet', 'technology', 'financial services', 'fintech'],
    },
    points: 10,
  },
  { label: 'Annual revenue 10M+', group: 'revenue', when: { field: 'annual_revenue', range: { min: 10_000_000 } }, points: 10 },
  // First match in a group counts, so this one holds revenue 1M up to 10M.
  { label: 'Annual revenue 1M+', group: 'revenue', when: { field: 'annual_revenue', range: { min: 1_000_000 } }, points: 5 },
  { label: 'Budget 10k+', when: { field: 'budget', range: { min: 10_000 } }, points: 10 },
  { label: 'No company name', when: { field: 'company', present: false }, points: -5 },
];

/** Fit: who the lead is (rules, disqualifiers, grade thresholds). */
export const fitSchema = z
  .object({
    b2b: z.boolean().default(true).describe('B2B: free-mail addresses disqualify (disqualifiers with b2bOnly).'),
    competitorDomains: z
      .array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'expected a domain such as "rival.com"'))
      .default([])
      .describe('Leads whose email or company domain is one of these (or a subdomain) are disqualified as competitors.'),
    disqualifiers: z
      .array(disqualifierSchema)
      .prefault(DEFAULT_DISQUALIFIERS)
      .describe('Any match gives grade F; default: malformed email, student/intern title, free-mail email in B2B.'),
    rules: z
      .array(fitRuleSchema)
      .prefault(DEFAULT_FIT_RULES)
      .describe('Fit rules (no decay: fit is who the lead is); their points add up to the fit points.'),
    grades: z
      .object({
        A: z.number().default(35),
        B: z.number().default(20),
        C: z.number().default(8),
      })
      .strict()
      .refine((g) => g.A > g.B && g.B > g.C, 'grade thresholds must satisfy A > B > C')
      .prefault({})
      .describe('Minimum fit points per grade; below C is D.'),
  })
  .strict();

/** Scoring of one activity type. */
export const activityScoringSchema = z
  .object({
    points: z.number().describe('Points per (decayed) event; negative for bad signs such as unsubscribes.'),
    cap: z.number().positive().describe('Most points (in absolute value) this activity type can contribute.'),
    label: z
      .string()
      .min(1)
      .optional()
      .describe('Wording in reasons, a verb phrase: "visited pricing" gives "visited pricing 3x, last 2 days ago".'),
  })
  .strict();

const DEFAULT_ACTIVITIES: Record<string, z.input<typeof activityScoringSchema>> = {
  email_open: { points: 1, cap: 5, label: 'opened email' },
  email_click: { points: 3, cap: 15, label: 'clicked email' },
  page_view: { points: 1, cap: 10, label: 'visited website' },
  web_visit: { points: 1, cap: 10, label: 'visited website' },
  pricing_page_view: { points: 5, cap: 20, label: 'visited pricing' },
  content_download: { points: 5, cap: 15, label: 'downloaded content' },
  form_submit: { points: 10, cap: 20, label: 'submitted form' },
  // Common export spellings of the same activities.
  form_submission: { points: 10, cap: 20, label: 'submitted form' },
  webinar: { points: 8, cap: 16, label: 'attended webinar' },
  webinar_attended: { points: 8, cap: 16, label: 'attended webinar' },
  event: { points: 8, cap: 16, label: 'attended event' },
  trial_signup: { points: 20, cap: 20, label: 'started trial' },
  demo_request: { points: 25, cap: 25, label: 'requested demo' },
  meeting: { points: 20, cap: 30, label: 'met sales' },
  careers_page_view: { points: -5, cap: 10, label: 'visited careers page' },
  unsubscribe: { points: -10, cap: 10, label: 'unsubscribed' },
  email_bounce: { points: -5, cap: 10, label: 'email bounced' },
};

const bandsSchema = z.union([
  z
    .object({
      method: z.literal('thresholds'),
      thresholds: z
        .tuple([z.number(), z.number(), z.number()])
        .refine(([a, b, c]) => a > b && b > c, 'thresholds are the minimum scores of bands 1, 2, 3, decreasing')
        .describe('Minimum engagement score of bands 1, 2 and 3; lower is band 4.'),
    })
    .strict(),
  z
    .object({
      method: z.literal('percentiles'),
      topShares: z
        .tuple([z.number().gt(0).lt(1), z.number().gt(0).lt(1), z.number().gt(0).lt(1)])
        .refine(([a, b, c]) => a < b && b < c, 'topShares are cumulative shares of bands 1, 1-2, 1-3, increasing')
        .describe('Band 1 = top share of open leads, bands 1-2 = top share, bands 1-3 = top share; ties share a band.'),
    })
    .strict(),
]);

/** Engagement: what the lead does (points, caps, decay, bands). */
export const engagementSchema = z
  .object({
    halfLifeDays: z
      .number()
      .positive()
      .default(30)
      .describe('An event counts half after this many days, a quarter after twice as many (the SQL uses it too).'),
    activities: z
      .record(activityType, activityScoringSchema)
      .prefault(DEFAULT_ACTIVITIES)
      .describe('Points, cap and wording per activity type; replaces the default table when given.'),
    otherActivities: activityScoringSchema
      .prefault({ points: 1, cap: 5 })
      .describe('Scoring of activity types not listed in activities.'),
    bands: bandsSchema
      .prefault({ method: 'thresholds', thresholds: [35, 15, 3] })
      .describe(
        'Engagement bands 1 (most engaged) to 4: fixed score thresholds (stable between runs) or shares of open leads. A score of 0 or less is always band 4.',
      ),
  })
  .strict();

/** Tiers of the priority matrix, best first. */
export const TIERS = ['Hot', 'Warm', 'Nurture', 'Low'] as const;
const tier = z.enum(TIERS);
const matrixRow = z.tuple([tier, tier, tier, tier]).describe('Tier of engagement bands 1, 2, 3, 4 for this grade.');

/** The grade × engagement matrix and the next action per tier. */
export const prioritySchema = z
  .object({
    matrix: z
      .object({ A: matrixRow, B: matrixRow, C: matrixRow, D: matrixRow })
      .strict()
      .prefault({
        A: ['Hot', 'Hot', 'Warm', 'Nurture'],
        B: ['Hot', 'Warm', 'Nurture', 'Nurture'],
        C: ['Warm', 'Nurture', 'Nurture', 'Low'],
        D: ['Nurture', 'Low', 'Low', 'Low'],
      })
      .describe('Tier of each grade × engagement cell (A1 best … D4); grade F is always "Disqualified".'),
    actions: z
      .object({
        Hot: z.string().min(1).default('Call within 1 business day'),
        Warm: z.string().min(1).default('Add to a sales sequence this week'),
        Nurture: z.string().min(1).default('Keep in the newsletter / nurture track'),
        Low: z.string().min(1).default('No sales action; review next run'),
        Disqualified: z.string().min(1).default('No action (disqualified)'),
      })
      .strict()
      .prefault({})
      .describe('Recommended next action per tier.'),
  })
  .strict();

/** The conversion model (p_convert) and when to trust it. */
export const conversionModelSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Learn p_convert from past outcomes; false: rules only.'),
    windowDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe('A lead counts as converted when it converts within this many days of creation; younger leads have no known outcome yet.'),
    matchByDomain: z
      .boolean()
      .default(false)
      .describe('Also count a lead as converted when a buyer from its company domain (not a free-mail domain) first bought within the window.'),
    minConversions: z
      .number()
      .int()
      .min(10)
      .default(50)
      .describe('Fewest known conversions (and non-conversions) to train on; below it p_convert is left empty and the tab says why.'),
    l2: z
      .number()
      .min(0)
      .default(1)
      .describe('Ridge strength on standardised features (a Normal(0, 1/l2) prior per coefficient); keeps small data from overfitting.'),
    validationShare: z
      .number()
      .gt(0)
      .lt(0.9)
      .default(0.25)
      .describe('Newest share of known-outcome leads held out to measure AUC and lift (trained on the older ones).'),
    refit: z
      .boolean()
      .default(true)
      .describe('After validation, refit on all known-outcome leads (the newest data matters most) before predicting.'),
    minValidationAuc: z
      .number()
      .min(0.5)
      .max(1)
      .default(0.6)
      .describe('Below this validation AUC the model is no better than guessing: fall back to rules only.'),
    categoricalFields: z
      .array(fieldName)
      .default(['industry', 'source', 'country', 'region'])
      .describe('Fields one-hot encoded (frequent values; the rest grouped as other).'),
    numericFields: z
      .array(fieldName)
      .default(['company_size', 'annual_revenue', 'budget'])
      .describe('Numeric fields used as log(1 + value) with a missing-value flag.'),
    maxLevels: z.number().int().min(1).default(30).describe('Most values per categorical field (most frequent first).'),
    minLevelCount: z
      .number()
      .int()
      .min(1)
      .default(20)
      .describe('Fewest known-outcome leads a value (or activity type) needs to get its own coefficient.'),
    maxIterations: z.number().int().min(1).default(50).describe('Newton iterations at most.'),
  })
  .strict();

/** Segment breakdowns on the Lead Segments tab. */
export const breakdownsSchema = z
  .object({
    dimensions: z
      .array(fieldName)
      .default(['industry', 'company_size_band', 'country', 'region', 'source'])
      .describe('Breakdown dimensions: lead fields, company_size_band, or any mapped attribute.'),
    companySizeBands: z
      .array(z.number().int().positive())
      .min(1)
      .refine((a) => a.every((v, i) => i === 0 || v > (a[i - 1] as number)), 'band limits must increase')
      .default([10, 50, 200, 1000, 5000])
      .describe('Lower limits of the company size bands after the first: 1-9, 10-49, 50-199, 200-999, 1,000-4,999, 5,000+.'),
    maxValues: z.number().int().min(1).default(20).describe('Most values shown per dimension (largest first; the rest as "(other)").'),
  })
  .strict();

const tabName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^[\]*?/\\:]+$/, 'tab names cannot contain [ ] * ? / \\ :');

/** Lead tabs of the sheet. */
export const leadSheetSchema = z
  .object({
    priorityTabName: tabName.default('Lead Priority'),
    segmentsTabName: tabName.default('Lead Segments'),
    rowCap: z
      .number()
      .int()
      .min(1)
      .default(10_000)
      .describe('Most rows in a lead tab; the full list is always in leads.csv.'),
    ownerTabs: z.boolean().default(false).describe('Also one tab per owner with that owner’s open leads, same order.'),
    maxOwnerTabs: z.number().int().min(1).default(25).describe('Owner tabs at most (owners with most open leads first).'),
  })
  .strict();

/**
 * The lead-scoring section of the config.
 *
 * @example
 * ```ts
 * const config: LeadScoringConfig = leadScoringConfigSchema.parse({ fit: { competitorDomains: ['rival.com'] } });
 * ```
 */
export const leadScoringConfigSchema = z
  .object({
    fit: fitSchema.prefault({}),
    engagement: engagementSchema.prefault({}),
    priority: prioritySchema.prefault({}),
    model: conversionModelSchema.prefault({}),
    breakdowns: breakdownsSchema.prefault({}),
    sheet: leadSheetSchema.prefault({}),
  })
  .strict();

/** The lead-scoring configuration as written by a user. */
export type LeadScoringConfigInput = z.input<typeof leadScoringConfigSchema>;
/** The validated lead-scoring configuration with defaults applied. */
export type LeadScoringConfig = z.output<typeof leadScoringConfigSchema>;
export type RuleCondition = z.output<typeof ruleConditionSchema>;
export type FitRule = z.output<typeof fitRuleSchema>;
export type Disqualifier = z.output<typeof disqualifierSchema>;
export type FitConfig = z.output<typeof fitSchema>;
export type ActivityScoring = z.output<typeof activityScoringSchema>;
export type EngagementConfig = z.output<typeof engagementSchema>;
export type EngagementBandsConfig = EngagementConfig['bands'];
export type PriorityConfig = z.output<typeof prioritySchema>;
export type ConversionModelConfig = z.output<typeof conversionModelSchema>;
export type BreakdownsConfig = z.output<typeof breakdownsSchema>;
export type LeadSheetConfig = z.output<typeof leadSheetSchema>;
/** Tier of an open lead from the priority matrix. */
export type MatrixTier = (typeof TIERS)[number];
