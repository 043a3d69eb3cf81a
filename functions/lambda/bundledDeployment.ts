import type { DeploymentConfig } from './deploymentConfig.ts';

/**
 * The deployment configuration a job function carries: `parseDeploymentConfig`'s output
 * (every default applied), validated when the stack was synthesised and written into the bundle
 * by esbuild (`infra/lambdaBundling.ts` replaces `process.env.SEGMENT_SHEETS_DEPLOYMENT` with its
 * JSON text). The function does not validate it again: the same code already did, on the same
 * file, so the bundle needs none of the configuration's zod schemas, whose construction was a
 * fifth of the cold start. Outside a bundle (tests) the variable can be set by hand, to the JSON
 * of a `parseDeploymentConfig` result.
 *
 * @example
 * ```ts
 * const { config, aws } = bundledDeployment(); // on Lambda
 * ```
 */
export function bundledDeployment(): DeploymentConfig {
  return readDeployment(process.env.SEGMENT_SHEETS_DEPLOYMENT);
}

/**
 * Reads the JSON text of a validated deployment configuration. It only checks the shape it was
 * given: the raw configuration file by mistake (no `config` section) fails here, with one line,
 * rather than somewhere in the job.
 *
 * @example
 * ```ts
 * readDeployment(JSON.stringify(parseDeploymentConfig(input, 'my.config.json'))).aws.sink; // 'sheets'
 * ```
 */
export function readDeployment(text: string | undefined): DeploymentConfig {
  if (text === undefined || text === '') throw new Error('no configuration bundled (SEGMENT_SHEETS_DEPLOYMENT)');
  const value = JSON.parse(text) as Partial<DeploymentConfig> | null;
  if (typeof value?.config !== 'object' || typeof value.aws !== 'object') {
    throw new Error('SEGMENT_SHEETS_DEPLOYMENT: expected a validated deployment configuration ({ config, aws }), as the stack bundles it');
  }
  return value as DeploymentConfig;
}

