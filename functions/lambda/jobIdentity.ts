import type { AwsConfig, JobName } from '../config/awsConfig.ts';
import type { SourceKind } from '../config/canonicalFields.ts';

/** The scheduled jobs, by the key they have in `aws.jobs`. */
export const JOB_NAMES: readonly JobName[] = ['customerSegments', 'leadPriority'];

/** Kebab-case name used in function names, S3 keys and metrics, e.g. `customer-segments`. */
export function jobSlug(job: JobName): string {
  return job.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * The Glue database a job's relations live in (re-created at each run), e.g.
 * `segment_sheets_work_customer_segments`. The stack scopes the job's Glue permissions to it.
 */
export function workDatabaseName(aws: AwsConfig, job: JobName): string {
  return `${aws.athena.database}_work_${jobSlug(job).replace(/-/g, '_')}`;
}

/**
 * Key prefix, in the Athena results bucket, of the workgroup's output location: query result
 * files, and (under `tables/`) the Parquet files of the run's CTAS tables.
 */
export const QUERY_RESULTS_PREFIX = 'query-results/';

/** Key prefix of one job's result folders in the results bucket, e.g. `runs/customer-segments/`. */
export function jobResultsPrefix(aws: AwsConfig, job: JobName): string {
  return `${aws.resultsPrefix}${jobSlug(job)}/`;
}

/**
 * Key prefix of the segment snapshots in the results bucket, e.g. `runs/history/`: one
 * `as_of=YYYY-MM-DD/snapshot.csv` per run date, the location of the Athena history table.
 */
export function historyPrefix(aws: AwsConfig): string {
  return `${aws.resultsPrefix}history/`;
}

/** Key prefix of one job's run markers in the results bucket, e.g. `runs/markers/customer-segments/`. */
export function jobMarkersPrefix(aws: AwsConfig, job: JobName): string {
  return `${aws.resultsPrefix}markers/${jobSlug(job)}/`;
}

/**
 * The exports each job reads; the stack grants a job's function exactly these tables and
 * prefixes, and deploys the lead-priority job only when a leads source is configured.
 */
export const JOB_SOURCES: Readonly<Record<JobName, readonly SourceKind[]>> = {
  customerSegments: ['orders', 'customers'],
  // Orders too: a lead is labelled converted when its e-mail appears among the buyers.
  leadPriority: ['leads', 'leadActivities', 'orders'],
};
