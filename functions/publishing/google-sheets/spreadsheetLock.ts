import { createHash, randomUUID } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoogleSheetsError } from './errors.ts';

export interface SpreadsheetLockOptions {
  /** Where lock files live. Default: the OS temp directory. */
  readonly directory?: string;
  /** A lock not refreshed for this long is stale and may be taken over. Default 10 minutes. */
  readonly staleAfterMs?: number;
  /** How long to wait for another run to finish. Default 0: fail at once. */
  readonly waitMs?: number;
  /** Delay between attempts while waiting. Default 1 s. */
  readonly pollMs?: number;
}

/** Held lock; {@link SpreadsheetLock.release} removes it (only if it is still ours). */
export interface SpreadsheetLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Another run holds the lock. */
export class SpreadsheetLockedError extends GoogleSheetsError {
  override readonly name = 'SpreadsheetLockedError';
}

interface LockHolder {
  readonly token: string;
  readonly pid: number;
  readonly host: string;
  readonly acquiredAt: string;
}

const DEFAULTS = { staleAfterMs: 600_000, waitMs: 0, pollMs: 1_000 };

/**
 * Takes the local lock for a spreadsheet: one writer per spreadsheet per machine, so overlapping
 * runs never interleave writes. The lock is a file created exclusively (`wx`) in the temp
 * directory; its modification time is refreshed while held, and a lock whose holder died (same
 * host, pid gone) or that went unrefreshed for `staleAfterMs` is taken over.
 *
 * @example
 * ```ts
 * const lock = await acquireSpreadsheetLock(spreadsheetId, { waitMs: 60_000 });
 * try { await sink.publish(model); } finally { await lock.release(); }
 * ```
 */
export async function acquireSpreadsheetLock(spreadsheetId: string, options: SpreadsheetLockOptions = {}): Promise<SpreadsheetLock> {
  const { staleAfterMs, waitMs, pollMs } = { ...DEFAULTS, ...options };
  const path = lockPath(spreadsheetId, options.directory ?? tmpdir());
  const holder: LockHolder = { token: randomUUID(), pid: process.pid, host: hostname(), acquiredAt: new Date().toISOString() };
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await tryCreate(path, holder)) return heldLock(path, holder.token, staleAfterMs);
    const current = await readHolder(path);
    if (current === 'gone') continue;
    if (await isStale(path, current, staleAfterMs)) {
      await takeOver(path, current);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = current ? `pid ${current.pid} on ${current.host}, since ${current.acquiredAt}` : 'an unknown process';
      throw new SpreadsheetLockedError(
        `Another segment-sheets run (${who}) is publishing to spreadsheet ${spreadsheetId}. ` +
          `Wait for it to finish, or delete ${path} if that run is gone.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
  }
}

/**
 * Runs `work` holding the spreadsheet's lock, and releases it however `work` ends.
 *
 * @example
 * ```ts
 * const report = await withSpreadsheetLock(spreadsheetId, () => sink.publish(model));
 * ```
 */
export async function withSpreadsheetLock<T>(spreadsheetId: string, work: () => Promise<T>, options: SpreadsheetLockOptions = {}): Promise<T> {
  const lock = await acquireSpreadsheetLock(spreadsheetId, options);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

/**
 * The lock file of a spreadsheet (hashed: ids are long, and file names should not leak them).
 *
 * @example
 * ```ts
 * lockPath('1AbC…'); // '/tmp/segment-sheets-3f2a….lock'
 * ```
 */
export function lockPath(spreadsheetId: string, directory: string = tmpdir()): string {
  const digest = createHash('sha256').update(spreadsheetId).digest('hex').slice(0, 24);
  return join(directory, `segment-sheets-${digest}.lock`);
}

async function tryCreate(path: string, holder: LockHolder): Promise<boolean> {
  try {
    const file = await open(path, 'wx');
    try {
      await file.writeFile(JSON.stringify(holder));
    } finally {
      await file.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The holder; `undefined` if the file is unreadable (being written); `'gone'` if it disappeared. */
async function readHolder(path: string): Promise<LockHolder | undefined | 'gone'> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    return isHolder(parsed) ? parsed : undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : undefined;
  }
}

async function isStale(path: string, holder: LockHolder | undefined, staleAfterMs: number): Promise<boolean> {
  if (holder && holder.host === hostname() && !processAlive(holder.pid)) return true;
  try {
    return Date.now() - (await stat(path)).mtimeMs > staleAfterMs;
  } catch {
    return false;
  }
}

/**
 * Moves the stale lock aside (rename is atomic) and deletes it. If, between reading and renaming,
 * another process had already replaced it with a fresh lock, that lock is put back.
 */
async function takeOver(path: string, stale: LockHolder | undefined): Promise<void> {
  const aside = `${path}.${randomUUID()}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = await readHolder(aside);
  const wasStale = moved === undefined || moved === 'gone' || moved.token === stale?.token;
  if (!wasStale) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function heldLock(path: string, token: string, staleAfterMs: number): SpreadsheetLock {
  // Refresh the mtime so a long publish is not mistaken for a dead one.
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, Math.max(1_000, Math.floor(staleAfterMs / 3)));
  heartbeat.unref();
  return {
    path,
    release: async () => {
      clearInterval(heartbeat);
      const current = await readHolder(path);
      if (current !== 'gone' && current?.token === token) await unlink(path).catch(() => undefined);
    },
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isHolder(value: unknown): value is LockHolder {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['token'] === 'string' && typeof record['pid'] === 'number' && typeof record['host'] === 'string' && typeof record['acquiredAt'] === 'string';
}
