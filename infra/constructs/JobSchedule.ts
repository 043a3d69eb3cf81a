import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../acknowledgeNagFinding.ts';

export interface JobScheduleProps {
  readonly function: lambda.IFunction;
  /** EventBridge Scheduler cron expression, e.g. `cron(0 6 ? * MON *)`. */
  readonly cron: string;
  /** IANA time zone the cron is read in (daylight saving included). */
  readonly timeZone: string;
  /** @default true */
  readonly enabled?: boolean;
  /** Deliveries the scheduler gave up on. */
  readonly deadLetterQueue: sqs.IQueue;
  /** Scheduler retries when invoking the function fails. @default 2 */
  readonly retryAttempts?: number;
  /** How long a delivery may be retried before it is dead-lettered. @default 1 hour */
  readonly maxEventAge?: Duration;
  readonly description?: string;
}

/**
 * The EventBridge Scheduler schedule that starts a job: the configured cron in its time zone,
 * fired at the exact time (no flexible window), with a retry policy and a dead-letter queue.
 * The function receives `{"scheduledTime": "<the schedule time>"}`, the same for every
 * re-delivery of that time, which is what makes a run idempotent (see ScheduledRunMarker).
 *
 * @example
 * ```ts
 * new JobSchedule(this, 'Schedule', { function: job.function, cron: 'cron(0 6 ? * MON *)', timeZone: 'Europe/Berlin', deadLetterQueue });
 * ```
 */
export class JobSchedule extends Construct {
  readonly schedule: scheduler.Schedule;
  /** The role the scheduler invokes the function with (and sends dead letters with). */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: JobScheduleProps) {
    super(scope, id);
    // A role of its own rather than the target's shared default, so its grants sit here, for this one function.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invoke one segment-sheets job',
    });
    acknowledgeWildcardResource(
      this,
      `${props.function.functionArn}:*`,
      'The scheduler target grants invoking the function and its qualified versions (function-arn:*); it covers this one function only.',
    );
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      schedule: scheduler.ScheduleExpression.expression(props.cron, TimeZone.of(props.timeZone)),
      description: props.description,
      enabled: props.enabled ?? true,
      timeWindow: scheduler.TimeWindow.off(),
      target: new targets.LambdaInvoke(props.function, {
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime }),
        deadLetterQueue: props.deadLetterQueue,
        retryAttempts: props.retryAttempts ?? 2,
        maxEventAge: props.maxEventAge ?? Duration.hours(1),
      }),
    });
  }
}
