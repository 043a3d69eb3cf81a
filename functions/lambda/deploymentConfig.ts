import { awsConfigSchema, type AwsConfig } from '../config/awsConfig.ts';
import type { Config } from '../config/configSchema.ts';
import { parseConfig } from '../config/loadConfig.ts';
import { exportTables } from '../query-engine/athena/exportTables.ts';
import { UserError } from '../runtime/UserError.ts';

/** The configuration file as deployed: the product settings and the `aws` section. */
export interface DeploymentConfig {
  readonly config: Config;
  readonly aws: AwsConfig;
}

/**
 * Validates a configuration file for deployment: the product settings with the lead schema, the
 * `aws` section with {@link awsConfigSchema}, and that every configured source has an export
 * table. The CDK app runs it at synth time and each Lambda again on its bundled copy. A bad file
 * fails with one line naming the field.
 *
 * @example
 * ```ts
 * const { config, aws } = parseDeploymentConfig(JSON.parse(text), 'segment-sheets.config.json');
 * ```
 */
export function parseDeploymentConfig(input: unknown, origin: string): DeploymentConfig {
  const config = parseConfig(input, origin);
  // A config without an `aws` section deploys with every AWS default.
  const aws = config.aws ?? awsConfigSchema.parse({});
  try {
    exportTables(config, aws);
  } catch (error) {
    throw new UserError(`${origin}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { config, aws };
}
