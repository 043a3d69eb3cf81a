/** Port: structured logging. The CLI logs to stderr; Lambda uses Powertools Logger. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Port: progress of long steps, shown as a spinner on a terminal and as plain lines otherwise. */
export interface Progress {
  /** A step starts; returns a function that ends it with a short result text. */
  step(label: string): (result?: string) => void;
}

/** A logger and progress that print nothing, for tests and library use. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
export const silentProgress: Progress = { step: () => () => {} };
