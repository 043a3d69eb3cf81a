import type { ColumnBatch } from '../query-engine/ColumnBatch.ts';
import type { QueryEngine, SqlValue } from '../query-engine/QueryEngine.ts';

/**
 * Text columns of `leads` whose values repeat across leads in most exports: a CRM's picklists and
 * owners, and the companies (several leads per company) with their domains.
 */
export const REPEATING_TEXT_FIELDS = ['industry', 'country', 'region', 'title', 'source', 'owner', 'status', 'company', 'domain', 'email_domain'] as const;

/**
 * Distinct values a column may have and still be read as codes: past this many, the values are
 * mostly one per lead, and codes would save nothing.
 */
const MAX_CODED_VALUES = 100_000;

/** Text columns of the lead query read as integer codes, and how to get their text back. */
export interface LeadTextCodes {
  /** Select-list expression of a lead field: its code column when coded, else `l.<field>`. */
  selectOf(field: string): string;
  /** `LEFT JOIN … ON …` of the code relations, for the lead query (alias `l` for `leads`). */
  readonly joins: string;
  /** The text of a lead field in the rows of a batch of the lead query, by row index. */
  textColumn(batch: ColumnBatch, field: string): (row: number) => string | null;
}

/**
 * Reads the distinct values of text columns of `leads` once, so that the lead query can return
 * each such value as an integer code: text out of the engine costs a call and a decoded string per
 * value, a code costs neither, and the value is then one shared string in memory.
 * A column with more than {@link MAX_CODED_VALUES} values is read as text. Codes are positions in
 * the values sorted by the engine, the same order in the dictionary and in the join.
 *
 * @example
 * ```ts
 * const codes = await leadTextCodes(engine, REPEATING_TEXT_FIELDS);
 * const sql = `SELECT ${codes.selectOf('owner')} FROM leads AS l ${codes.joins}`;
 * const ownerOf = codes.textColumn(batch, 'owner');
 * ownerOf(0); // 'kim@sales.example.com'
 * ```
 */
export async function leadTextCodes(engine: QueryEngine, fields: readonly string[]): Promise<LeadTextCodes> {
  const values = new Map<string, string[]>();
  for (const field of fields) {
    const rows = await engine.query(
      `SELECT DISTINCT ${field} AS value FROM leads WHERE ${field} IS NOT NULL ORDER BY value LIMIT ${MAX_CODED_VALUES + 1}`,
    );
    if (rows.length <= MAX_CODED_VALUES) values.set(field, rows.map((r) => String(r['value'])));
  }
  const codeColumn = (field: string): string => `${field}__code`;
  const joins = [...values.keys()].map((field) =>
    `LEFT JOIN (SELECT value, CAST(row_number() OVER (ORDER BY value) - 1 AS INTEGER) AS code ` +
    `FROM (SELECT DISTINCT ${field} AS value FROM leads WHERE ${field} IS NOT NULL)) AS d_${field} ON d_${field}.value = l.${field}`,
  ).join(' ');
  const codeColumns = new Map([...values.keys()].map((field) => [field, codeColumn(field)]));
  return {
    selectOf: (field) => (values.has(field) ? `d_${field}.code AS ${codeColumn(field)}` : `l.${field}`),
    joins,
    textColumn: (batch, field) => {
      const column = codeColumns.get(field);
      if (column === undefined) {
        const texts = batch.column(field);
        return (row) => text(texts[row]);
      }
      const codes = batch.column(column);
      const dictionary = values.get(field) as string[];
      return (row) => {
        const code = codes[row];
        return typeof code === 'number' ? (dictionary[code] ?? null) : null;
      };
    },
  };
}

function text(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
