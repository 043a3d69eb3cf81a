/**
 * The column that identifies a mapped row: `_source_row` (the file's row number, for sources
 * whose SQL needs row order, e.g. "the latest row wins") or `_row_key` (content identity; the
 * mapped view then reads the unordered relation, which DuckDB scans in parallel).
 */
export type RowIdentity = '_source_row' | '_row_key';
