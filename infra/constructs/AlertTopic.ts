import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertTopicProps {
  /** Address subscribed to the alerts (it must confirm the subscription). @default - no subscription */
  readonly email?: string;
}

/**
 * The SNS topic the alarms notify, accepting publishers over TLS only. Alarm notifications
 * carry alarm names and states, no customer data; the topic is not KMS-encrypted because
 * CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and a
 * customer key would cost more than the data it protects is worth.
 *
 * @example
 * ```ts
 * const alerts = new AlertTopic(this, 'Alerts', { email: 'data-team@example.com' });
 * alarm.addAlarmAction(new cloudwatchActions.SnsAction(alerts.topic));
 * ```
 */
export class AlertTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlertTopicProps = {}) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'segment-sheets alerts', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }
}
