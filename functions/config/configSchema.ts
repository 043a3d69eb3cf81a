// A namespace import, so bundlers can drop the parts of zod left unused (its 60+ locales: 0.35 MB of the Lambda bundle).
import * as z from 'zod';
import { audiencesConfigSchema } from '../audiences/audiencesConfig.ts';
import { checkAudienceSegments } from '../audiences/checkAudienceSegments.ts';
import { leadScoringConfigSchema } from '../leads/leadScoringConfig.ts';
import { awsConfigSchema } from './awsConfig.ts';
import { benefitSegmentsConfigSchema } from '../benefit-segments/benefitSegmentsConfig.ts';
import { googleSheetsConfigSchema } from '../publishing/google-sheets/googleSheetsConfigSchema.ts';
import { isoDateSchema, timeZoneSchema } from './commonSchemas.ts';
import { historyConfigSchema } from '../segment-history/historyConfig.ts';

/**
 * The one configuration file (JSON). Every field has a documented default where one makes
 * sense; `config.schema.json` is generated from this schema (`npm run schema`) so editors
 * complete and check it.
 */

const isoDate = isoDateSchema;
const timeZone = timeZoneSchema;

/**
 * Maps canonical field → export column name or SQL expression in the portable subset, e.g.
 * `"amount": "Quantity * UnitPrice"`, `"is_return": "InvoiceNo LIKE 'C%'"`.
 */
const mapping = z
  .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'canonical field names are snake_case'), z.string().min(1))
  .describe('canonical field -> export column name or SQL expression');

const sourceBase = {
  path: z.string().min(1).describe('Local path or glob of the export file(s), relative to this config file.'),
  format: z.enum(['csv', 'csv.gz', 'parquet']).default('csv'),
  delimiter: z.string().length(1).default(',').describe('CSV field delimiter.'),
  header: z.boolean().default(true).describe('CSV: first line holds column names.'),
  timeZone: timeZone
    .default('UTC')
    .describe('Time zone of timestamps without an offset; dates are taken in this zone.'),
  mapping,
  filters: z
    .array(z.string().min(1))
    .default([])
    .describe('Row filters (SQL boolean expressions on export columns); rows failing them are counted, not used.'),
};

export const sourceSchema = z.object(sourceBase).strict();

const scoreRange = z
  .tuple([z.number().int().min(1), z.number().int().min(1)])
  .refine(([lo, hi]) => lo <= hi, 'expected [low, high] with low <= high');

export const segmentRuleSchema = z
  .object({
    name: z.string().min(1).max(90),
    description: z.string().default(''),
    action: z.string().default('').describe('Recommended action shown in the Summary.'),
    r: scoreRange,
    f: scoreRange,
    m: scoreRange,
  })
  .strict();

const binSpec = z.union([
  z.number().int().min(2).max(10),
  z
    .array(z.number())
    .min(1)
    .max(9)
    .refine((a) => a.every((v, i) => i === 0 || v > (a[i - 1] as number)), 'cut points must increase'),
]);

