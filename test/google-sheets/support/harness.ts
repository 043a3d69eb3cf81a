import { createGoogleSheetsSink } from '../../../functions/publishing/google-sheets/GoogleSheetsSink.ts';
import type { GoogleSheetsSinkOptions } from '../../../functions/publishing/google-sheets/GoogleSheetsSinkOptions.ts';
import { SheetsEmulator, type SheetInit, type SheetsEmulatorOptions } from '../emulator/SheetsEmulator.ts';

export const ROBOT = 'publisher@segment-sheets-test.iam.gserviceaccount.com';
export const TOKEN = 'static-test-token';

export interface Harness {
  readonly emulator: SheetsEmulator;
  readonly spreadsheetId: string;
  /** A sink on the emulator that never sleeps for real (backoff and throttle waits are recorded). */
  sink(overrides?: Partial<GoogleSheetsSinkOptions>): ReturnType<typeof createGoogleSheetsSink>;
  /** Waits the sinks asked for, in ms. */
  readonly sleeps: number[];
}

/** An emulator with one spreadsheet shared with the test robot (as writer). */
export async function startHarness(
  options: SheetsEmulatorOptions & { sheets?: readonly SheetInit[] } = {},
): Promise<Harness> {
  const emulator = await SheetsEmulator.start(options);
  emulator.principals.addStaticToken(TOKEN, ROBOT);
  const spreadsheetId = emulator.createSpreadsheet({
    title: 'Segments',
    sheets: options.sheets ?? [{ title: 'Sheet1' }],
    sharedWith: { [ROBOT]: 'writer' },
  });
  const sleeps: number[] = [];
  return {
    emulator,
    spreadsheetId,
    sleeps,
    sink: (overrides = {}) =>
      createGoogleSheetsSink({
        spreadsheetId,
        rootUrl: emulator.rootUrl,
        credentials: { staticToken: TOKEN },
        requestTimeoutMs: 2_000,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 0.5,
        ...overrides,
      }),
  };
}
