import { textColumn, type ColumnBatch } from './ColumnBatch.ts';
import type { QueryEngine, SqlValue } from './QueryEngine.ts';

/**
 * Distinct values a column may have and still be read as codes: past this many, the values are
 * mostly one per row, and codes would save nothing.
 */
const MAX_CODED_VALUES = 100_000;

/** Where a query takes text columns from. */
export interface TextSource {
  /** The relation holding the columns, e.g. `leads`. */
  readonly relation: string;
  /** Its alias in the query, e.g. `l`; also names the dictionaries' aliases, so it must be unique in the query. */
  readonly alias: string;
  /** Prefix of the result columns (default none): with `attribute_`, field `age_band` is read as `attribute_age_band`. */
  readonly columnPrefix?: string;
}

/** Text columns of a query read as integer codes where they repeat, and how to get their text back. */
export interface TextCodes {
  /** The fields read as codes (the others are read as text). */
  readonly coded: readonly string[];
  /** Select-list entry of a field: its code column when coded, else its text. */
  selectOf(field: string): string;
  /** `LEFT JOIN … ON …` of the dictionaries, for the query's FROM clause. */
  readonly joins: string;
  /**
   * A batch of the query in which each field's text column (its prefixed name) can be read as if
   * the query had returned the text: coded fields are looked up in their dictionaries when read.
   */
  decoded(batch: ColumnBatch): ColumnBatch;
  /** The text of a field in the rows of a batch of the query, by row index. */
  textColumn(batch: ColumnBatch, field: string): (row: number) => string | null;
}

/**
 * Reads the distinct values of text columns of a relation once, so that a query can return each
 * value as an integer code: text out of the engine costs a call and a decoded string per value, a
 * code costs neither, and the value is then one shared string in memory. A column with more than
 * {@link MAX_CODED_VALUES} values is read as text. Codes are positions in the values sorted by
 * the engine, the same order in the dictionary and in the join.
 *
 * @example
 * ```ts
 * const codes = await textCodes(engine, { relation: 'leads', alias: 'l' }, ['owner', 'industry']);
 * const sql = `SELECT ${codes.selectOf('owner')} FROM leads AS l ${codes.joins}`;
 * const ownerOf = codes.textColumn(batch, 'owner');
 * ownerOf(0); // 'kim@sales.example.com'
 * ```
 */
export async function textCodes(engine: QueryEngine, source: TextSource, fields: readonly string[]): Promise<TextCodes> {
  const { relation, alias, columnPrefix = '' } = source;
  // One query for all fields: on Athena each query is a round trip of a second or more, and
  // bills at least 10 MB.
  const distinct = fields.map((field, i) =>
    `SELECT ${i} AS field, value FROM (SELECT DISTINCT ${field} AS value FROM ${relation} WHERE ${field} IS NOT NULL ORDER BY value LIMIT ${MAX_CODED_VALUES + 1}) AS d${i}`,
  );
  const rows = fields.length === 0 ? [] : await engine.query(`SELECT field, value FROM (${distinct.join(' UNION ALL ')}) AS v ORDER BY field, value`);
  const byField = fields.map((): string[] => []);
  for (const row of rows) byField[Number(row['field'])]?.push(String(row['value']));
  // Field → its sorted values, for the fields with few enough to code.
  const values = new Map(fields.map((field, i) => [field, byField[i] as string[]] as const).filter(([, v]) => v.length <= MAX_CODED_VALUES));
  const textColumnName = (field: string): string => `${columnPrefix}${field}`;
  const codeColumnName = (field: string): string => `${columnPrefix}${field}__code`;
  const dictionary = (field: string): string => `${alias}_codes_${field}`;
  const joins = [...values.keys()].map((field) =>
    `LEFT JOIN (SELECT value, CAST(row_number() OVER (ORDER BY value) - 1 AS INTEGER) AS code ` +
    `FROM (SELECT DISTINCT ${field} AS value FROM ${relation} WHERE ${field} IS NOT NULL)) AS ${dictionary(field)} ` +
    `ON ${dictionary(field)}.value = ${alias}.${field}`,
  ).join(' ');
  // Text column name → its field, for the coded fields.
  const codedByTextColumn = new Map([...values.keys()].map((field) => [textColumnName(field), field]));
  const decoded = (batch: ColumnBatch): ColumnBatch => {
    const texts = new Map<string, readonly SqlValue[]>();
    return {
      rowCount: batch.rowCount,
      has: (name) => codedByTextColumn.has(name) || batch.has(name),
      column(name) {
        const field = codedByTextColumn.get(name);
        if (field === undefined) return batch.column(name);
        let column = texts.get(name);
        if (column === undefined) {
          const dictionaryValues = values.get(field) as string[];
          column = batch.column(codeColumnName(field)).map((code) => (typeof code === 'number' ? (dictionaryValues[code] ?? null) : null));
          texts.set(name, column);
        }
        return column;
      },
    };
  };
  return {
    coded: [...values.keys()],
    selectOf: (field) => {
      if (values.has(field)) return `${dictionary(field)}.code AS ${codeColumnName(field)}`;
      return columnPrefix === '' ? `${alias}.${field}` : `${alias}.${field} AS ${textColumnName(field)}`;
    },
    joins,
    decoded,
    textColumn: (batch, field) => textColumn(decoded(batch), textColumnName(field)),
  };
}
