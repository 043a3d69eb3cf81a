import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `import { z } from 'zod'` takes zod's whole namespace object, locales included, so esbuild
 * cannot drop any of it: 0.35 MB of each Lambda bundle and part of its cold start
 * (test/bench/lambdaBundles.ts). A namespace import (`import * as z from 'zod'`) lets it drop
 * what is unused. One such import anywhere on a handler's path brings it all back.
 */
const FUNCTIONS = path.resolve(import.meta.dirname, '../../functions');

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('zod imports', () => {
  it('never take the `z` namespace object by name in functions/', () => {
    const named = typeScriptFiles(FUNCTIONS)
      .filter((file) => /^import\s+\{[^}]*\bz\b[^}]*\}\s+from\s+'zod(?:\/[a-z0-9/]+)?';/m.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(FUNCTIONS, file));
    expect(named).toEqual([]);
  });
});
