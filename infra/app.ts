import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDeploymentConfig } from '../functions/lambda/deploymentConfig.ts';
import { SegmentSheetsStack } from './SegmentSheetsStack.ts';

/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy`, with the configuration file given as
 * `-c config=path/to/segment-sheets.config.json` (default: infra/example.config.json). Synth
 * needs no AWS credentials: the stack is region-specific from the config and account-agnostic
 * unless `aws.account` is set. cdk-nag's AwsSolutions checks run on every synth; a finding
 * fails it.
 */
const app = new App();
const projectRoot = path.resolve(import.meta.dirname, '..');
const configPath = path.resolve(projectRoot, String(app.node.tryGetContext('config') ?? 'infra/example.config.json'));
let configInput: unknown;
try {
  configInput = JSON.parse(readFileSync(configPath, 'utf8'));
} catch (error) {
  throw new Error(`cannot read the configuration ${configPath}: ${error instanceof Error ? error.message : String(error)}`);
}
const { aws } = parseDeploymentConfig(configInput, configPath);

new SegmentSheetsStack(app, aws.stackName, {
  env: { region: aws.region, account: aws.account },
  description: 'segment-sheets: scheduled customer and lead segmentation (Athena, Lambda, Google Sheets)',
  configInput,
  configOrigin: path.relative(projectRoot, configPath),
  projectRoot,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
