import type { CellValue, SheetTab } from '../SheetModel.ts';

/** One run in the Run Log. */
export interface RunLogEntry {
  readonly runAt: string;
  readonly asOf: string;
  readonly job: string;
  readonly status: string;
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsQuarantined: number;
  readonly customers: number;
  readonly durationSeconds: number;
  readonly note: string;
}

/** The Run Log tab holding this run's row; sinks append it to the rows already there. */
export function buildRunLogTab(entry: RunLogEntry, keepRows: number): SheetTab {
  const row: CellValue[] = [
    entry.runAt,
    entry.asOf,
    entry.job,
    entry.status,
    entry.rowsRead,
    entry.rowsUsed,
    entry.rowsQuarantined,
    entry.customers,
    entry.durationSeconds,
    entry.note,
  ];
  return {
    name: 'Run Log',
    role: 'run-log',
    notes: [`One row per run, newest last; the last ${keepRows} runs are kept.`],
    append: { keepRows },
    blocks: [
      {
        columns: [
          { key: 'run_at', header: 'Run at (UTC)', type: 'text', width: 22 },
          { key: 'as_of', header: 'As of', type: 'date', width: 12 },
          { key: 'job', header: 'Job', type: 'text', width: 12 },
          { key: 'status', header: 'Status', type: 'text', width: 10 },
          { key: 'rows_read', header: 'Rows read', type: 'integer', width: 12 },
          { key: 'rows_used', header: 'Rows used', type: 'integer', width: 12 },
          { key: 'rows_quarantined', header: 'Rows quarantined', type: 'integer', width: 12 },
          { key: 'customers', header: 'Customers', type: 'integer', width: 11 },
          { key: 'duration_s', header: 'Duration (s)', type: 'number', width: 11 },
          { key: 'note', header: 'Note', type: 'text', width: 60 },
        ],
        rows: [row],
      },
    ],
  };
}
