import { describe, expect, it } from 'vitest';
import { PendingWork } from '../../functions/runtime/PendingWork.ts';

const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('PendingWork', () => {
  it('settles once every piece of work added has finished', async () => {
    const pending = new PendingWork();
    const done: string[] = [];
    pending.add(later(20, 'slow').then((v) => void done.push(v)));
    pending.add(later(1, 'quick').then((v) => void done.push(v)));
    await pending.settle();
    expect(done.sort()).toEqual(['quick', 'slow']);
  });

  it('keeps a failure that comes before settle, and throws the first one from settle', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const pending = new PendingWork();
      pending.add(Promise.reject(new Error('disk full')));
      pending.add(later(5, undefined).then(() => Promise.reject(new Error('second'))));
      await later(20, undefined); // both failed before anyone waits
      await expect(pending.settle()).rejects.toThrow('disk full');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('settles at once with nothing added', async () => {
    await expect(new PendingWork().settle()).resolves.toBeUndefined();
  });
});
