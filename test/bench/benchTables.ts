/**
 * The benchmark's text tables: one per run (its stages), the bad-rows check, and the final
 * comparison of all runs. Plain monospace columns, first column left-aligned, numbers right.
 */
import type { BadRowAccounting } from './badRowAccounting.ts';
import type { JobFigures } from './benchRun.ts';

/**
 * Lays out rows under a header in aligned columns: text columns (by default the first)
 * left-aligned, the others right-aligned.
 * @example textTable(['a', 'n'], [['x', '1'], ['yy', '22']]); // 'a    n\nx    1\nyy  22'
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], textColumns: readonly number[] = [0]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r.map((cell, i) => (textColumns.includes(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/**
 * One run's stages (wall, rows per second, peak RSS and JS heap while each ran) and its total
 * (the process's peak RSS over the run).
 *
 * @example console.log(stageTable(figures));
 */
export function stageTable(figures: JobFigures): string {
  const rows = figures.stages.map((s) => [s.stage, s.seconds.toFixed(2), integer(s.rowsPerSecond), integer(s.peakRssMb), integer(s.peakHeapMb)]);
  rows.push(['total', figures.totalSeconds.toFixed(2), integer(figures.rows / figures.totalSeconds), integer(figures.peakRssMb), integer(figures.peakHeapMb)]);
  return textTable(['stage', 'wall (s)', 'rows/s', 'peak RSS (MB)', 'peak heap (MB)'], rows);
}

/**
 * The bad-rows check: per reason, clean − displaced + injected = expected, against the actual
 * count; and the time of each stage with bad rows against the clean file's.
 *
 * @example console.log(badRowTables(accounting, clean, bad));
 */
export function badRowTables(accounting: BadRowAccounting, clean: JobFigures, bad: JobFigures): string {
  const counts = textTable(
    ['quarantine reason', 'clean run', 'displaced', 'injected', 'expected', 'actual', 'equal?'],
    accounting.reasons.map((r) => [r.reason, integer(r.clean), integer(r.displaced), integer(r.injected), integer(r.expected), integer(r.actual), r.actual === r.expected ? 'yes' : 'NO']),
  );
  const times = textTable(['stage', 'clean (s)', 'bad rows (s)', 'bad / clean'], timeRatios(clean, bad).map((r) => [r.stage, r.clean.toFixed(2), r.bad.toFixed(2), r.ratio.toFixed(3)]));
  return `${counts}\n\n${times}`;
}

/**
 * Wall time per stage (stages of the same name added up) and in total, bad run over clean run.
 * @example timeRatios(clean, bad).at(-1); // { stage: 'total', clean: 60.1, bad: 61.5, ratio: 1.023 }
 */
export function timeRatios(clean: JobFigures, bad: JobFigures): { stage: string; clean: number; bad: number; ratio: number }[] {
  const byStage = (f: JobFigures): Map<string, number> => {
    const seconds = new Map<string, number>();
    for (const s of f.stages) seconds.set(s.stage, (seconds.get(s.stage) ?? 0) + s.seconds);
    return seconds;
  };
  const cleanStages = byStage(clean);
  const badStages = byStage(bad);
  const stages = [...cleanStages.keys()].filter((stage) => badStages.has(stage));
  return [
    ...stages.map((stage) => ({ stage, clean: cleanStages.get(stage) ?? 0, bad: badStages.get(stage) ?? 0 })),
    { stage: 'total', clean: clean.totalSeconds, bad: bad.totalSeconds },
  ].map((r) => ({ ...r, ratio: r.clean > 0 ? r.bad / r.clean : Number.NaN }));
}

/** A row of the final comparison. */
export interface ComparisonRow {
  readonly run: string;
  readonly rows: number | undefined;
  readonly format: string;
  readonly totalSeconds: number | undefined;
  readonly peakRssMb: number | undefined;
  readonly target: string;
  /** 'yes', 'no: …', '—' (no target at this size) or 'failed: …'. */
  readonly met: string;
}

/**
 * The final comparison of all runs: rows, format, total, rows per second, seconds per million
 * rows (growth), peak, target and whether it is met.
 *
 * @example console.log(comparisonTable(rows));
 */
export function comparisonTable(rows: readonly ComparisonRow[]): string {
  return textTable(
    ['run', 'rows', 'format', 'total (s)', 'rows/s', 's per 1M rows', 'peak RSS (MB)', 'target', 'met?'],
    rows.map((r) => [
      r.run,
      r.rows === undefined ? '' : integer(r.rows),
      r.format,
      r.totalSeconds === undefined ? '' : r.totalSeconds.toFixed(2),
      r.rows === undefined || r.totalSeconds === undefined ? '' : integer(r.rows / r.totalSeconds),
      r.rows === undefined || r.totalSeconds === undefined ? '' : ((r.totalSeconds / r.rows) * 1e6).toFixed(2),
      r.peakRssMb === undefined ? '' : integer(r.peakRssMb),
      r.target,
      r.met,
    ]),
    [0, 2, 7, 8],
  );
}

function integer(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
