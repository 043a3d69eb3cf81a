/**
 * Row accounting of one source, reported in `run.json`: nothing is lost silently, so
 * `rowsRead = rowsUsed + rowsQuarantined + rowsFiltered` always holds.
 */
export interface SourceCounts {
  readonly path: string;
  readonly rowsRead: number;
  /** Rows excluded on purpose by the source's configured row filters. */
  readonly rowsFiltered: number;
  readonly rowsUsed: number;
  readonly rowsQuarantined: number;
  readonly quarantinedByReason: Readonly<Record<string, number>>;
  /** Quarantine file name in the results, when any row was quarantined. */
  readonly quarantineFile?: string;
}
