import type { AudiencePlatform } from './AudiencePlatform.ts';

/** What one audience file holds: a line of run.json's `audiences` and of the Summary's Audiences block. */
export interface AudienceReport {
  /** The segment name, or `Leads: <tier>`. */
  readonly name: string;
  readonly platform: AudiencePlatform;
  /** Path inside the run's results, e.g. `audiences/google/champions.csv`. */
  readonly file: string;
  /** Rows written: people with a usable e-mail or phone. */
  readonly members: number;
  /** People of the audience left out for lack of any usable e-mail or phone. */
  readonly skipped: number;
  /** E-mails given that are not addresses (dropped from their rows). */
  readonly invalidEmails: number;
  /** Phones given that cannot be made E.164 (dropped from their rows). */
  readonly invalidPhones: number;
  /** The configured minimum for the platform. */
  readonly minimum: number;
  readonly belowMinimum: boolean;
}
