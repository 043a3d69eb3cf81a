import { parseArgs } from 'node:util';
import { isIsoDate } from '../runtime/isoDate.ts';
import { UserError } from '../runtime/UserError.ts';

/** Parsed command line of `segment-sheets`. */
export interface CliArgs {
  readonly command: 'run' | 'demo' | 'doctor' | 'help';
  readonly config?: string;
  readonly orders?: string;
  readonly customers?: string;
  readonly asOf?: string;
  readonly out?: string;
  readonly sink?: 'xlsx' | 'sheets' | 'none';
  readonly timeUnit?: 'day' | 'week';
  readonly holdout?: number;
  readonly spreadsheetId?: string;
  readonly sheetsRootUrl?: string;
  readonly keyFile?: string;
  readonly job: 'customers' | 'leads' | 'all';
  readonly leads?: string;
  readonly leadActivities?: string;
  readonly data?: string;
  readonly rows?: number;
}

export const USAGE = `Usage: segment-sheets <command> [options]

Commands:
  run     Run the segmentation on your exports
  demo    Generate sample data and run on it
  doctor  Check the config, the Google key and access to the spreadsheet

Options:
  --config FILE         Configuration file (JSON; see config.schema.json)
  --orders PATH         Orders export (overrides sources.orders.path)
  --customers PATH      Customer attributes export (overrides sources.customers.path)
  --leads PATH          Leads export (overrides sources.leads.path)
  --lead-activities PATH  Lead activities export (overrides sources.leadActivities.path)
  --job customers|leads|all  Which job to run (default customers; all = both in one workbook)
  --as-of YYYY-MM-DD    Analysis date (default: config asOf, else today UTC)
  --out DIR             Output folder (default: config output.dir, else ./out)
  --sink xlsx|sheets|none  Where the tabs go (default: config output.sink)
  --time-unit day|week  Time unit of the CLV models (default: config clv.timeUnit, else week)
  --holdout N           CLV holdout length in time units (0 skips the check)
  --spreadsheet-id ID   Google Sheet to publish to (sets sinks.sheets.spreadsheetId)
  --key-file FILE       Google service-account key file (sets sinks.sheets.key)
  --sheets-url URL      Sheets API root URL (a local emulator); default Google's
  --data DIR            demo: where sample data is written (default ./demo-data)
  --rows N              demo: number of order rows to generate (default 30000)
  -h, --help            Show this help`;

/**
 * @example
 * ```ts
 * parseCliArgs(['run', '--orders', 'orders.csv', '--as-of', '2024-06-30']);
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        orders: { type: 'string' },
        customers: { type: 'string' },
        leads: { type: 'string' },
        'lead-activities': { type: 'string' },
        'as-of': { type: 'string' },
        out: { type: 'string' },
        sink: { type: 'string' },
        'time-unit': { type: 'string' },
        holdout: { type: 'string' },
        'spreadsheet-id': { type: 'string' },
        'key-file': { type: 'string' },
        'sheets-url': { type: 'string' },
        job: { type: 'string' },
        data: { type: 'string' },
        rows: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UserError(`${error instanceof Error ? error.message : String(error)} (see --help)`);
  }
  const { values, positionals } = parsed;
  const command = values.help ? 'help' : (positionals[0] ?? 'help');
  if (command !== 'run' && command !== 'demo' && command !== 'doctor' && command !== 'help') throw new UserError(`unknown command '${command}' (see --help)`);
  if (positionals.length > 1) throw new UserError(`unexpected argument '${positionals[1]}' (see --help)`);
  const asOf = values['as-of'];
  if (asOf !== undefined && !isIsoDate(asOf)) throw new UserError(`--as-of: expected YYYY-MM-DD, got '${asOf}'`);
  const sink = oneOf('--sink', values.sink, ['xlsx', 'sheets', 'none'] as const);
  const timeUnit = oneOf('--time-unit', values['time-unit'], ['day', 'week'] as const);
  const holdout = values.holdout === undefined ? undefined : Number(values.holdout);
  if (holdout !== undefined && (!Number.isInteger(holdout) || holdout < 0)) throw new UserError('--holdout: expected a whole number of time units (0 or more)');
  const job = oneOf('--job', values.job, ['customers', 'leads', 'all'] as const) ?? 'customers';
  const rows = values.rows === undefined ? undefined : Number(values.rows);
  if (rows !== undefined && (!Number.isInteger(rows) || rows < 100)) throw new UserError(`--rows: expected a whole number of at least 100`);
  return {
    command,
    job,
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.orders !== undefined ? { orders: values.orders } : {}),
    ...(values.customers !== undefined ? { customers: values.customers } : {}),
    ...(values.leads !== undefined ? { leads: values.leads } : {}),
    ...(values['lead-activities'] !== undefined ? { leadActivities: values['lead-activities'] } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(sink !== undefined ? { sink } : {}),
    ...(timeUnit !== undefined ? { timeUnit } : {}),
    ...(holdout !== undefined ? { holdout } : {}),
    ...(values['spreadsheet-id'] !== undefined ? { spreadsheetId: values['spreadsheet-id'] } : {}),
    ...(values['key-file'] !== undefined ? { keyFile: values['key-file'] } : {}),
    ...(values['sheets-url'] !== undefined ? { sheetsRootUrl: values['sheets-url'] } : {}),
    ...(values.data !== undefined ? { data: values.data } : {}),
    ...(rows !== undefined ? { rows } : {}),
  };
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UserError(`${flag}: expected ${allowed.join(' or ')}, got '${value}'`);
  return value as T;
}
