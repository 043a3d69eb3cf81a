// zod's tree-shakable build, as in scheduledJobEvent.ts: with no messages loaded, the rules name theirs.
import * as z from 'zod/mini';

const bucketName = z.string({ error: 'not set' }).check(z.minLength(3, 'too short for a bucket name'));

/**
 * What the stack passes each job function in environment variables: the values only known at
 * deploy time (generated bucket names, the secret's ARN). Everything else comes from the bundled
 * configuration.
 */
export const lambdaEnvironmentSchema = z.object({
  EXPORTS_BUCKET: bucketName,
  RESULTS_BUCKET: bucketName,
  ATHENA_RESULTS_BUCKET: bucketName,
  GOOGLE_KEY_SECRET_ARN: z.string({ error: 'not set' }).check(z.minLength(1, 'empty')),
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
