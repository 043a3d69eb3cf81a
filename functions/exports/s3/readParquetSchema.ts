import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../../runtime/UserError.ts';
import { formatS3Url, type S3Location } from './S3Location.ts';
import { describeS3Failure } from './s3Failure.ts';
import { ThriftCompactReader, type ThriftStruct, type ThriftValue } from './ThriftCompactReader.ts';

/** A top-level column of a Parquet file. */
export interface ParquetColumn {
  readonly name: string;
  /**
   * The Athena (Hive DDL) type that reads it: `string`, `bigint`, `int`, `double`, `float`,
   * `boolean`, `date`, `timestamp`, `decimal(p,s)`, `binary`, or `struct`/`array`/`map` for
   * nested columns.
   */
  readonly athenaType: string;
}

export interface ParquetSchema {
  readonly columns: readonly ParquetColumn[];
  readonly rows: number;
}

const MAGIC = 'PAR1';
// One ranged GET of this size holds the footer of nearly every file; bigger footers take a second.
const FOOTER_GUESS_BYTES = 64 * 1024;

/**
 * Reads a Parquet object's schema (top-level column names and types) and row count from its
 * footer with ranged GETs, without downloading the data. The rows themselves are read by Athena
 * (on AWS) or DuckDB (locally); this is what an adapter needs to check an export against its
 * table definition.
 *
 * @example
 * ```ts
 * const { columns } = await readParquetSchema(s3, { bucket: 'exports', key: 'orders/dt=2024-05-01/part-0.parquet' });
 * columns.map((c) => c.name); // ['order_id', 'customer_id', ...]
 * ```
 */
export async function readParquetSchema(s3: S3Client, object: S3Location): Promise<ParquetSchema> {
  const url = formatS3Url(object);
  let tail = await getTail(s3, object, FOOTER_GUESS_BYTES, url);
  if (tail.length < 12 || decodeAscii(tail.subarray(tail.length - 4)) !== MAGIC) {
    throw new UserError(`${url} is not a Parquet file (no PAR1 footer)`);
  }
  const footerLength = new DataView(tail.buffer, tail.byteOffset + tail.length - 8, 4).getUint32(0, true);
  if (footerLength + 8 > tail.length) tail = await getTail(s3, object, footerLength + 8, url);
  if (footerLength + 8 > tail.length) throw new UserError(`${url}: Parquet footer is larger than the file`);
  const footer = tail.subarray(tail.length - 8 - footerLength, tail.length - 8);
  let metadata: ThriftStruct;
  try {
    metadata = new ThriftCompactReader(footer).readStruct();
  } catch (error) {
    throw new UserError(`${url}: corrupt Parquet footer (${error instanceof Error ? error.message : String(error)})`);
  }
  const elements = (metadata.get(2) as ThriftValue[] | undefined) ?? [];
  return { columns: topLevelColumns(elements as ThriftStruct[]), rows: Number(metadata.get(3) ?? 0) };
}

async function getTail(s3: S3Client, object: S3Location, bytes: number, url: string): Promise<Uint8Array> {
  try {
    const response = await s3.send(
      new GetObjectCommand({ Bucket: object.bucket, Key: object.key, Range: `bytes=-${bytes}` }),
    );
    if (!response.Body) return new Uint8Array(0);
    return await response.Body.transformToByteArray();
  } catch (error) {
    // A range beyond an empty object is "not satisfiable"; it is simply not Parquet.
    if ((error as { name?: string }).name === 'InvalidRange') return new Uint8Array(0);
    throw describeS3Failure(error, 'read', url);
  }
}

/** The schema is flattened depth-first; element 0 is the root, whose children are the columns. */
function topLevelColumns(elements: readonly ThriftStruct[]): ParquetColumn[] {
  const root = elements[0];
  const count = Number(root?.get(5) ?? 0);
  const columns: ParquetColumn[] = [];
  let index = 1;
  for (let i = 0; i < count && index < elements.length; i++) {
    const element = elements[index] as ThriftStruct;
    columns.push({ name: decodeUtf8(element.get(4)), athenaType: athenaTypeOf(element) });
    index = skipSubtree(elements, index);
  }
  return columns;
}

function skipSubtree(elements: readonly ThriftStruct[], index: number): number {
  const children = Number(elements[index]?.get(5) ?? 0);
  let next = index + 1;
  for (let i = 0; i < children; i++) next = skipSubtree(elements, next);
  return next;
}

// Parquet's physical types and (legacy) converted types, from parquet.thrift.
const PHYSICAL = ['boolean', 'int', 'bigint', 'timestamp', 'float', 'double', 'binary', 'binary'] as const;
const CONVERTED_UTF8 = 0;
const CONVERTED_MAP = 1;
const CONVERTED_LIST = 3;
const CONVERTED_ENUM = 4;
const CONVERTED_DECIMAL = 5;
const CONVERTED_DATE = 6;
const CONVERTED_TIMESTAMP_MILLIS = 9;
const CONVERTED_TIMESTAMP_MICROS = 10;
const CONVERTED_JSON = 19;

function athenaTypeOf(element: ThriftStruct): string {
  const converted = element.get(6) as number | undefined;
  if (element.get(5) !== undefined && element.get(1) === undefined) {
    if (converted === CONVERTED_LIST) return 'array';
    if (converted === CONVERTED_MAP) return 'map';
    return 'struct';
  }
  const logical = element.get(10) as ThriftStruct | undefined;
  // LogicalType is a union; its set field id says which (1 STRING, 5 DECIMAL, 6 DATE, 8 TIMESTAMP).
  const logicalKind = logical ? [...logical.keys()][0] : undefined;
  if (converted === CONVERTED_DECIMAL || logicalKind === 5) {
    const decimal = logical?.get(5) as ThriftStruct | undefined;
    const precision = Number(element.get(8) ?? decimal?.get(2) ?? 38);
    const scale = Number(element.get(7) ?? decimal?.get(1) ?? 0);
    return `decimal(${precision},${scale})`;
  }
  if (converted === CONVERTED_UTF8 || converted === CONVERTED_ENUM || converted === CONVERTED_JSON || logicalKind === 1) return 'string';
  if (converted === CONVERTED_DATE || logicalKind === 6) return 'date';
  if (converted === CONVERTED_TIMESTAMP_MILLIS || converted === CONVERTED_TIMESTAMP_MICROS || logicalKind === 8) return 'timestamp';
  return PHYSICAL[Number(element.get(1) ?? 6)] ?? 'binary';
}

function decodeUtf8(value: ThriftValue | undefined): string {
  return value instanceof Uint8Array ? new TextDecoder().decode(value) : '';
}

function decodeAscii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
