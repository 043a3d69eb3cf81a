// zod/mini: the publishing path stays small in the Lambda bundle (full zod adds ~440 KiB).
import * as z from 'zod/mini';

/** The parts of a Google service-account key file (JSON) the sink uses. */
export const serviceAccountKeySchema = z.object({
  type: z.literal('service_account', { error: 'type must be "service_account" (is this a service-account key file?)' }),
  client_email: z.email({ error: 'client_email must be the service account email' }),
  private_key: z.string().check(z.includes('PRIVATE KEY', { error: 'private_key must be a PEM private key' })),
  private_key_id: z.optional(z.string()),
  project_id: z.optional(z.string()),
});

export type ServiceAccountKey = z.infer<typeof serviceAccountKeySchema>;

/**
 * Parses a key's JSON text; the error names `source` (a file, variable or secret) and the bad
 * field, never the key material.
 *
 * @example
 * ```ts
 * const key = parseServiceAccountKey(fs.readFileSync('sa.json', 'utf8'), 'file sa.json');
 * key.client_email; // 'publisher@project.iam.gserviceaccount.com'
 * ```
 */
export function parseServiceAccountKey(json: string, source: string): ServiceAccountKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`The service-account key in ${source} is not valid JSON.`);
  }
  const result = serviceAccountKeySchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`The service-account key in ${source} is not usable: ${issue?.path.join('.') || 'key'}: ${issue?.message ?? 'invalid'}.`);
  }
  return result.data;
}
