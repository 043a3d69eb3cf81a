import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { readSnapshotCsv } from '../readSnapshotCsv.ts';
import { asOfOfFolder, SNAPSHOT_FILE, snapshotFolder, snapshotHeaderLine, snapshotLines } from '../snapshotCsv.ts';
import type { SnapshotRow } from '../SnapshotRow.ts';
import type { SnapshotRef, SnapshotStore, SnapshotWriter } from '../SnapshotStore.ts';
import { SnapshotUnreadableError } from '../SnapshotUnreadableError.ts';

/**
 * Segment snapshots in a local folder, `<dir>/as_of=YYYY-MM-DD/snapshot.csv` — by default
 * `<output dir>/history`, beside the run's result files but outside their staging, so every
 * run's snapshot stays. A snapshot is written to a hidden temporary file in its folder, flushed
 * to disk and renamed over `snapshot.csv` on commit: a rename within a folder is atomic, so a
 * crash leaves the old snapshot or the new one, never half a file, and a second run for the same
 * as-of date replaces the first.
 *
 * @example
 * ```ts
 * const store = new LocalSnapshotStore('out/history');
 * const writer = await store.create('2024-06-30');
 * await writer.write(rows);
 * await writer.commit(); // out/history/as_of=2024-06-30/snapshot.csv
 * ```
 */
export class LocalSnapshotStore implements SnapshotStore {
  readonly location: string;

  constructor(directory: string) {
    this.location = path.resolve(directory);
  }

  async create(asOf: string): Promise<SnapshotWriter> {
    const folder = path.join(this.location, snapshotFolder(asOf));
    await mkdir(folder, { recursive: true });
    const target = path.join(folder, SNAPSHOT_FILE);
    const temporary = path.join(folder, `.${SNAPSHOT_FILE}.${randomUUID()}.tmp`);
    const stream = createWriteStream(temporary, { encoding: 'utf8' });
    const write = async (text: string): Promise<void> => {
      if (!stream.write(text)) await once(stream, 'drain');
    };
    await write(snapshotHeaderLine());
    let done = false;
    return {
      location: target,
      write: async (rows: readonly SnapshotRow[]) => write(snapshotLines(rows)),
      commit: async () => {
        done = true;
        stream.end();
        await once(stream, 'finish');
        // On disk before the rename, so a power cut cannot leave the new name on an empty file.
        const handle = await open(temporary, 'r+');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, target);
      },
      abort: async () => {
        if (done) return;
        done = true;
        stream.destroy();
        await rm(temporary, { force: true });
      },
    };
  }

  async findPrevious(asOf: string): Promise<SnapshotRef | undefined> {
    let names: string[];
    try {
      names = await readdir(this.location);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    // ISO dates sort as text.
    const earlier = names
      .map((name) => asOfOfFolder(name))
      .filter((date): date is string => date !== undefined && date < asOf)
      .sort()
      .reverse();
    for (const date of earlier) {
      const file = path.join(this.location, snapshotFolder(date), SNAPSHOT_FILE);
      const found = await stat(file).catch(() => undefined);
      if (found?.isFile()) return { asOf: date, location: file };
    }
    return undefined;
  }

  async *read(ref: SnapshotRef): AsyncGenerator<SnapshotRow[]> {
    const stream = createReadStream(ref.location);
    try {
      yield* readSnapshotCsv(stream, ref.asOf);
    } catch (error) {
      if (error instanceof SnapshotUnreadableError) throw error;
      throw new SnapshotUnreadableError(`could not read ${ref.location}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      stream.destroy();
    }
  }
}
