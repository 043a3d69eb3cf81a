import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { SqlValue } from '../../query-engine/QueryEngine.ts';
import { csvBytes, csvLine } from '../csvLine.ts';
import type { CsvFileWriter, ResultStore } from '../ResultStore.ts';

/**
 * Result files in a local folder. Files are written into a hidden staging folder inside it and
 * renamed into place on {@link commit} (a rename within one file system is atomic), so the last
 * good results stay until a run has fully succeeded.
 *
 * @example
 * ```ts
 * const store = await LocalResultStore.open('out');
 * await store.writeFile('run.json', '{}');
 * await store.commit(); // out/run.json now exists
 * ```
 */
export class LocalResultStore implements ResultStore {
  readonly location: string;
  private readonly staging: string;
  private readonly open = new Set<WriteStream>();

  private constructor(location: string, staging: string) {
    this.location = location;
    this.staging = staging;
  }

  static async open(directory: string): Promise<LocalResultStore> {
    const location = path.resolve(directory);
    await mkdir(location, { recursive: true });
    const staging = await mkdtemp(path.join(location, '.segment-sheets-tmp-'));
    return new LocalResultStore(location, staging);
  }

  async createCsv(name: string, columns: readonly string[]): Promise<CsvFileWriter> {
    const stream = createWriteStream(await this.stagingPath(name), { encoding: 'utf8' });
    this.open.add(stream);
    let rows = 0;
    const write = async (piece: string | Uint8Array): Promise<void> => {
      if (!stream.write(piece)) await once(stream, 'drain');
    };
    await write(csvLine(columns));
    return {
      write: async (batch: readonly (readonly SqlValue[])[]) => {
        const chunk = csvBytes(batch);
        rows += batch.length;
        await write(chunk);
      },
      close: async () => {
        stream.end();
        await once(stream, 'finish');
        this.open.delete(stream);
        return rows;
      },
    };
  }

  async writeFile(name: string, content: string | Uint8Array): Promise<void> {
    await writeFile(await this.stagingPath(name), content);
  }

  /** `name` may have folders (`audiences/google/champions.csv`); no part may be empty or start with a dot. */
  async stagingPath(name: string): Promise<string> {
    const parts = name.split('/');
    if (name.includes('\\') || parts.some((p) => p === '' || p.startsWith('.'))) throw new Error(`invalid result file name: ${name}`);
    if (parts.length > 1) await mkdir(path.join(this.staging, ...parts.slice(0, -1)), { recursive: true });
    return path.join(this.staging, ...parts);
  }

  async commit(): Promise<void> {
    await moveInto(this.staging, this.location);
    await rm(this.staging, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    for (const stream of this.open) stream.destroy();
    this.open.clear();
    await rm(this.staging, { recursive: true, force: true });
  }
}

/**
 * Moves every staged file to the same place under `to`, file by file: a folder of results
 * (`audiences/`) is merged into the existing one, so files another job wrote there stay.
 */
async function moveInto(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      await mkdir(target, { recursive: true });
      await moveInto(source, target);
    } else {
      await rename(source, target);
    }
  }
}
