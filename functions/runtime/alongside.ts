/**
 * Awaits `main` with `beside` running at the same time, e.g. an engine scan that keeps one
 * engine thread busy while JavaScript scores customers on the main thread. Both are settled
 * before it returns or throws, so nothing is still running when the caller cleans up (closes the
 * engine, aborts the results); a failure of `main` is thrown first, then one of `beside`.
 *
 * @example
 * ```ts
 * const scored = await alongside(scoreAllCustomers(ctx, …), orders.writeQuarantine());
 * ```
 */
export async function alongside<T>(main: Promise<T>, beside: Promise<unknown>): Promise<T> {
  const [result, side] = await Promise.allSettled([main, beside]);
  if (result.status === 'rejected') throw result.reason;
  if (side.status === 'rejected') throw side.reason;
  return result.value;
}
