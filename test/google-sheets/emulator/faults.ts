/**
 * Faults the emulator can inject at the N-th API call (0-based, counting every call it receives):
 * - `http429` / `http500` / `http503`: answer with that status, change nothing;
 * - `timeout`: never answer and change nothing (the client must give up);
 * - `reset`: drop the connection before handling the request;
 * - `resetAfterApply`: handle the request (changes are kept), then drop the connection, so the
 *   client cannot know whether its write happened.
 */
export type FaultKind = 'http429' | 'http500' | 'http503' | 'timeout' | 'reset' | 'resetAfterApply';

export interface FaultRule {
  /** First call index the fault applies to. */
  readonly atCall: number;
  readonly kind: FaultKind;
  /** How many calls fail from `atCall` on; `Infinity` keeps failing (a dead run). Default 1. */
  readonly times?: number;
}

export class FaultPlan {
  private rules: { rule: FaultRule; remaining: number }[] = [];

  inject(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this call, if any, consuming one of its repetitions. */
  take(callIndex: number): FaultKind | undefined {
    const active = this.rules.find((entry) => entry.remaining > 0 && callIndex >= entry.rule.atCall);
    if (!active) return undefined;
    active.remaining -= 1;
    return active.rule.kind;
  }
}
