/**
 * A decoded Thrift value: structs as maps from field id, lists as arrays, binary as bytes,
 * integers as numbers (i64 as bigint).
 */
export type ThriftValue = boolean | number | bigint | Uint8Array | ThriftValue[] | ThriftStruct | Map<ThriftValue, ThriftValue>;
export type ThriftStruct = Map<number, ThriftValue>;

const STOP = 0;
const BOOLEAN_TRUE = 1;
const BOOLEAN_FALSE = 2;
const BYTE = 3;
const I16 = 4;
const I32 = 5;
const I64 = 6;
const DOUBLE = 7;
const BINARY = 8;
const LIST = 9;
const SET = 10;
const MAP = 11;
const STRUCT = 12;

/**
 * Decodes Thrift's compact protocol, the encoding of Parquet file metadata. Generic on purpose:
 * reading a few fields of a large struct needs the rest decoded (or skipped) anyway.
 *
 * @example
 * ```ts
 * const metadata = new ThriftCompactReader(footerBytes).readStruct();
 * const schema = metadata.get(2); // FileMetaData.schema
 * ```
 */
export class ThriftCompactReader {
  private readonly bytes: Uint8Array;
  private offset = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  readStruct(): ThriftStruct {
    const struct: ThriftStruct = new Map();
    let fieldId = 0;
    for (;;) {
      const header = this.readByte();
      const type = header & 0x0f;
      if (type === STOP) return struct;
      const delta = header >> 4;
      fieldId = delta === 0 ? this.readZigZag() : fieldId + delta;
      if (type === BOOLEAN_TRUE || type === BOOLEAN_FALSE) struct.set(fieldId, type === BOOLEAN_TRUE);
      else struct.set(fieldId, this.readValue(type));
    }
  }

  private readValue(type: number): ThriftValue {
    switch (type) {
      case BOOLEAN_TRUE:
      case BOOLEAN_FALSE:
        // Inside lists a boolean is a whole byte: 1 true, anything else false.
        return this.readByte() === BOOLEAN_TRUE;
      case BYTE:
        return (this.readByte() << 24) >> 24;
      case I16:
      case I32:
        return this.readZigZag();
      case I64:
        return this.readZigZag64();
      case DOUBLE: {
        const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 8);
        this.offset += 8;
        return view.getFloat64(0, true);
      }
      case BINARY: {
        const length = this.readVarint();
        const value = this.bytes.subarray(this.offset, this.offset + length);
        this.need(length);
        this.offset += length;
        return value;
      }
      case LIST:
      case SET: {
        const header = this.readByte();
        const size = header >> 4 === 15 ? this.readVarint() : header >> 4;
        const elementType = header & 0x0f;
        const list: ThriftValue[] = [];
        for (let i = 0; i < size; i++) list.push(this.readValue(elementType));
        return list;
      }
      case MAP: {
        const size = this.readVarint();
        const map = new Map<ThriftValue, ThriftValue>();
        if (size === 0) return map;
        const types = this.readByte();
        for (let i = 0; i < size; i++) map.set(this.readValue(types >> 4), this.readValue(types & 0x0f));
        return map;
      }
      case STRUCT:
        return this.readStruct();
      default:
        throw new Error(`corrupt Thrift data: unknown type ${type} at byte ${this.offset}`);
    }
  }

  private need(count: number): void {
    if (this.offset + count > this.bytes.length) throw new Error('corrupt Thrift data: truncated');
  }

  private readByte(): number {
    this.need(1);
    return this.bytes[this.offset++] as number;
  }

  private readVarint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.readByte();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 49) throw new Error('corrupt Thrift data: varint too long');
    }
  }

  private readZigZag(): number {
    const n = this.readVarint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  private readZigZag64(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.readByte();
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7n;
      if (shift > 63n) throw new Error('corrupt Thrift data: varint too long');
    }
    return (result >> 1n) ^ -(result & 1n);
  }
}
