import { runLeadPriorityJob } from '../jobs/runLeadPriorityJob.ts';
import { createJobHandler } from './createJobHandler.ts';

/**
 * Lambda entry of the lead-priority job: the job the CLI runs, on Athena, S3 and Google Sheets.
 * Invoked by its schedule with `{"scheduledTime": "…"}`.
 *
 * @example
 * ```sh
 * aws lambda invoke --function-name <LeadPriorityFunction> --payload '{}' --cli-binary-format raw-in-base64-out out.json
 * ```
 */
export const handler = createJobHandler({ jobName: 'leadPriority', job: runLeadPriorityJob });
