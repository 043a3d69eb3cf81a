// A namespace import, so bundlers can drop the parts of zod left unused (its 60+ locales: 0.35 MB of the Lambda bundle).
import * as z from 'zod';
import { configSchema } from './configSchema.ts';

/**
 * The JSON Schema of the config file, generated from the zod schema so the two cannot drift;
 * `npm run schema` writes it to `config.schema.json` for editors.
 */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'segment-sheets configuration',
  };
}

if (import.meta.main) {
  process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
}
