import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { UserError } from '../runtime/UserError.ts';
import { configSchema, type Config, type ConfigInput } from './configSchema.ts';

/**
 * Validates a configuration object, applying defaults. A bad config fails before any work,
 * with one line naming the field path and what was expected.
 *
 * @example
 * ```ts
 * parseConfig({ sources: { orders: { path: 'o.csv', mapping: {} } } }, 'inline');
 * ```
 */
export function parseConfig(input: unknown, origin: string): Config {
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  throw new UserError(`${origin}: ${describeIssue(result.error.issues[0])}`);
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid configuration';
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') return `${where}: unknown field ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  return `${where}: ${issue.message}`;
}

/**
 * Reads and validates a JSON config file. Source paths and the output folder are resolved
 * relative to the file's folder, so a config works from any working directory.
 */
export async function loadConfigFile(file: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UserError(`config file not found: ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return resolvePaths(parseConfig(json, file), path.dirname(path.resolve(file)));
}

/** Resolves relative source paths and the output folder against `baseDir`. */
export function resolvePaths(config: Config, baseDir: string): Config {
  const resolve = (p: string): string => (path.isAbsolute(p) || p.startsWith('s3://') ? p : path.resolve(baseDir, p));
  const sources = Object.fromEntries(
    Object.entries(config.sources).map(([k, s]) => [k, s ? { ...s, path: resolve(s.path) } : s]),
  ) as Config['sources'];
  return { ...config, sources, output: { ...config.output, dir: resolve(config.output.dir) } };
}

export type { Config, ConfigInput };
