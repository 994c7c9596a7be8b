import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOperatorConfig } from '../../../src/agents/load-operator-config.ts';
import { OperatorConfigError } from '../../../src/domain/errors.ts';
import { cleanupAll, createTempDir } from '../../helpers/git-fixtures.ts';

afterAll(async () => {
  await cleanupAll();
});

describe('loadOperatorConfig', () => {
  it('reads and parses the file', async () => {
    const file = path.join(await createTempDir('perfbot-config-'), 'perfbot.yml');
    await writeFile(file, 'agents:\n  scripted: { type: command, command: [node, agent.mjs], timeoutMinutes: 5 }\n');
    expect(await loadOperatorConfig(file)).toEqual({
      agents: {
        scripted: {
          type: 'command',
          command: ['node', 'agent.mjs'],
          timeoutMinutes: 5,
          env: [],
          network: 'outbound',
          readOnly: [],
          writable: [],
        },
      },
    });
  });

  it('says what to do when the file is missing', async () => {
    const file = path.join(await createTempDir('perfbot-config-'), 'missing.yml');
    const error = await loadOperatorConfig(file).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OperatorConfigError);
    expect((error as Error).message).toBe(
      `The operator config ${file} could not be read (ENOENT). Create it, or point PERFBOT_CONFIG at the right file.`,
    );
  });
});
