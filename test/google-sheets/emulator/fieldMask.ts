import { ApiError } from './ApiError.ts';
import { isJsonObject, type Json, type JsonObject } from './json.ts';

/** A parsed field mask: each entry is one path, e.g. `['gridProperties', 'rowCount']`. */
export type FieldPaths = readonly (readonly string[])[];

/**
 * Parses Google's field-mask syntax, both the partial-response form
 * (`sheets(properties/title,charts)`) and the update-mask form (`gridProperties.rowCount,title`).
 * `*` stands for every field and is returned as `[['*']]`.
 */
export function parseFieldMask(mask: string): FieldPaths {
  const parser = new MaskParser(mask.replace(/\s+/g, ''));
  const paths = parser.list([]);
  if (!parser.done()) throw ApiError.invalid(`Invalid field mask: ${mask}`);
  return paths;
}

class MaskParser {
  private position = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  done(): boolean {
    return this.position >= this.text.length;
  }

  list(prefix: readonly string[]): string[][] {
    const paths: string[][] = [];
    do {
      paths.push(...this.item(prefix));
    } while (this.take(','));
    return paths;
  }

  private item(prefix: readonly string[]): string[][] {
    const path = [...prefix, ...this.path()];
    if (!this.take('(')) return [path];
    const inner = this.list(path);
    if (!this.take(')')) throw ApiError.invalid(`Invalid field mask: ${this.text}`);
    return inner;
  }

  private path(): string[] {
    const match = /^[A-Za-z_*][A-Za-z0-9_]*(?:[./][A-Za-z_*][A-Za-z0-9_]*)*/.exec(this.text.slice(this.position));
    if (!match) throw ApiError.invalid(`Invalid field mask: ${this.text}`);
    this.position += match[0].length;
    return match[0].split(/[./]/);
  }

  private take(char: string): boolean {
    if (this.text[this.position] !== char) return false;
    this.position += 1;
    return true;
  }
}

/** Keeps only the masked fields of a response (partial response); arrays are projected element-wise. */
export function projectFields(value: Json, paths: FieldPaths): Json {
  if (paths.some((path) => path.length === 0 || path[0] === '*')) return value;
  if (Array.isArray(value)) return value.map((element: Json) => projectFields(element, paths));
  if (!isJsonObject(value)) return value;
  const result: Record<string, Json> = {};
  for (const key of new Set(paths.map((path) => path[0] ?? ''))) {
    const field = value[key];
    if (field === undefined) continue;
    result[key] = projectFields(field, paths.filter((path) => path[0] === key).map((path) => path.slice(1)));
  }
  return result;
}

/**
 * Applies an update mask: every masked path takes the source's value, or is removed when the source
 * does not set it (how Google's update requests treat masked-but-absent fields).
 */
export function applyUpdateMask(target: JsonObject, source: JsonObject, paths: FieldPaths): JsonObject {
  if (paths.some((path) => path[0] === '*')) return source;
  let result = target;
  for (const path of paths) result = setPath(result, path, getPath(source, path));
  return result;
}

export function getPath(value: Json | undefined, path: readonly string[]): Json | undefined {
  let current = value;
  for (const key of path) {
    if (!isJsonObject(current ?? null)) return undefined;
    current = (current as JsonObject)[key];
  }
  return current;
}

function setPath(target: JsonObject, path: readonly string[], value: Json | undefined): JsonObject {
  const [head, ...rest] = path;
  if (head === undefined) return target;
  const copy: Record<string, Json> = { ...target };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = copy[head];
  const nested = setPath(isJsonObject(child ?? null) ? (child as JsonObject) : {}, rest, value);
  if (Object.keys(nested).length === 0) delete copy[head];
  else copy[head] = nested;
  return copy;
}
