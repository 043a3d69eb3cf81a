import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterAlarmProps {
  readonly queue: sqs.IQueue;
  readonly alertTopic: sns.ITopic;
}

/**
 * Fires when a scheduled run lands in the dead-letter queue: the scheduler could not deliver it,
 * or it still failed after Lambda's retries.
 *
 * @example
 * ```ts
 * new DeadLetterAlarm(this, 'DeadLetters', { queue: dlq.queue, alertTopic: alerts.topic });
 * ```
 */
export class DeadLetterAlarm extends Construct {
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterAlarmProps) {
    super(scope, id);
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmDescription: 'segment-sheets: a scheduled run is in the dead-letter queue (its message names the schedule time to re-run).',
      metric: props.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new cloudwatchActions.SnsAction(props.alertTopic));
  }
}
