import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on a construct and everything below it, with the reason
 * recorded next to the code that needs it. cdk-nag 3 matches findings by exact id, e.g.
 * `AwsSolutions-S1` or `AwsSolutions-IAM5[Resource::<ResultsBucket1234ABCD.Arn>/runs/*]`.
 *
 * @example
 * ```ts
 * acknowledgeNagFinding(bucket, 'AwsSolutions-S1', 'This is the access-log bucket itself.');
 * ```
 */
export function acknowledgeNagFinding(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledges AwsSolutions-IAM5 for one wildcard resource (an ARN, tokens allowed), spelled
 * the way cdk-nag reports it, so only that resource is exempt and any other wildcard still fails.
 *
 * @example
 * ```ts
 * acknowledgeWildcardResource(policy, bucket.arnForObjects('runs/*'), 'Result files are named per run.');
 * ```
 */
export function acknowledgeWildcardResource(scope: IConstruct, resourceArn: string, reason: string): void {
  const flattened = flattenCfnReference(Stack.of(scope).resolve(resourceArn));
  acknowledgeNagFinding(scope, `AwsSolutions-IAM5[Resource::${flattened}]`, reason);
}
