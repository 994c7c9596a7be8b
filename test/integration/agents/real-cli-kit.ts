/** The real agent CLIs installed as devDependencies, and the environment that points them at the scripted model. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `node_modules/.bin/claude`: the sandbox shows its real folder (the package's native binary) read-only. */
export const CLAUDE_EXECUTABLE = fileURLToPath(new URL('../../../node_modules/.bin/claude', import.meta.url));
/** `node_modules/.bin/codex` (a node launcher that runs the platform package's native binary). */
export const CODEX_EXECUTABLE = fileURLToPath(new URL('../../../node_modules/.bin/codex', import.meta.url));

/** What an operator config's `env:` lists for Claude Code against a model server of its own. */
export const CLAUDE_MODEL_ENV_NAMES = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC',
] as const;

/** The operator's variables for those names (the key itself comes from `operatorEnv`). */
export function claudeModelEnv(modelUrl: string): Record<string, string> {
  return { ANTHROPIC_BASE_URL: modelUrl, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' };
}

/**
 * The values in the worker's environment that no agent may send anywhere: every variable but the agent's own
 * key and the ordinary ones (PATH, HOME, locale, the model server's address).
 */
export function secretsOf(
  env: Record<string, string>,
  allowed: readonly string[] = [...CLAUDE_MODEL_ENV_NAMES, 'OPENAI_API_KEY'],
): string[] {
  const ordinary = new Set(['PATH', 'HOME', 'LANG', ...allowed]);
  return Object.entries(env)
    .filter(([name]) => !ordinary.has(name))
    .flatMap(([, value]) => [value, ...value.split('\n').filter((line) => line.length > 8)]);
}

/**
 * An operator `home` for Codex: `.codex/config.toml` with a model provider at the scripted server (Responses API,
 * the key from OPENAI_API_KEY), as an operator would point Codex at a gateway or a self-hosted proxy.
 */
export async function writeCodexHome(home: string, modelUrl: string): Promise<void> {
  await mkdir(path.join(home, '.codex'), { recursive: true });
  const config = [
    'model = "gpt-5"',
    'model_provider = "scripted"',
    '',
    '[model_providers.scripted]',
    'name = "Scripted model"',
    `base_url = "${modelUrl}/v1"`,
    'wire_api = "responses"',
    'env_key = "OPENAI_API_KEY"',
    '',
  ];
  await writeFile(path.join(home, '.codex', 'config.toml'), config.join('\n'));
}
