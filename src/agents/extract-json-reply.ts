import { extractJsonDocument } from '../benchmark/parsers/extract-json-document.ts';

const FENCED_JSON = /```(?:json)?[ \t]*\n([\s\S]*?)\n[ \t]*```/g;

/**
 * The JSON result inside an agent's final chat message, for agents that cannot write the output file
 * themselves (they may only write inside the worktree). In order of preference: the last fenced
 * ```` ```json ```` block (models explain first, answer last), the whole message when it is JSON, or the
 * largest JSON object starting a line. Returns the JSON text, or `undefined` when there is none.
 */
export function extractJsonReply(message: string): string | undefined {
  const fenced = [...message.matchAll(FENCED_JSON)].map((match) => match[1] ?? '');
  const lastFenced = fenced.at(-1);
  if (lastFenced !== undefined) return lastFenced.trim();
  const document = extractJsonDocument(message);
  return document === undefined ? undefined : JSON.stringify(document);
}
