/**
 * An error caused by input or configuration that the user can fix. The CLI prints its message as
 * one line (no stack trace) and exits non-zero; handlers log it as the run's failure reason.
 *
 * @example
 * ```ts
 * throw new UserError("orders: column 'Quantity' not found in the export header");
 * ```
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}
