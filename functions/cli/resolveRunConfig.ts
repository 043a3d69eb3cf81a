import path from 'node:path';
import { FIELDS_BY_SOURCE } from '../config/canonicalFields.ts';
import type { Config } from '../config/configSchema.ts';
import { loadConfigFile, parseConfig } from '../config/loadConfig.ts';
import type { ExportLocation } from '../query-engine/QueryEngine.ts';
import { DuckDbQueryEngine } from '../query-engine/duckdb/DuckDbQueryEngine.ts';
import { UserError } from '../runtime/UserError.ts';
import type { CliArgs } from './parseCliArgs.ts';

/**
 * The configuration of a `run`: the config file when given, with the command-line flags
 * overriding it for the common cases. With `--orders` alone, the export's columns that carry
 * canonical names (customer_id, order_date, amount, ...) are mapped as they are.
 */
export async function resolveRunConfig(args: CliArgs, cwd: string = process.cwd()): Promise<Config> {
  let config: Config;
  if (args.config) config = await loadConfigFile(path.resolve(cwd, args.config));
  else if (args.orders) config = await configForBareExport(path.resolve(cwd, args.orders));
  else throw new UserError('give --config FILE or --orders PATH (see --help)');

  const sources = { ...config.sources };
  if (args.orders) sources.orders = { ...sources.orders, path: path.resolve(cwd, args.orders), format: formatOf(args.orders) };
  if (args.customers) {
    if (!sources.customers) throw new UserError('--customers needs a customers source with a mapping in the config file');
    sources.customers = { ...sources.customers, path: path.resolve(cwd, args.customers), format: formatOf(args.customers) };
  }
  for (const [flag, kind] of [['leads', 'leads'], ['leadActivities', 'leadActivities']] as const) {
    const file = args[flag];
    if (!file) continue;
    const current = sources[kind];
    if (!current) throw new UserError(`--${flag === 'leads' ? 'leads' : 'lead-activities'} needs sources.${kind} with a mapping in the config file`);
    sources[kind] = { ...current, path: path.resolve(cwd, file), format: formatOf(file) };
  }
  return {
    ...config,
    clv: {
      ...config.clv,
      ...(args.timeUnit ? { timeUnit: args.timeUnit } : {}),
      ...(args.holdout !== undefined ? { holdout: args.holdout } : {}),
    },
    sources,
    sinks: { ...config.sinks, ...sheetsOverride(config, args, cwd) },
    output: {
      ...config.output,
      ...(args.out ? { dir: path.resolve(cwd, args.out) } : {}),
      ...(args.sink ? { sink: args.sink } : {}),
    },
  };
}

/** `sinks.sheets` with the command line's spreadsheet id, key file and root URL applied. */
function sheetsOverride(config: Config, args: CliArgs, cwd: string): Pick<Config['sinks'], 'sheets'> {
  if (!args.spreadsheetId && !args.keyFile && !args.sheetsRootUrl) return {};
  const current = config.sinks.sheets;
  const spreadsheetId = args.spreadsheetId ?? current?.spreadsheetId;
  if (!spreadsheetId) throw new UserError('--key-file and --sheets-url need a spreadsheet: give --spreadsheet-id or sinks.sheets in the config');
  const section = parseConfig(
    {
      sources: { orders: { path: 'unused', mapping: {} } },
      sinks: {
        sheets: {
          ...(current ?? {}),
          spreadsheetId,
          ...(args.keyFile ? { key: { file: path.resolve(cwd, args.keyFile) } } : {}),
          ...(args.sheetsRootUrl ? { rootUrl: args.sheetsRootUrl } : {}),
        },
      },
    },
    'command line',
  ).sinks.sheets;
  return section ? { sheets: section } : {};
}

/** The export format implied by a file name. */
export function formatOf(file: string): ExportLocation['format'] {
  if (/\.parquet$/i.test(file)) return 'parquet';
  if (/\.gz$/i.test(file)) return 'csv.gz';
  return 'csv';
}

async function configForBareExport(ordersPath: string): Promise<Config> {
  const engine = await DuckDbQueryEngine.open({ memoryLimit: '1GB', threads: 1 });
  let columns: string[];
  try {
    columns = await engine.registerExport('sniff', { path: ordersPath, format: formatOf(ordersPath) });
  } catch (error) {
    throw new UserError(`orders: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await engine.close();
  }
  const { required, optional } = FIELDS_BY_SOURCE.orders;
  const mapping: Record<string, string> = {};
  for (const field of [...required, ...optional]) {
    const column = columns.find((c) => c.toLowerCase() === field);
    if (column !== undefined) mapping[field] = column;
  }
  return parseConfig(
    { sources: { orders: { path: ordersPath, format: formatOf(ordersPath), mapping } }, output: { dir: path.resolve('out') } },
    '--orders',
  );
}
