/**
 * Rewrites the golden prompts from the current templates. Run by hand after an intended change, then review
 * the diff:  npx tsx test/unit/agents/write-golden.ts
 * The test run never writes these files; it only compares against them.
 */
import { writeFileSync } from 'node:fs';
import { renderPrompt } from '../../../src/agents/render-prompt.ts';
import { PROMPT_GOLDEN_CASES, PROMPT_GOLDEN_DIR } from './fixtures/prompt-cases.ts';

for (const { file, role, variables } of PROMPT_GOLDEN_CASES) {
  writeFileSync(new URL(file, PROMPT_GOLDEN_DIR), renderPrompt(role, variables));
  console.log(`wrote ${file}`);
}
