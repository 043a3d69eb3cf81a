import { runCustomerSegmentsJob } from '../jobs/runCustomerSegmentsJob.ts';
import { createJobHandler } from './createJobHandler.ts';

/**
 * Lambda entry of the customer-segments job (RFM, CLV, profiles): the job the CLI runs, on
 * Athena, S3 and Google Sheets. Invoked by its schedule with `{"scheduledTime": "…"}`.
 *
 * @example
 * ```sh
 * aws lambda invoke --function-name <CustomerSegmentsFunction> --payload '{"asOf":"2024-05-31"}' --cli-binary-format raw-in-base64-out out.json
 * ```
 */
export const handler = createJobHandler({ jobName: 'customerSegments', job: runCustomerSegmentsJob });
