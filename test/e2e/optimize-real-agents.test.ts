/**
 * `/perf optimize` through the real app with the real Claude Code CLI as every agent (operator config
 * `type: claude-code`), inside the sandbox, against the scripted model server: fake GitHub, real Redis, real
 * remote, and a model that is the only other fake. The CLI's own tools read and edit the code; Perfbot's pipeline
 * benchmarks, reviews, commits and reports.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nextId } from '../fakes/fake-github-state.ts';
import { startFakeModelServer, type FakeModelServer } from '../fakes/fake-model-server.ts';
import {
  answerTurn,
  DEFAULT_USAGE,
  toolTurn,
  workingDirectoryOf,
  type ModelConversation,
  type ModelTurn,
} from '../fakes/fake-model-server-script.ts';
import { cleanupAll, createTempDir } from '../helpers/git-fixtures.ts';
import {
  eventually,
  freePort,
  spawnPerfbot,
  startAppHarness,
  WEBHOOK_SECRET,
  type AppHarness,
} from '../helpers/app-harness.ts';
import { examplePayload } from '../helpers/webhook-delivery.ts';
import { ANTHROPIC_KEY, OPENAI_KEY } from '../integration/agents/agent-test-kit.ts';
import {
  CLAUDE_EXECUTABLE,
  CLAUDE_MODEL_ENV_NAMES,
  CODEX_EXECUTABLE,
  writeCodexHome,
} from '../integration/agents/real-cli-kit.ts';
import { createOptimizeFixture, startingFiles } from '../integration/optimize/optimize-fixture.ts';

let harness: AppHarness | undefined;
let model: FakeModelServer | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await model?.close();
  model = undefined;
  await cleanupAll();
});

/** Claude Code's Read result (`   12\tcode`) back to the file's text. */
function fileFromRead(content: string): string {
  const lines = content.split('\n').flatMap((line) => {
    const match = /^\s*\d+(?:\t(.*))?$/.exec(line);
    return match === null ? [] : [match[1] ?? ''];
  });
  return lines.join('\n');
}

/** What the optimize fixture marks: the slow region (start to end line) and its fast replacement. */
function slowAndFast(source: string): { slow: string; fast: string } {
  const slow = /^[^\n]*PERFBOT-SLOW-START[^\n]*\n[\s\S]*?^[^\n]*PERFBOT-SLOW-END[^\n]*\n/m.exec(source)?.[0];
  const fast = /\/\* PERFBOT-FAST\n([\s\S]*?)\*\//.exec(source)?.[1];
  if (slow === undefined || fast === undefined) throw new Error(`the file read holds no marked regions:\n${source}`);
  return { slow, fast };
}

/**
 * Whether the file read has no slow region left: the optimizer's edit is already in place, as when the agent is
 * asked again in the same worktree (a retry after an answer the pipeline refused, or a second iteration).
 */
const alreadyFast = (source: string) => !source.includes('PERFBOT-SLOW-START');

/** The fixture's src/slow.js with its slow region replaced by the fast one: what each optimizer aims for. */
function optimized(baseFiles: Record<string, string>): string {
  const source = baseFiles['src/slow.js']!;
  const { slow, fast } = slowAndFast(source);
  return source.replace(slow, fast).trimEnd();
}

const committedSlowJs = async (h: AppHarness, sha: string) =>
  (await h.remote.git('show', `${sha}:src/slow.js`)).trimEnd();

/** The optimizer's final turn reports many tokens, so the cost the CLI prices is visible in the report. */
const OPTIMIZER_ANSWER_USAGE = { inputTokens: 1_000_000, outputTokens: 100_000 };
/** Sonnet's list price per token, as the CLI prices it. */
const priceOf = (turn: ModelTurn) => {
  const usage = turn.usage ?? DEFAULT_USAGE;
  return (usage.inputTokens * 3 + usage.outputTokens * 15) / 1e6;
};

