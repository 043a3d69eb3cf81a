import type { CsvFileWriter, ResultStore } from '../result-files/ResultStore.ts';
import type { AudiencePlatform } from './AudiencePlatform.ts';
import type { AudienceReport } from './AudienceReport.ts';
import { audienceColumns, audienceRow, type AudienceColumn } from './audienceRow.ts';
import type { AudiencesConfig } from './audiencesConfig.ts';
import type { Contact, IdentifierField } from './Contact.ts';

/** One audience: the key people are offered under (segment name, lead tier), its name and file slug. */
export interface AudienceSpec {
  readonly key: string;
  readonly name: string;
  readonly slug: string;
}

/** Folder of the audience files inside a run's results. */
export const AUDIENCES_FOLDER = 'audiences';

interface AudienceFile {
  readonly spec: AudienceSpec;
  readonly platform: AudiencePlatform;
  readonly path: string;
  readonly columns: readonly AudienceColumn[];
  readonly writer: CsvFileWriter;
  pending: string[][];
  skipped: number;
  invalidEmails: number;
  invalidPhones: number;
}

/**
 * Writes one hashed audience file per audience and platform (`audiences/<platform>/<slug>.csv`)
 * through the result store's streamed CSV writer, while a job streams its people past it: each
 * person is offered once with the key of their segment or tier, normalised and hashed per
 * platform, and buffered only until the next {@link flush}, so memory does not grow with the
 * number of people. Every configured file exists after {@link close}, empty ones with only their
 * header. Raw identifiers are never written.
 *
 * @example
 * ```ts
 * const audiences = await AudienceWriter.open(results, [{ key: 'Champions', name: 'Champions', slug: 'champions' }],
 *   config.audiences, new Set(['email']));
 * audiences.offer('Champions', { email: 'ana@example.com' });
 * await audiences.flush();
 * const reports = await audiences.close(); // [{ name: 'Champions', platform: 'google', members: 1, … }, …]
 * ```
 */
export class AudienceWriter {
  private readonly files: readonly AudienceFile[];
  private readonly byKey: ReadonlyMap<string, readonly AudienceFile[]>;
  private readonly config: AudiencesConfig;

  private constructor(files: readonly AudienceFile[], config: AudiencesConfig) {
    this.files = files;
    this.config = config;
    const byKey = new Map<string, AudienceFile[]>();
    for (const file of files) byKey.set(file.spec.key, [...(byKey.get(file.spec.key) ?? []), file]);
    this.byKey = byKey;
  }

  /**
   * Creates every audience file (header row written).
   * @param available identifier fields the run's sources can fill; they decide the columns.
   */
  static async open(
    results: ResultStore,
    audiences: readonly AudienceSpec[],
    config: AudiencesConfig,
    available: ReadonlySet<IdentifierField>,
  ): Promise<AudienceWriter> {
    const files: AudienceFile[] = [];
    for (const spec of audiences) {
      for (const platform of config.platforms) {
        const columns = audienceColumns(platform, available);
        const path = `${AUDIENCES_FOLDER}/${platform}/${spec.slug}.csv`;
        const writer = await results.createCsv(path, columns.map((c) => c.header));
        files.push({ spec, platform, path, columns, writer, pending: [], skipped: 0, invalidEmails: 0, invalidPhones: 0 });
      }
    }
    return new AudienceWriter(files, config);
  }

  /** Whether a key (segment, tier) has audiences: callers ask first, and build contacts only for those. */
  wants(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Offers one person under a key; people whose key is no audience are ignored. */
  offer(key: string, contact: Contact): void {
    const files = this.byKey.get(key);
    if (!files) return;
    for (const file of files) {
      const row = audienceRow(contact, file.platform, file.columns, this.config.defaultPhoneCountryCode);
      if (row.invalidEmail) file.invalidEmails++;
      if (row.invalidPhone) file.invalidPhones++;
      if (row.values === null) file.skipped++;
      else file.pending.push(row.values);
    }
  }

  /** Writes the rows buffered since the last flush. */
  async flush(): Promise<void> {
    for (const file of this.files) {
      if (file.pending.length === 0) continue;
      const rows = file.pending;
      file.pending = [];
      await file.writer.write(rows);
    }
  }

  /** Flushes and closes every file; what each holds, in audience then platform order. */
  async close(): Promise<AudienceReport[]> {
    await this.flush();
    const reports: AudienceReport[] = [];
    for (const file of this.files) {
      const members = await file.writer.close();
      const minimum = this.config.minimumMembers[file.platform];
      reports.push({
        name: file.spec.name,
        platform: file.platform,
        file: file.path,
        members,
        skipped: file.skipped,
        invalidEmails: file.invalidEmails,
        invalidPhones: file.invalidPhones,
        minimum,
        belowMinimum: members < minimum,
      });
    }
    return reports;
  }
}
