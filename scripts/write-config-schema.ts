/** Regenerates schema/perf.schema.json from the zod schema: `npm run schema`. A unit test fails when it is stale. */
import { writeFile } from 'node:fs/promises';
import { renderConfigSchema } from '../src/config/render-config-schema.ts';

const target = new URL('../schema/perf.schema.json', import.meta.url);
await writeFile(target, renderConfigSchema());
console.log(`wrote ${target.pathname}`);
