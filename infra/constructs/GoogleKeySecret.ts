import { RemovalPolicy } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeNagFinding } from '../acknowledgeNagFinding.ts';

export interface GoogleKeySecretProps {
  readonly secretName: string;
}

/**
 * The Secrets Manager secret for the Google service-account key (JSON), created without a value:
 * the key never passes through CloudFormation, the template or the bundle. Put it in once after
 * deploying:
 *
 * ```sh
 * aws secretsmanager put-secret-value --secret-id <GoogleKeySecretArn> --secret-string file://service-account.json
 * ```
 *
 * @example
 * ```ts
 * const secret = new GoogleKeySecret(this, 'GoogleKey', { secretName: 'segment-sheets/google-service-account-key' });
 * secret.secret.grantRead(role);
 * ```
 */
export class GoogleKeySecret extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: GoogleKeySecretProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      secretName: props.secretName,
      description: 'segment-sheets: Google service-account key (JSON) used to publish to Google Sheets',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The L2 secret always generates a random value; without one CloudFormation creates it empty.
    (this.secret.node.defaultChild as secretsmanager.CfnSecret).addPropertyDeletionOverride('GenerateSecretString');
    acknowledgeNagFinding(
      this.secret,
      'AwsSolutions-SMG4',
      'A Google service-account key is issued by Google, not generated here, so a Secrets Manager rotation function cannot rotate it; rotate the key in Google Cloud and put the new one in.',
    );
  }
}
