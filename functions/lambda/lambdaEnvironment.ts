// A namespace import, so bundlers can drop the parts of zod left unused (its 60+ locales: 0.35 MB of the Lambda bundle).
import * as z from 'zod';

/**
 * What the stack passes each job function in environment variables: the values only known at
 * deploy time (generated bucket names, the secret's ARN). Everything else comes from the bundled
 * configuration.
 */
export const lambdaEnvironmentSchema = z.object({
  EXPORTS_BUCKET: z.string().min(3),
  RESULTS_BUCKET: z.string().min(3),
  ATHENA_RESULTS_BUCKET: z.string().min(3),
  GOOGLE_KEY_SECRET_ARN: z.string().min(1),
});

export type LambdaEnvironment = z.output<typeof lambdaEnvironmentSchema>;

/** The names of the environment variables, for the stack to set. */
export const LAMBDA_ENVIRONMENT_KEYS = Object.keys(lambdaEnvironmentSchema.shape) as (keyof LambdaEnvironment)[];

/**
 * Reads and checks the function's environment; a missing variable fails with its name.
 *
 * @example
 * ```ts
 * const env = readLambdaEnvironment(process.env);
 * env.RESULTS_BUCKET; // 'segmentsheets-resultsbucket-…'
 * ```
 */
export function readLambdaEnvironment(environment: NodeJS.ProcessEnv): LambdaEnvironment {
  const parsed = lambdaEnvironmentSchema.safeParse(environment);
  if (parsed.success) return parsed.data;
  const missing = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
  throw new Error(`the function's environment lacks ${missing} (set by the stack)`);
}
