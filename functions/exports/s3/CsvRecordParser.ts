/** A parsed CSV field: text, or `null` for an unquoted empty field when asked for. */
export type CsvField = string | null;

export interface CsvRecordParserOptions {
  /** Field delimiter, one character. Default `,`. */
  readonly delimiter?: string;
  /**
   * What an unquoted empty field becomes. Athena's result files write NULL as an unquoted empty
   * field and the empty string as `""`, so they are read with `'null'`. Exports are read with
   * `'empty'`, as Athena's OpenCSVSerDe reads them. Default `'empty'`.
   */
  readonly unquotedEmpty?: 'null' | 'empty';
  /**
   * Whether an empty line is a record of one empty field (`'record'`) or nothing (`'skip'`).
   * Athena writes a one-column NULL row as an empty line, so its results use `'record'`.
   * Default `'skip'`.
   */
  readonly blankLines?: 'record' | 'skip';
}

/**
 * An incremental RFC 4180 CSV parser: quoted fields may hold delimiters, doubled quotes and line
 * breaks; records end at LF, CRLF or CR; a UTF-8 byte-order mark is skipped. Text is pushed in
 * chunks of any size and complete records come back, so a file of any size is parsed in bounded
 * memory.
 *
 * @example
 * ```ts
 * const parser = new CsvRecordParser({ unquotedEmpty: 'null' });
 * parser.push('"a","b"\n"1",'); // [['a', 'b']]
 * parser.end();                 // [['1', null]]
 * ```
 */
export class CsvRecordParser {
  private readonly delimiter: string;
  private readonly unquotedEmptyValue: CsvField;
  private readonly blankLineIsRecord: boolean;
  private record: CsvField[] = [];
  private field = '';
  private fieldQuoted = false;
  private inQuotes = false;
  /** A quote seen inside a quoted field whose meaning depends on the next character. */
  private quotePending = false;
  /** A CR ended the last record; a following LF belongs to it. */
  private crPending = false;
  private atStart = true;
  /** Whether the current record has any content yet (so a blank line yields nothing). */
  private recordStarted = false;

  constructor(options: CsvRecordParserOptions = {}) {
    const delimiter = options.delimiter ?? ',';
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new Error(`unusable CSV delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter;
    this.unquotedEmptyValue = options.unquotedEmpty === 'null' ? null : '';
    this.blankLineIsRecord = options.blankLines === 'record';
  }

  /** Parses more text; returns the records completed by it. */
  push(text: string): CsvField[][] {
    const records: CsvField[][] = [];
    let start = 0;
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) start = 1;
    }
    for (let i = start; i < text.length; i++) {
      const c = text[i] as string;
      if (this.crPending) {
        this.crPending = false;
        if (c === '\n') continue;
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === '"') {
            this.field += '"';
            continue;
          }
          this.inQuotes = false; // the pending quote closed the field; fall through
        } else if (c === '"') {
          this.quotePending = true;
          continue;
        } else {
          this.field += c;
          continue;
        }
      }
      if (c === this.delimiter) {
        this.endField();
      } else if (c === '\n' || c === '\r') {
        if (c === '\r') this.crPending = true;
        if (this.recordStarted || this.blankLineIsRecord) records.push(this.endRecord());
      } else if (c === '"' && this.field === '' && !this.fieldQuoted) {
        this.inQuotes = true;
        this.fieldQuoted = true;
        this.recordStarted = true;
      } else {
        this.field += c;
        this.recordStarted = true;
      }
    }
    return records;
  }

  /** Ends the input; returns the last record when the text did not end with a line break. */
  end(): CsvField[][] {
    if (this.inQuotes && !this.quotePending) throw new Error('CSV ends inside a quoted field');
    this.inQuotes = false;
    this.quotePending = false;
    return this.recordStarted ? [this.endRecord()] : [];
  }

  private endField(): void {
    this.record.push(this.field === '' && !this.fieldQuoted ? this.unquotedEmptyValue : this.field);
    this.field = '';
    this.fieldQuoted = false;
    this.recordStarted = true;
  }

  private endRecord(): CsvField[] {
    this.endField();
    const record = this.record;
    this.record = [];
    this.recordStarted = false;
    return record;
  }
}

/**
 * Parses a stream of bytes or text into batches of records (one batch per chunk read), decoding
 * UTF-8 across chunk boundaries.
 *
 * @example
 * ```ts
 * for await (const records of csvRecordBatches(response.Body as Readable, { delimiter: ';' })) { ... }
 * ```
 */
export async function* csvRecordBatches(
  source: AsyncIterable<Uint8Array | string>,
  options: CsvRecordParserOptions = {},
): AsyncGenerator<CsvField[][]> {
  const parser = new CsvRecordParser(options);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const records = parser.push(text);
    if (records.length > 0) yield records;
  }
  const rest = parser.push(decoder.decode());
  const last = [...rest, ...parser.end()];
  if (last.length > 0) yield last;
}
