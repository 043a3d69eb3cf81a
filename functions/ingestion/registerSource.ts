import type { SourceKind } from '../config/canonicalFields.ts';
import type { SourceConfig } from '../config/configSchema.ts';
import { unorderedRelation, type QueryEngine } from '../query-engine/QueryEngine.ts';
import { UserError } from '../runtime/UserError.ts';
import { mappedSelect, type MappedSelect } from './mappedSelect.ts';
import type { RowIdentity } from './RowIdentity.ts';

export interface RegisteredSource {
  /** Relation with `_source_row` and `_row_key` (quarantine files are numbered from it). */
  readonly rawRelation: string;
  readonly mappedRelation: string;
  /** The identity column `mappedRelation` carries. */
  readonly identity: RowIdentity;
  readonly exportColumns: readonly string[];
  readonly mapped: MappedSelect;
}

/**
 * Makes a source's export queryable and defines its mapped view (`<name>_mapped`), checking
 * first that every mapping expression and filter parses and binds, so a typo fails before any
 * work with a message naming the field.
 *
 * @param identity `_row_key` for large sources whose SQL does not need row order (default
 *   `_source_row`)
 *
 * @example
 * ```ts
 * const orders = await registerSource(engine, 'orders', config.sources.orders, '_row_key');
 * // relations raw_orders, raw_orders_unordered and orders_mapped (with _row_key) now exist
 * ```
 */
export async function registerSource(
  engine: QueryEngine,
  kind: SourceKind,
  source: SourceConfig,
  identity: RowIdentity = '_source_row',
): Promise<RegisteredSource> {
  const label = kind;
  const rawRelation = `raw_${snake(kind)}`;
  let exportColumns: string[];
  try {
    exportColumns = await engine.registerExport(rawRelation, source, { numbered: identity === '_source_row' });
  } catch (error) {
    throw new UserError(`${label}: ${messageOf(error)}`);
  }
  // DuckDB names the single column of a zero-byte file `column0`; a headerless one-column
  // export has that name too, so only a lack of rows tells them apart.
  const autoNamed = exportColumns.length === 1 && /^column0+$/.test(exportColumns[0] ?? '');
  if (exportColumns.length === 0 || (autoNamed && (await engine.query(`SELECT 1 AS one FROM ${rawRelation} LIMIT 1`)).length === 0)) {
    throw new UserError(`${label}: the export is empty (${source.path})`);
  }
  const mappedFrom = identity === '_row_key' ? unorderedRelation(rawRelation) : rawRelation;
  const mapped = mappedSelect(kind, source, exportColumns, mappedFrom, identity);
  for (const field of mapped.fields.filter((f) => f.column === undefined && source.mapping[f.field] !== undefined)) {
    await expectValid(engine, `SELECT ${field.expression} AS v FROM ${rawRelation} LIMIT 0`, `${label}: mapping for '${field.field}' does not parse`);
  }
  for (const filter of source.filters) {
    await expectValid(engine, `SELECT count(*) FROM ${rawRelation} WHERE (${filter}) AND 1 = 0`, `${label}: filter ${JSON.stringify(filter)} does not parse`);
  }
  const mappedRelation = `${snake(kind)}_mapped`;
  await engine.defineView(mappedRelation, mapped.filteredSelect);
  return { rawRelation, mappedRelation, identity, exportColumns, mapped };
}

async function expectValid(engine: QueryEngine, sql: string, failure: string): Promise<void> {
  try {
    await engine.query(sql);
  } catch (error) {
    throw new UserError(`${failure}: ${messageOf(error)}`);
  }
}

function snake(kind: SourceKind): string {
  return kind.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).trim();
}
