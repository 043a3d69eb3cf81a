import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Streams CSV lines to a file. Lines are gathered into a string chunk (cheap concatenation) and
 * handed to the stream when the caller sees {@link CsvFileWriter.full}; {@link CsvFileWriter.flush}
 * waits for `drain` whenever the stream's buffer is full, so memory stays bounded at any size.
 *
 * @example
 * ```ts
 * const out = new CsvFileWriter('/tmp/x.csv', 'id,name');
 * out.line('1,Ann');
 * if (out.full) await out.flush(); // between units of work in long loops
 * await out.close();
 * ```
 */
export class CsvFileWriter {
  #stream: WriteStream;
  #chunk = '';
  #rows = 0;
  #failure: Error | undefined;

  /** @param header the header row, without the line break. */
  constructor(path: string, header: string) {
    this.#stream = createWriteStream(path, { highWaterMark: STREAM_BUFFER_BYTES });
    this.#stream.on('error', (error: Error) => {
      this.#failure = error;
    });
    this.#chunk = header + '\n';
  }

  /** Data rows written so far (the header is not counted). */
  get rows(): number {
    return this.#rows;
  }

  /** Append one row (without the line break). */
  line(row: string): void {
    this.#chunk += row + '\n';
    this.#rows++;
  }

  /** True once enough rows are gathered to hand them to the stream. */
  get full(): boolean {
    return this.#chunk.length >= CHUNK_CHARS;
  }

  /** Hand the gathered rows to the stream; resolves once the stream can take more. */
  async flush(): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#chunk.length === 0) return;
    const chunk = this.#chunk;
    this.#chunk = '';
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain');
  }

  /** Write what is left and close the file; rejects if any write failed. */
  async close(): Promise<void> {
    await this.flush();
    this.#stream.end();
    await once(this.#stream, 'finish').catch((error: unknown) => {
      throw this.#failure ?? error;
    });
    if (this.#failure !== undefined) throw this.#failure;
  }
}

/**
 * Characters gathered before a chunk goes to the stream (64 KB of ASCII): small enough that the
 * rows' string pieces die young, large enough that stream calls are rare.
 */
const CHUNK_CHARS = 1 << 16;
const STREAM_BUFFER_BYTES = 4 << 20;

/**
 * A CSV field, quoted per RFC 4180 when it contains a comma, a double quote or a line break.
 * @example csvField('Acme, Inc.'); // '"Acme, Inc."'
 */
export function csvField(value: string): string {
  if (!NEEDS_QUOTES.test(value)) return value;
  return '"' + value.replaceAll('"', '""') + '"';
}

const NEEDS_QUOTES = /[",\r\n]/;