function claudeScripts(otherRepoFile: () => string) {
  const slowFile = (c: ModelConversation) => path.join(workingDirectoryOf(c), 'src/slow.js');
  return {
    // Reads the code, and tries a file of another repository in the worker's work dir (the sandbox hides it).
    analyzer: (c: ModelConversation): ModelTurn =>
      c.turn === 0
        ? toolTurn(
            { name: 'Read', input: { file_path: slowFile(c) } },
            { name: 'Read', input: { file_path: otherRepoFile() } },
          )
        : answerTurn({
            summary: 'slowSum recomputes every prefix sum.',
            bottlenecks: [
              { title: 'quadratic prefix sums', file: 'src/slow.js', detail: 'the inner loop repeats the outer one' },
            ],
          }),
    // Reads the file, then replaces the slow region by the fast one with the CLI's Edit tool.
    optimizer: (c: ModelConversation): ModelTurn => {
      if (c.turn === 0) return toolTurn({ name: 'Read', input: { file_path: slowFile(c) } });
      const source = fileFromRead(c.toolResults[0]?.content ?? '');
      if (c.turn === 1 && !alreadyFast(source)) {
        const { slow, fast } = slowAndFast(source);
        return toolTurn({ name: 'Edit', input: { file_path: slowFile(c), old_string: slow, new_string: fast } });
      }
      return answerTurn({ summary: 'One pass with a running prefix sum.' }, OPTIMIZER_ANSWER_USAGE);
    },
    // The security reviewer first tries to plant a file; every reviewer then reports, the code reviewer one low finding.
    reviewer: (c: ModelConversation): ModelTurn => {
      if (c.reviewer === 'security' && c.turn === 0) {
        return toolTurn({
          name: 'Write',
          input: { file_path: path.join(workingDirectoryOf(c), 'src/planted.js'), content: 'pwned' },
        });
      }
      const findings =
        c.reviewer === 'code'
          ? [{ severity: 'low', title: 'name the running sum', detail: 'prefix could say more' }]
          : [];
      return answerTurn({ findings });
    },
  };
}

