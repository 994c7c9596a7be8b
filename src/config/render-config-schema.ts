import { z } from 'zod';
import { RepoConfig } from './repo-config.ts';

/**
 * The JSON Schema of `.github/perf.yml` as committed in `schema/perf.schema.json`: the input side (what users
 * write: `noise: 2`, `runs: 10`), with defaults and descriptions for editor completion and hover.
 * Draft 7 because editors' YAML/JSON language servers support it best.
 */
export function renderConfigSchema(): string {
  const schema = z.toJSONSchema(RepoConfig, { io: 'input', target: 'draft-07' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
