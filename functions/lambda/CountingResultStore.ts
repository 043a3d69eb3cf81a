import type { SqlValue } from '../query-engine/QueryEngine.ts';
import type { CsvFileWriter, ResultStore } from '../result-files/ResultStore.ts';

/**
 * A {@link ResultStore} that counts the data rows written to each CSV file, for the run's
 * metrics: rows out (`customers.csv`, `leads.csv`) and rows quarantined (`quarantine_*.csv`),
 * whatever the job's report looks like.
 *
 * @example
 * ```ts
 * const results = new CountingResultStore(new S3ResultStore({ ... }));
 * // ... job runs ...
 * results.quarantinedRows(); // rows in quarantine_*.csv files
 * ```
 */
export class CountingResultStore implements ResultStore {
  private readonly inner: ResultStore;
  private readonly rowsByFile = new Map<string, number>();

  constructor(inner: ResultStore) {
    this.inner = inner;
  }

  get location(): string {
    return this.inner.location;
  }

  async createCsv(name: string, columns: readonly string[]): Promise<CsvFileWriter> {
    const writer = await this.inner.createCsv(name, columns);
    return {
      write: (rows: readonly (readonly SqlValue[])[]) => writer.write(rows),
      close: async () => {
        const rows = await writer.close();
        this.rowsByFile.set(name, rows);
        return rows;
      },
    };
  }

  writeFile(name: string, content: string | Uint8Array): Promise<void> {
    return this.inner.writeFile(name, content);
  }

  commit(): Promise<void> {
    return this.inner.commit();
  }

  abort(): Promise<void> {
    return this.inner.abort();
  }

  /** Data rows in the result files (`customers.csv`, `leads.csv`). */
  resultRows(): number {
    return this.sum((name) => name === 'customers.csv' || name === 'leads.csv');
  }

  /** Data rows in the quarantine files. */
  quarantinedRows(): number {
    return this.sum((name) => name.startsWith('quarantine'));
  }

  private sum(include: (name: string) => boolean): number {
    let total = 0;
    for (const [name, rows] of this.rowsByFile) if (include(name)) total += rows;
    return total;
  }
}
