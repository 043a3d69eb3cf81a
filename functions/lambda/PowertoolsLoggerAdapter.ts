import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger, Progress } from '../runtime/Logger.ts';

/**
 * The job's {@link Logger} and {@link Progress} ports on Powertools Logger: structured JSON lines
 * with the Lambda context (request id, cold start) that CloudWatch Logs Insights can query. A
 * progress step becomes one `step done` line with its label, result and duration.
 *
 * @example
 * ```ts
 * const ports = new PowertoolsLoggerAdapter(new Logger({ serviceName: 'customer-segments' }));
 * const done = ports.step('Reading orders');
 * done('10 000 rows'); // {"message":"step done","step":"Reading orders","result":"10 000 rows","durationMs":…}
 * ```
 */
export class PowertoolsLoggerAdapter implements Logger, Progress {
  private readonly logger: PowertoolsLogger;
  private readonly now: () => number;

  constructor(logger: PowertoolsLogger, now: () => number = Date.now) {
    this.logger = logger;
    this.now = now;
  }

  info(message: string, fields?: Record<string, unknown>): void {
    if (fields) this.logger.info(message, fields);
    else this.logger.info(message);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    if (fields) this.logger.warn(message, fields);
    else this.logger.warn(message);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    if (fields) this.logger.error(message, fields);
    else this.logger.error(message);
  }

  step(label: string): (result?: string) => void {
    const startedAt = this.now();
    return (result?: string) => {
      this.logger.info('step done', { step: label, ...(result === undefined ? {} : { result }), durationMs: this.now() - startedAt });
    };
  }
}
