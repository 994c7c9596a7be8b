import { lstat, readFile } from 'node:fs/promises';
import type { AgentReply } from './agent-invocation.ts';

/** Results are a summary and a list of findings; anything bigger is a runaway agent, not a result. */
export const MAX_OUTPUT_FILE_BYTES = 1024 * 1024;

/**
 * Reads the JSON an agent wrote to `PERFBOT_OUTPUT_FILE`. Only a regular file counts: the agent could have
 * replaced it with a symlink to a file whose content would then be quoted back in an error message.
 */
export async function readOutputFile(outputFile: string): Promise<AgentReply> {
  let stats;
  try {
    stats = await lstat(outputFile);
  } catch {
    return { error: 'the agent wrote no result to PERFBOT_OUTPUT_FILE' };
  }
  if (!stats.isFile()) return { error: 'PERFBOT_OUTPUT_FILE is not a regular file' };
  if (stats.size > MAX_OUTPUT_FILE_BYTES) {
    return { error: `the result in PERFBOT_OUTPUT_FILE is larger than ${MAX_OUTPUT_FILE_BYTES} bytes` };
  }
  return { jsonText: await readFile(outputFile, 'utf8') };
}
