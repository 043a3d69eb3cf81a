import { FIELDS_BY_SOURCE, type SourceKind } from '../config/canonicalFields.ts';
import type { SourceConfig } from '../config/configSchema.ts';
import { UserError } from '../runtime/UserError.ts';
import type { RowIdentity } from './RowIdentity.ts';
import { castNumericOperands, quoteIdentifier } from './castNumericOperands.ts';

/** One canonical field and the SQL expression that produces it from the export. */
export interface MappedField {
  readonly field: string;
  readonly expression: string;
  /** Set when the mapping names an export column directly. */
  readonly column?: string;
}

export interface MappedSelect {
  /** `SELECT <identity>, <expr> AS <field>, ... FROM <raw>` (without the filters). */
  readonly select: string;
  /** The same with the source's row filters applied. */
  readonly filteredSelect: string;
  readonly fields: readonly MappedField[];
  /** Mapped fields that are not canonical (attribute columns of the customers source). */
  readonly attributes: readonly string[];
}

/**
 * Builds the SQL that applies a source's column mapping to its raw export relation, checking
 * that every mapped column exists. Unmapped optional fields become typed NULLs so the SQL in
 * `sql/` always sees every canonical column. The row's identity column (`_source_row` by
 * default) is passed through so checked rows can be traced back to the export.
 *
 * @example
 * ```ts
 * const m = mappedSelect('orders', source, ['InvoiceNo', 'Quantity', 'UnitPrice'], 'raw_orders');
 * await engine.materialize('orders_mapped', m.filteredSelect);
 * ```
 */
export function mappedSelect(
  kind: SourceKind,
  source: SourceConfig,
  exportColumns: readonly string[],
  rawRelation: string,
  identity: RowIdentity = '_source_row',
): MappedSelect {
  const canonical = FIELDS_BY_SOURCE[kind];
  const known = new Set<string>([...canonical.required, ...canonical.optional]);
  const mapping = { ...source.mapping };
  if (kind === 'orders' && mapping['customer_id'] === undefined && mapping['email'] !== undefined) {
    // The brief allows e-mail as the customer identity when an export has no customer id.
    mapping['customer_id'] = `lower(trim(${mapping['email']}))`;
  }
  for (const field of canonical.required) {
    if (field === 'customer_id' && kind === 'orders') continue;
    if (mapping[field] === undefined) throw new UserError(`${kind}: required field '${field}' is not mapped (sources.${kind}.mapping)`);
  }
  if (kind === 'orders' && mapping['customer_id'] === undefined) {
    throw new UserError(`orders: map 'customer_id' or 'email' (sources.orders.mapping)`);
  }
  const attributes = Object.keys(mapping).filter((f) => !known.has(f));
  if (kind === 'orders' && attributes.length > 0) {
    throw new UserError(
      `orders: unknown field '${attributes[0]}' in sources.orders.mapping (known: ${[...known].join(', ')})`,
    );
  }
  const fields: MappedField[] = [];
  for (const field of [...canonical.required, ...canonical.optional, ...attributes]) {
    const value = mapping[field];
    if (value === undefined) {
      fields.push({ field, expression: 'CAST(NULL AS VARCHAR)' });
      continue;
    }
    fields.push(mapField(kind, source, field, value, exportColumns));
  }
  const columns = fields.map((f) => `${f.expression} AS ${f.field}`).join(',\n  ');
  const select = `SELECT ${identity},\n  ${columns}\nFROM ${rawRelation}`;
  const where = source.filters.length > 0 ? `\nWHERE ${source.filters.map((f) => `(${f})`).join(' AND ')}` : '';
  return { select, filteredSelect: `${select}${where}`, fields, attributes };
}

function mapField(
  kind: SourceKind,
  source: SourceConfig,
  field: string,
  value: string,
  exportColumns: readonly string[],
): MappedField {
  const column = findColumn(value, exportColumns);
  if (column !== undefined) return { field, expression: quoteIdentifier(column), column };
  if (looksLikeColumnName(value)) {
    throw new UserError(`${kind}: column '${unquote(value)}' (mapped to ${field}) not found in the export header${headerHint(source, exportColumns)}`);
  }
  return { field, expression: `(${castNumericOperands(value, exportColumns)})` };
}

function findColumn(value: string, exportColumns: readonly string[]): string | undefined {
  const name = unquote(value.trim());
  return exportColumns.find((c) => c === name) ?? exportColumns.find((c) => c.toLowerCase() === name.toLowerCase());
}

function looksLikeColumnName(value: string): boolean {
  return /^\s*("([^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)\s*$/.test(value);
}

function unquote(value: string): string {
  const v = value.trim();
  return v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replace(/""/g, '"') : v;
}

function headerHint(source: SourceConfig, exportColumns: readonly string[]): string {
  const shown = exportColumns.slice(0, 12).join(', ');
  const single = exportColumns.length === 1 ? exportColumns[0] ?? '' : '';
  const otherDelimiter = [',', ';', '\t', '|'].find((d) => d !== source.delimiter && single.includes(d));
  const delimiterHint = otherDelimiter
    ? `; the header looks ${JSON.stringify(otherDelimiter)}-delimited but sources delimiter is ${JSON.stringify(source.delimiter)}`
    : '';
  return ` (found: ${shown})${delimiterHint}`;
}