/** The environment the app process runs with (its secrets, as the operator set them). */
async function environmentOf(pid: number | undefined): Promise<Record<string, string>> {
  const raw = await readFile(`/proc/${pid ?? 'none'}/environ`, 'utf8');
  return Object.fromEntries(
    raw
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

/** What Codex's shell tool returned for a command: the text after its `Output:` line. */
const commandOutput = (content: string) => content.slice(content.indexOf('Output:\n') + 'Output:\n'.length);

/** Codex as every agent: its shell reads the code, and rewrites the file for the optimizer. */
function codexScripts() {
  const shell = (cmd: string) => toolTurn({ name: 'exec_command', input: { cmd } });
  return {
    analyzer: (c: ModelConversation): ModelTurn =>
      c.turn === 0
        ? shell('cat src/slow.js')
        : answerTurn({
            summary: 'slowSum recomputes every prefix sum.',
            bottlenecks: [
              { title: 'quadratic prefix sums', file: 'src/slow.js', detail: 'the inner loop repeats the outer one' },
            ],
          }),
    optimizer: (c: ModelConversation): ModelTurn => {
      if (c.turn === 0) return shell('cat src/slow.js');
      const source = commandOutput(c.toolResults[0]?.content ?? '');
      if (c.turn === 1 && !alreadyFast(source)) {
        const { slow, fast } = slowAndFast(source);
        return shell(`cat > src/slow.js <<'PERFBOT_EOF'\n${source.replace(slow, fast).trimEnd()}\nPERFBOT_EOF`);
      }
      return answerTurn({ summary: 'One pass with a running prefix sum.' });
    },
    reviewer: (c: ModelConversation): ModelTurn => {
      if (c.reviewer === 'security' && c.turn === 0) return shell('echo pwned > src/planted.js');
      const findings =
        c.reviewer === 'code'
          ? [{ severity: 'low', title: 'name the running sum', detail: 'prefix could say more' }]
          : [];
      return answerTurn({ findings });
    },
  };
}

/** GitHub's `check_suite.completed` example for commit `sha`, and the `ci` check run it reports: CI passed. */
async function passCi(h: AppHarness, sha: string): Promise<void> {
  const { fake } = h;
  const id = nextId(fake.state);
  const now = new Date().toISOString();
  const output = { title: 'ci success', summary: 'ci success', text: null };
  fake.repo.checkRuns.push({
    id,
    nodeId: `CR_${id}`,
    name: 'ci',
    headSha: sha,
    status: 'completed',
    conclusion: 'success',
    externalId: null,
    detailsUrl: null,
    output,
    startedAt: now,
    completedAt: now,
  });
  const payload = examplePayload('check_suite', (e) => e.action === 'completed');
  const repo = payload.repository as Record<string, unknown>;
  Object.assign(repo, {
    id: fake.repo.id,
    name: fake.repo.name,
    full_name: `${fake.repo.owner}/${fake.repo.name}`,
    default_branch: 'main',
  });
  (repo.owner as Record<string, unknown>).login = fake.repo.owner;
  payload.installation = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  Object.assign(payload.check_suite as Record<string, unknown>, {
    head_sha: sha,
    head_branch: null,
    status: 'completed',
    conclusion: 'success',
  });
  expect((await h.deliver('check_suite', payload)).status).toBe(200);
}

/**
 * The app with the optimize fixture's repository (PR #1 changes only the README) and an operator config of
 * `agents` (YAML lines under `agents:`) in `dir`; `env` holds the agents' variables.
 */
async function startWithAgents(
  dir: string,
  agents: string[],
  env: Record<string, string>,
): Promise<{ baseFiles: Record<string, string> }> {
  const fixture = await createOptimizeFixture({ optimizer: 'unused' });
  const baseFiles = await startingFiles(fixture);
  const agentsConfig = path.join(dir, 'agents.yml');
  await writeFile(agentsConfig, ['agents:', ...agents, ''].join('\n'));
  harness = await startAppHarness({
    baseFiles,
    headFiles: { 'README.md': '# demo\n\nSums prefix sums.\n' },
    perfYml: baseFiles['.github/perf.yml']!,
    env: { PERFBOT_CONFIG: agentsConfig, ...env },
  });
  // Branches Perfbot pushes to the remote exist for the fake's API too.
  harness.fake.repo.gitDir = harness.remote.dir;
  return { baseFiles };
}

/** `/perf optimize`, then the optimization PR's commit once it is pushed. */
async function optimizeUntilPr(h: AppHarness): Promise<string> {
  expect((await h.comment('/perf optimize --max-iter 2')).status).toBe(200);
  const pr = await eventually(
    'the optimization PR',
    () => h.fake.repo.pulls.find((p) => p.headRef.startsWith('perf/')),
    h,
    240_000,
  );
  return h.remote.git('rev-parse', `refs/heads/${pr.headRef}`);
}

/** The final report, after CI passed on the PR's commit. */
async function finalReport(h: AppHarness, sha: string): Promise<string> {
  await eventually('MONITOR waiting for CI', () => h.statusComments()[0]?.body.includes('waiting for CI'), h, 60_000);
  await passCi(h, sha);
  return eventually(
    'the final report',
    () => h.statusComments().find((c) => c.body.includes('## ✅ Optimization complete'))?.body,
    h,
    60_000,
  );
}

describe('/perf optimize with the real agent CLIs', () => {
  it('Claude Code as every agent: opens the PR with the edit the CLI made, runs nine reviewers, refuses the Write, reports the CLI’s cost, leaks nothing', async () => {
    const config = await createTempDir('perfbot-real-agents-');
    // Another repository's code, in the worker's work dir where it keeps checkouts: what no agent here may see.
    const otherCode = `OTHER-REPOSITORY-CODE-${randomBytes(8).toString('hex')}`;
    let otherRepoFile = '';
    model = await startFakeModelServer(claudeScripts(() => otherRepoFile));
    const { baseFiles } = await startWithAgents(
      config,
      [
        '  claude:',
        '    type: claude-code',
        `    executable: ${CLAUDE_EXECUTABLE}`,
        '    model: claude-sonnet-4-5',
        '    maxTurns: 8',
        '    maxCostUsd: 10',
        '    timeoutMinutes: 2',
        // The model server is on the worker's loopback.
        '    network: host',
        `    env: ${JSON.stringify(CLAUDE_MODEL_ENV_NAMES)}`,
      ],
      {
        ANTHROPIC_API_KEY: ANTHROPIC_KEY,
        ANTHROPIC_BASE_URL: model.url,
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      },
    );
    const h = harness!;
    otherRepoFile = path.join(h.workDir, 'other-org', 'secret-repo', 'secret.js');
    await mkdir(path.dirname(otherRepoFile), { recursive: true });
    await writeFile(otherRepoFile, `module.exports = '${otherCode}';\n`);
    // The agents the installation offers, as checked at start (the CLI answered --version in the sandbox).
    const help = await h.comment('/perf help');
    const helpReply = await eventually('the help reply', () => h.replyTo(help.deliveryId), h);
    const agentList =
      'Agents for `/perf optimize` on this installation (`optimize.agent` in `.github/perf.yml` picks one): `claude` (claude-code, `2.1.332 (Claude Code)`, the default).';
    expect(helpReply).toContain(agentList);
    const statusRequest = await h.comment('/perf status');
    const statusReply = await eventually('the status reply', () => h.replyTo(statusRequest.deliveryId), h);
    expect(statusReply).toBe(`No Perfbot jobs are queued or running for this repository.\n\n${agentList}`);

    const sha = await optimizeUntilPr(h);
    // The commit holds exactly the CLI's Edit: the slow region replaced by the fast one, nothing planted.
    expect(await h.remote.git('show', '--name-only', '--format=', sha)).toBe('src/slow.js');
    expect(await committedSlowJs(h, sha)).toBe(optimized(baseFiles));

    // Nine reviewers, each its own CLI run; the security reviewer's Write was refused by the CLI itself.
    const reviewers = new Set(model.turnsOf('reviewer').map((r) => r.conversation?.reviewer));
    expect(reviewers.size).toBe(9);
    const security = model.turnsOf('reviewer', 'security').at(-1)?.conversation?.toolResults ?? [];
    expect(security.map((r) => [r.call.name, r.isError])).toEqual([['Write', true]]);
    expect(security[0]?.content).toContain('No such tool available: Write');
    const review = h.botComments().find((c) => c.body.startsWith('<!-- perfbot:review-'));
    expect(review?.body).toContain('| 🔵 low | 1 |');

    const status = await finalReport(h, sha);
    // The agent cost is the CLI's pricing of the tokens the model reported, summed over every run.
    const cost = model.requests.reduce((sum, r) => sum + (r.answer === undefined ? 0 : priceOf(r.answer)), 0);
    expect(cost).toBeGreaterThan(4.5);
    expect(status).toContain(`| Agent | \`claude\` (claude-code) |\n| Agent cost | $${cost.toFixed(2)} |`);

    // What the agents sent out: no GitHub token, app key, webhook secret or other repository's code. The analyzer's
    // Read of the other repository's file failed: the sandbox shows it nothing of the work dir but its worktree.
    const analyzerResults = model.turnsOf('analyzer').at(-1)?.conversation?.toolResults ?? [];
    const readOf = (file: string) => analyzerResults.find((r) => r.call.input.file_path === file);
    expect(readOf(otherRepoFile)).toMatchObject({
      isError: true,
      content: expect.stringMatching(/^File does not exist/),
    });
    expect(analyzerResults.filter((r) => !r.isError).map((r) => path.basename(String(r.call.input.file_path)))).toEqual(
      ['slow.js'],
    );
    const appEnv = await environmentOf(h.app.pid);
    const privateKeyLines = (appEnv.PRIVATE_KEY ?? '')
      .split('\n')
      .filter((line) => line.length > 20 && !line.startsWith('-----'));
    expect(privateKeyLines.length).toBeGreaterThan(5);
    const secrets = [
      otherCode,
      appEnv.WEBHOOK_SECRET ?? WEBHOOK_SECRET,
      ...privateKeyLines,
      ...h.fake.state.issuedTokens.map((t) => t.token),
    ];
    for (const request of model.requests) {
      const sent = `${JSON.stringify(request.headers)}\n${request.raw}`;
      for (const secret of secrets) expect(sent).not.toContain(secret);
    }
    model.assertNoSurprises();
    h.fake.assertNoUnexpected();
  }, 330_000);

  it('runs the same loop with the real Codex CLI as every agent: its shell edit is the commit, the reviewer’s write fails', async () => {
    const config = await createTempDir('perfbot-real-agents-');
    model = await startFakeModelServer(codexScripts());
    const home = path.join(config, 'codex-home');
    await writeCodexHome(home, model.url);
    const { baseFiles } = await startWithAgents(
      config,
      [
        '  codex:',
        '    type: codex',
        `    executable: ${CODEX_EXECUTABLE}`,
        '    timeoutMinutes: 2',
        '    network: host',
        '    env: [OPENAI_API_KEY]',
        `    home: ${home}`,
      ],
      { OPENAI_API_KEY: OPENAI_KEY },
    );
    const h = harness!;
    const sha = await optimizeUntilPr(h);
    expect(await h.remote.git('show', '--name-only', '--format=', sha)).toBe('src/slow.js');
    expect(await committedSlowJs(h, sha)).toBe(optimized(baseFiles));

    expect(new Set(model.turnsOf('reviewer').map((r) => r.conversation?.reviewer)).size).toBe(9);
    const security = model.turnsOf('reviewer', 'security').at(-1)?.conversation?.toolResults ?? [];
    expect(security.map((r) => r.call.input.cmd)).toEqual(['echo pwned > src/planted.js']);
    expect(security[0]?.content).toContain('Read-only file system');
    // Codex reports no cost: the report says $0.00 rather than a figure Perfbot made up.
    expect(await finalReport(h, sha)).toContain('| Agent | `codex` (codex) |\n| Agent cost | $0.00 |');
    for (const request of model.requests) {
      for (const token of h.fake.state.issuedTokens.map((t) => t.token)) expect(request.raw).not.toContain(token);
      expect(request.raw).not.toContain(WEBHOOK_SECRET);
    }
    model.assertNoSurprises();
    h.fake.assertNoUnexpected();
  }, 330_000);

  it('refuses to start when a configured agent cannot run, naming the agent and the fix', async () => {
    const dir = await createTempDir('perfbot-real-agents-');
    const agentsConfig = path.join(dir, 'agents.yml');
    await writeFile(
      agentsConfig,
      'agents:\n  claude:\n    type: claude-code\n    executable: claude-not-installed\n    network: host\n',
    );
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const app = spawnPerfbot({
      APP_ID: '424242',
      PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      WEBHOOK_SECRET,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      PERFBOT_QUEUE_PREFIX: `e2e-${randomBytes(6).toString('hex')}`,
      PERFBOT_WORK_DIR: dir,
      PERFBOT_CONFIG: agentsConfig,
    });
    const code = await Promise.race([
      app.exited,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000)),
    ]);
    if (code === 'still running') await app.stop('SIGKILL');
    expect(code).toBe(1);
    expect(app.output()).toContain(
      `perfbot: PERFBOT_CONFIG: The operator config ${agentsConfig} names 1 agent that cannot run:\n` +
        `  agents.claude (Claude Code): "claude-not-installed" is not on PATH (${process.env.PATH ?? ''}). ` +
        'Install it (`npm install -g @anthropic-ai/claude-code`) or set agents.claude.executable to its absolute path.\n',
    );
  }, 60_000);
});
