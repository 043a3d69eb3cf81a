import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const FUNCTIONS = path.resolve(import.meta.dirname, '../functions');

/** Adapter folders: the only places that may talk to a vendor SDK, the file system or a process. */
const ADAPTER_DIRS = [
  'cli',
  'lambda',
  'query-engine/duckdb',
  'query-engine/athena',
  'publishing/xlsx',
  'publishing/google-sheets',
  'result-files/local',
  'result-files/s3',
  'segment-history/local',
  'segment-history/s3',
  'exports/s3',
  'sample-data',
];
/** Single files outside adapter folders that load project files from disk, with the reason. */
const ALLOWED_FILES = new Map([
  ['query-engine/sqlCatalog.ts', 'reads the sql/ files'],
  ['config/loadConfig.ts', 'reads the config file'],
]);
const VENDOR = /from\s+['"](@duckdb\/|@aws-sdk\/|@googleapis\/|googleapis|google-auth-library|exceljs|aws-cdk-lib|constructs|@middy\/|@aws-lambda-powertools\/|node:fs|node:child_process)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

describe('ports and adapters', () => {
  it('keeps the analysis core free of AWS, Google, DuckDB, workbook and file-system modules', () => {
    const offenders = sourceFiles(FUNCTIONS)
      .map((file) => path.relative(FUNCTIONS, file).split(path.sep).join('/'))
      .filter((rel) => !ADAPTER_DIRS.some((dir) => rel.startsWith(`${dir}/`)) && !ALLOWED_FILES.has(rel))
      .filter((rel) => VENDOR.test(readFileSync(path.join(FUNCTIONS, rel), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
