import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeNagFinding } from '../acknowledgeNagFinding.ts';

export interface DeadLetterQueueProps {
  /** How long a dead letter is kept for inspection or redrive. @default 14 days (the SQS maximum) */
  readonly retention?: Duration;
}

/**
 * Where a scheduled run ends up when it could not be delivered (EventBridge Scheduler gave up)
 * or failed after Lambda's retries: encrypted (SQS-managed keys), TLS-only, kept two weeks. An
 * alarm on it tells someone; the message says which schedule time to re-run.
 *
 * @example
 * ```ts
 * const dlq = new DeadLetterQueue(this, 'DeadLetters');
 * ```
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps = {}) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.retention ?? Duration.days(14),
    });
    acknowledgeNagFinding(
      this.queue,
      'AwsSolutions-SQS3',
      "This queue is itself the dead-letter queue of the schedules and of the functions' asynchronous invocations.",
    );
  }
}
