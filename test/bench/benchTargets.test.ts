import { describe, expect, it } from 'vitest';
import type { ClvFigures, JobFigures, RunSpec } from './benchRun.ts';
import { timeRatios } from './benchTables.ts';
import { checkTargets, growth } from './benchTargets.ts';

function ordersRun(rows: number, totalSeconds: number, peakRssMb: number, renderSeconds: number, kind: RunSpec['kind'] = 'orders'): JobFigures {
  return {
    spec: { kind, rows, format: 'csv', badRowShare: 0 },
    rows,
    totalSeconds,
    peakRssMb,
    peakHeapMb: 0,
    duckdbMemoryLimit: '4GB',
    nodeHeapLimitMb: 4096,
    stages: [
      { stage: 'Reading orders', seconds: totalSeconds - renderSeconds, rowsPerSecond: 0, peakRssMb: 0, peakHeapMb: 0 },
      { stage: 'Publishing (xlsx)', seconds: renderSeconds, rowsPerSecond: 0, peakRssMb: 0, peakHeapMb: 0 },
    ],
    quarantinedByReason: {},
    outDir: '',
    preparedInProcess: false,
  };
}

describe('bench targets', () => {
  it('holds 10M order rows to 60 s and 3 GB, and the render to 20 s at any size', () => {
    expect(checkTargets(ordersRun(10_000_000, 59, 3000, 10))).toMatchObject({ met: true, misses: [] });
    expect(checkTargets(ordersRun(10_000_000, 61, 3100, 21)).misses).toEqual(['wall 61 s ≥ 60 s', 'peak 3,100 MB ≥ 3,072 MB', 'render 21 s ≥ 20 s']);
    expect(checkTargets(ordersRun(1_000_000, 90, 5000, 5))).toMatchObject({ target: 'render < 20 s', met: true });
  });

  it('holds 1M leads to 60 s and 2 GB, and has no target for fewer', () => {
    expect(checkTargets(ordersRun(1_000_000, 50, 2100, 5, 'leads')).misses).toEqual(['peak 2,100 MB ≥ 2,048 MB']);
    expect(checkTargets(ordersRun(20_000, 500, 9000, 5, 'leads'))).toEqual({ target: '', met: undefined, misses: [] });
  });

  it('holds the CLV fit to 5 s and the predictions to 2 s at 1M customers', () => {
    const clv = { spec: { kind: 'clv', rows: 1e6, format: 'csv', badRowShare: 0 }, customers: 1e6, fitTotalMs: 4000, predictMs: 2500, peakRssMb: 900 } as ClvFigures;
    expect(checkTargets(clv).misses).toEqual(['CLV predict 2.5 s ≥ 2 s']);
  });

  it('calls growth linear or better while time per row grows no more than 10%', () => {
    expect(growth([{ rows: 10e6, totalSeconds: 100 }, { rows: 1e6, totalSeconds: 10 }])).toMatchObject({ sizeFactor: 10, timeFactor: 10, linearOrBetter: true });
    expect(growth([{ rows: 1e6, totalSeconds: 10 }, { rows: 10e6, totalSeconds: 111 }])?.linearOrBetter).toBe(false);
    expect(growth([{ rows: 1e6, totalSeconds: 10 }])).toBeUndefined();
  });

  it('compares bad-row and clean times per stage and in total', () => {
    const ratios = timeRatios(ordersRun(1e6, 20, 0, 5), ordersRun(1e6, 22, 0, 6));
    expect(ratios.map((r) => [r.stage, r.ratio])).toEqual([['Reading orders', 16 / 15], ['Publishing (xlsx)', 6 / 5], ['total', 1.1]]);
  });
});
