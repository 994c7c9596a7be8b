import { describe, expect, it } from 'vitest';
import { buildAgentEnv } from '../../../src/agents/build-agent-env.ts';

const operatorEnv = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/perfbot',
  LANG: 'C.UTF-8',
  LC_TIME: 'C',
  ANTHROPIC_API_KEY: 'sk-ant-api03-secret',
  OPENAI_API_KEY: 'sk-openai-secret',
  GITHUB_TOKEN: 'ghs_0123456789abcdefghijABCDEFGHIJ',
  PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----',
  REDIS_URL: 'redis://:pw@localhost:6379',
  NODE_OPTIONS: '--require /tmp/evil.js',
  SOMETHING_ELSE: 'x',
};
const protocol = {
  PERFBOT_ROLE: 'reviewer',
  PERFBOT_REVIEWER: 'security',
  PERFBOT_PROMPT_FILE: '/tmp/p/prompt.md',
  PERFBOT_OUTPUT_FILE: '/tmp/p/output.json',
};

describe('buildAgentEnv', () => {
  it('passes the allow-list, the keys named for this agent and the protocol variables, nothing else', () => {
    expect(buildAgentEnv(operatorEnv, ['ANTHROPIC_API_KEY'], protocol)).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/perfbot',
      LANG: 'C.UTF-8',
      LC_TIME: 'C',
      ANTHROPIC_API_KEY: 'sk-ant-api03-secret',
      ...protocol,
    });
  });

  it('never passes the bot’s own secrets, even when asked to', () => {
    const env = buildAgentEnv(
      operatorEnv,
      ['GITHUB_TOKEN', 'PRIVATE_KEY', 'REDIS_URL', 'NODE_OPTIONS', 'OPENAI_API_KEY'],
      {
        ...protocol,
        PERFBOT_REVIEWER: undefined,
      },
    );
    expect(Object.keys(env).sort()).toEqual([
      'HOME',
      'LANG',
      'LC_TIME',
      'OPENAI_API_KEY',
      'PATH',
      'PERFBOT_OUTPUT_FILE',
      'PERFBOT_PROMPT_FILE',
      'PERFBOT_ROLE',
    ]);
  });

  it('skips a named key the operator has not set', () => {
    expect(buildAgentEnv({ PATH: '/bin' }, ['ANTHROPIC_API_KEY'], protocol)).toEqual({ PATH: '/bin', ...protocol });
  });
});
