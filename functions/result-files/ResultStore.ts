import type { SqlValue } from '../query-engine/QueryEngine.ts';

/** Streams rows into one CSV result file. */
export interface CsvFileWriter {
  /** Appends rows; values are written in the column order given at creation. */
  write(rows: readonly (readonly SqlValue[])[]): Promise<void>;
  /** Finishes the file; resolves to the number of data rows written. */
  close(): Promise<number>;
}

/**
 * Port: where a run's result files go (`customers.csv`, `leads.csv`, `quarantine_*.csv`,
 * `run.json`, `segments.xlsx`): a local folder, or a per-run prefix in S3.
 *
 * Files are staged while the run works and become visible together on {@link commit}, so a
 * failed run never replaces the last good results with half-written ones.
 */
export interface ResultStore {
  /** Human-readable location of the committed results (folder path or `s3://` URL). */
  readonly location: string;
  createCsv(name: string, columns: readonly string[]): Promise<CsvFileWriter>;
  writeFile(name: string, content: string | Uint8Array): Promise<void>;
  /**
   * Local path where a file of this name may be written directly by an adapter that needs a
   * real file (e.g. the xlsx writer); it is staged like the others. Undefined for remote stores.
   */
  stagingPath?(name: string): Promise<string>;
  /** Publishes every staged file, replacing the previous run's files of the same names. */
  commit(): Promise<void>;
  /** Discards staged files; previous results stay as they were. */
  abort(): Promise<void>;
}
