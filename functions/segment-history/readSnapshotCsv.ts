import { SNAPSHOT_COLUMNS, type SnapshotRow } from './SnapshotRow.ts';
import { SnapshotUnreadableError } from './SnapshotUnreadableError.ts';

/** Rows per yielded batch: big enough to keep per-batch overhead small, small enough to bound memory. */
const DEFAULT_BATCH_ROWS = 4096;

/**
 * Reads a snapshot file (as written from {@link SNAPSHOT_COLUMNS} with `csvLine`) from text or
 * byte chunks of any size into batches of rows, in bounded memory. Columns are found by their
 * header name, so a later version may add columns. Anything that is not a snapshot of `asOf`
 * raises {@link SnapshotUnreadableError} naming the line: the caller turns it into a note.
 *
 * @example
 * ```ts
 * for await (const rows of readSnapshotCsv(createReadStream(file), '2024-06-30')) use(rows);
 * ```
 */
export async function* readSnapshotCsv(
  chunks: AsyncIterable<string | Uint8Array>,
  asOf: string,
  batchRows = DEFAULT_BATCH_ROWS,
): AsyncGenerator<SnapshotRow[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decoded = async function* (): AsyncGenerator<string> {
    try {
      for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      yield decoder.decode();
    } catch (error) {
      if (error instanceof TypeError && /encoded|decode/i.test(error.message)) throw new SnapshotUnreadableError('the file is not UTF-8 text');
      throw error;
    }
  };
  let pending = '';
  let line = 0;
  let columns: ColumnIndex | undefined;
  let batch: SnapshotRow[] = [];
  // Segment names are few and outlive their batch (a listed mover keeps its previous segment):
  // one copy each, rather than slices that would keep every chunk they were cut from alive.
  const segments = new Map<string, string>();
  const take = (record: string): void => {
    line++;
    const fields = splitRecord(record.endsWith('\r') ? record.slice(0, -1) : record, line);
    if (!columns) columns = columnIndex(fields);
    else batch.push(rowOf(fields, columns, asOf, line, segments));
  };
  for await (const text of decoded()) {
    pending += text;
    let start = 0;
    let at = 0;
    // The next quote, looked up once per stretch rather than per record: most files have none.
    let quote = pending.indexOf('"');
    for (;;) {
      const feed = pending.indexOf('\n', at);
      if (feed < 0) break;
      if (quote < 0 || quote > feed) {
        take(pending.slice(start, feed));
        start = at = feed + 1;
        continue;
      }
      // A quoted stretch holding the line feed or ending before it: skip to its closing quote
      // (a doubled quote inside closes and reopens, which comes to the same).
      const close = pending.indexOf('"', quote + 1);
      if (close < 0) break;
      at = close + 1;
      quote = pending.indexOf('"', at);
    }
    pending = pending.slice(start);
    if (batch.length >= batchRows) {
      yield batch;
      batch = [];
    }
  }
  if (pending !== '') take(pending);
  if (!columns) throw new SnapshotUnreadableError('the file is empty');
  if (batch.length > 0) yield batch;
}

type ColumnIndex = Readonly<Record<(typeof SNAPSHOT_COLUMNS)[number], number>>;

function columnIndex(header: readonly string[]): ColumnIndex {
  const missing = SNAPSHOT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new SnapshotUnreadableError(`the header lacks ${missing.join(', ')}`);
  return Object.fromEntries(SNAPSHOT_COLUMNS.map((c) => [c, header.indexOf(c)])) as unknown as ColumnIndex;
}

function rowOf(fields: readonly string[], at: ColumnIndex, asOf: string, line: number, segments: Map<string, string>): SnapshotRow {
  const rowAsOf = required(fields, at, 'as_of', line);
  if (rowAsOf !== asOf) throw new SnapshotUnreadableError(`line ${line}: as_of is ${rowAsOf}, but the file is the snapshot of ${asOf}`);
  return {
    asOf,
    customerId: required(fields, at, 'customer_id', line),
    segment: interned(required(fields, at, 'segment', line), segments),
    r: numberIn(fields, at, 'r', line, true),
    f: numberIn(fields, at, 'f', line, true),
    m: numberIn(fields, at, 'm', line, true),
    rfmCode: field(fields, at, 'rfm_code', line),
    recencyDays: numberIn(fields, at, 'recency_days', line, true),
    frequency: numberIn(fields, at, 'frequency', line, true),
    monetary: numberIn(fields, at, 'monetary', line, false),
    pAlive: field(fields, at, 'p_alive', line) === '' ? null : numberIn(fields, at, 'p_alive', line, false),
    clv: field(fields, at, 'clv', line) === '' ? null : numberIn(fields, at, 'clv', line, false),
  };
}

function interned(value: string, seen: Map<string, string>): string {
  const known = seen.get(value);
  if (known !== undefined) return known;
  // A string built afresh holds its own characters, not a view into the chunk it was cut from.
  const own = [...value].join('');
  seen.set(own, own);
  return own;
}

function field(fields: readonly string[], at: ColumnIndex, column: keyof ColumnIndex, line: number): string {
  const value = fields[at[column]];
  if (value === undefined) throw new SnapshotUnreadableError(`line ${line}: ${fields.length} fields, no '${column}'`);
  return value;
}

function required(fields: readonly string[], at: ColumnIndex, column: keyof ColumnIndex, line: number): string {
  const value = field(fields, at, column, line);
  if (value === '') throw new SnapshotUnreadableError(`line ${line}: '${column}' is empty`);
  return value;
}

function numberIn(fields: readonly string[], at: ColumnIndex, column: keyof ColumnIndex, line: number, whole: boolean): number {
  const value = required(fields, at, column, line);
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || (whole && !Number.isInteger(parsed))) {
    throw new SnapshotUnreadableError(`line ${line}: '${column}' is ${JSON.stringify(value.slice(0, 40))}, not ${whole ? 'a whole number' : 'a number'}`);
  }
  return parsed;
}

/** The fields of one RFC 4180 record; unquoted records (nearly all) take the fast path. */
function splitRecord(record: string, line: number): string[] {
  if (!record.includes('"')) return record.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (record[i] === '"') {
      i++;
      for (;;) {
        const quote = record.indexOf('"', i);
        if (quote < 0) throw new SnapshotUnreadableError(`line ${line}: a quoted field is not closed`);
        field += record.slice(i, quote);
        if (record[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      if (i < record.length && record[i] !== ',') throw new SnapshotUnreadableError(`line ${line}: text after a closing quote`);
    } else {
      const comma = record.indexOf(',', i);
      const end = comma < 0 ? record.length : comma;
      field = record.slice(i, end);
      if (field.includes('"')) throw new SnapshotUnreadableError(`line ${line}: a quote inside an unquoted field`);
      i = end;
    }
    fields.push(field);
    if (i >= record.length) return fields;
    i++; // the comma
    if (i === record.length) {
      fields.push('');
      return fields;
    }
  }
}
