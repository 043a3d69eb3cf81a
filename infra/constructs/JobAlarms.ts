import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface JobAlarmsProps {
  readonly jobLabel: string;
  readonly function: lambda.IFunction;
  readonly timeout: Duration;
  readonly alertTopic: sns.ITopic;
  /**
   * A run this close to the timeout (as a fraction of it) raises the duration alarm, before
   * growing data makes runs time out. @default 0.8
   */
  readonly durationWarningFraction?: number;
}

/**
 * The alarms of one job, each notifying the alert topic when it fires and when it clears:
 * - errors: any failed invocation (a failed run throws, so it counts here);
 * - duration: the longest run came near the timeout.
 *
 * @example
 * ```ts
 * new JobAlarms(this, 'Alarms', { jobLabel: 'customer-segments', function: fn, timeout: Duration.minutes(15), alertTopic });
 * ```
 */
export class JobAlarms extends Construct {
  readonly errors: cloudwatch.Alarm;
  readonly duration: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: JobAlarmsProps) {
    super(scope, id);
    const fraction = props.durationWarningFraction ?? 0.8;
    this.errors = new cloudwatch.Alarm(this, 'Errors', {
      alarmDescription: `segment-sheets ${props.jobLabel}: a run failed (see the function's log for the reason).`,
      metric: props.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.duration = new cloudwatch.Alarm(this, 'Duration', {
      alarmDescription: `segment-sheets ${props.jobLabel}: a run took over ${Math.round(fraction * 100)}% of the ${props.timeout.toSeconds()} s timeout.`,
      metric: props.function.metricDuration({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: props.timeout.toMilliseconds() * fraction,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.errors, this.duration]) {
      alarm.addAlarmAction(new cloudwatchActions.SnsAction(props.alertTopic));
      alarm.addOkAction(new cloudwatchActions.SnsAction(props.alertTopic));
    }
  }
}