export const rfmSchema = z
  .object({
    bins: z
      .union([
        binSpec,
        z.object({ recency: binSpec.default(5), frequency: binSpec.default(5), monetary: binSpec.default(5) }).strict(),
      ])
      .default(5)
      .describe('Score bins: a count (quantile bins, 2-10) or explicit cut points, for all or per dimension.'),
    segments: z
      .array(segmentRuleSchema)
      .min(1)
      .optional()
      .describe('Named segments, first match wins; default: the built-in 11-segment table covering all 125 cells.'),
    unmatchedSegment: z.string().default('Others'),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().default('Customer segments').describe('Title of the workbook / spreadsheet.'),
    asOf: isoDate.optional().describe('Analysis date; default: today (UTC). The CLI flag --as-of overrides it.'),
    reportingCurrency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO currency code').default('USD'),
    fxRates: z
      .record(z.string().regex(/^[A-Z]{3}$/), z.number().positive())
      .default({})
      .describe('Units of reporting currency per unit of each other currency; rows in other currencies are quarantined.'),
    statuses: z
      .object({
        cancelled: z.array(z.string()).default(['cancelled', 'canceled', 'void', 'voided']),
        returned: z.array(z.string()).default(['returned', 'refunded']),
      })
      .strict()
      .default({ cancelled: ['cancelled', 'canceled', 'void', 'voided'], returned: ['returned', 'refunded'] })
      .describe('Order status values (case-insensitive) that mean cancelled (revenue 0) or returned (negative revenue).'),
    sources: z
      .object({
        orders: sourceSchema,
        customers: sourceSchema.optional(),
        leads: sourceSchema.optional(),
        leadActivities: sourceSchema.optional(),
      })
      .strict(),
    engine: z
      .object({
        memoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i).default('4GB'),
        threads: z.number().int().min(1).max(256).default(2),
      })
      .strict()
      .default({ memoryLimit: '4GB', threads: 2 }),
    rfm: rfmSchema.default({ bins: 5, unmatchedSegment: 'Others' }),
    benefitSegments: benefitSegmentsConfigSchema
      .prefault({})
      .describe('Benefit segments: ordered rules on behavioural features (discount share, categories, basket, ...), first match wins.'),
    profiles: z
      .object({
        dimensions: z
          .array(z.string().min(1))
          .default(['country', 'channel'])
          .describe('Profile dimensions: country, channel, product_category, favourite_category, benefit_segment or any customers-source attribute.'),
      })
      .strict()
      .default({ dimensions: ['country', 'channel'] }),
    output: z
      .object({
        dir: z.string().default('out').describe('Output folder, relative to this config file.'),
        sink: z.enum(['xlsx', 'sheets', 'none']).default('xlsx').describe('xlsx workbook, the Google Sheet of sinks.sheets, or none.'),
        rowCap: z
          .number()
          .int()
          .min(1)
          .default(10_000)
          .describe('Most rows in one segment tab; the full list is always in customers.csv.'),
        runLogKeep: z.number().int().min(1).default(500).describe('Run Log rows kept.'),
      })
      .strict()
      .default({ dir: 'out', sink: 'xlsx', rowCap: 10_000, runLogKeep: 500 }),
    clv: z
      .object({
        enabled: z.boolean().default(true).describe('Fit the CLV models and add CLV columns and the CLV tab.'),
        model: z
          .enum(['bgnbd', 'mbgnbd', 'pareto-nbd', 'auto'])
          .default('bgnbd')
          .describe('Purchase model; auto fits all three on the calibration period and keeps the lowest holdout error.'),
        timeUnit: z.enum(['day', 'week']).default('week').describe('Time unit of the models (--time-unit).'),
        holdout: z
          .number()
          .int()
          .min(0)
          .default(26)
          .describe('Holdout length in time units for the accuracy check (--holdout); 0 skips the check.'),
        horizon: z.number().positive().default(52).describe('Prediction horizon in time units.'),
        lifetime: z.boolean().default(false).describe('CLV over the customer lifetime instead of the horizon.'),
        annualDiscountRate: z.number().min(0).max(1).default(0.1).describe('Annual discount rate, compounded continuously.'),
        margin: z.number().min(0).max(1).default(1).describe('Gross margin applied to expected spend (1 = revenue).'),
        minRepeatBuyers: z.number().int().min(1).default(10),
      })
      .strict()
      .prefault({}),
    history: historyConfigSchema
      .prefault({})
      .describe('Segment history: a snapshot per as-of date, compared with the previous one (Movements and Migration tabs).'),
    leads: leadScoringConfigSchema
      .prefault({})
      .describe('Lead scoring: fit rules, engagement points and decay, priority tiers, the conversion model, breakdowns.'),
    audiences: audiencesConfigSchema
      .prefault({})
      .describe('Hashed audience files for Google Customer Match and Meta custom audiences, per segment and lead tier.'),
    aws: awsConfigSchema.optional().describe('Deployment on AWS (cdk deploy): buckets, Athena, schedules, alerts.'),
    sinks: z
      .object({
        sheets: googleSheetsConfigSchema.optional().describe('The Google Sheet to publish to (output.sink "sheets").'),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine(checkAudienceSegments);

/** The configuration as written by a user (defaults not yet applied). */
export type ConfigInput = z.input<typeof configSchema>;
/** The validated configuration with defaults applied. */
export type Config = z.output<typeof configSchema>;
export type SourceConfig = z.output<typeof sourceSchema>;
export type SegmentRule = z.output<typeof segmentRuleSchema>;
export type RfmConfig = z.output<typeof rfmSchema>;
