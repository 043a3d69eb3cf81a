// A namespace import, so bundlers can drop the parts of zod left unused (its 60+ locales: 0.35 MB of the Lambda bundle).
import * as z from 'zod';
import { SINK_DEFAULTS } from './GoogleSheetsSinkOptions.ts';
import { isLoopbackUrl } from './loopbackUrl.ts';

const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

/** Where the service-account key comes from; exactly one source. */
const keySourceSchema = z
  .object({
    /** Path of a JSON key file (local runs). */
    file: z.string().min(1).optional(),
    /** Environment variable holding the key JSON (or base64 of it). */
    envVar: envVarName.optional(),
    /** AWS Secrets Manager secret id or ARN holding the key JSON (Lambda). */
    secretId: z.string().min(1).optional(),
    /** Environment variable holding a static bearer token: only with a local rootUrl (an emulator). */
    staticTokenEnvVar: envVarName.optional(),
  })
  .strict()
  .refine((key) => [key.file, key.envVar, key.secretId, key.staticTokenEnvVar].filter((value) => value !== undefined).length === 1, {
    message: 'set exactly one of file, envVar, secretId or staticTokenEnvVar',
  });

/**
 * The `sinks.sheets` section of the product config.
 *
 * @example
 * ```ts
 * googleSheetsConfigSchema.parse({
 *   spreadsheetId: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEf',
 *   key: { file: './service-account.json' },
 * });
 * ```
 */
export const googleSheetsConfigSchema = z
  .object({
    spreadsheetId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{20,}$/, 'must be the spreadsheet id from its URL (the long part between /d/ and /edit)'),
    rootUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    key: keySourceSchema.default({ envVar: 'GOOGLE_SERVICE_ACCOUNT_KEY' }),
    requestTimeoutMs: z.number().int().min(1_000).max(180_000).default(SINK_DEFAULTS.requestTimeoutMs),
    maxRetries: z.number().int().min(0).max(12).default(SINK_DEFAULTS.maxRetries),
    writeRequestsPerMinute: z.number().int().min(1).max(300).default(SINK_DEFAULTS.writeRequestsPerMinute),
  })
  .strict()
  .refine((config) => config.key.staticTokenEnvVar === undefined || (config.rootUrl !== undefined && isLoopbackUrl(config.rootUrl)), {
    message: 'only works with a local rootUrl (an emulator such as http://127.0.0.1:8080/)',
    path: ['key', 'staticTokenEnvVar'],
  });

export type GoogleSheetsConfig = z.infer<typeof googleSheetsConfigSchema>;
