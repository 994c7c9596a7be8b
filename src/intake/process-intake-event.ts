import type { RepoConfig } from '../config/repo-config.ts';
import { requireBenchmarkConfig } from '../config/require-benchmark-config.ts';
import { RepoConfigError } from '../domain/errors.ts';
import type { RepoRef } from '../github/github-client.ts';
import type { RunJobData } from '../queue/run-job-data.ts';
import { perfUsage } from './perf-usage.ts';
import type { PerfTrigger } from '../webhooks/perf-trigger.ts';
import { hasPermission, readPermissionLevel } from '../github/repository-permission.ts';
import { toPerfTrigger } from '../webhooks/to-perf-trigger.ts';
import type { IntakeJobData } from '../queue/intake-job-data.ts';
import { acknowledgeRegression } from './acknowledge-regression.ts';
import { answerUnreadableEvent } from './answer-unreadable-event.ts';
import { readCiNews } from './read-ci-news.ts';
import { readRepoConfig } from '../github/read-repo-config.ts';
import { renderIntakeReply, type IntakeReply } from './render-intake-reply.ts';
import type { IntakeDeps, IntakeOutcome } from './intake-deps.ts';

const DEFAULT_LABELS = { bench: 'perf:bench', optimize: 'perf:optimize' };

/**
 * The intake worker's job: turn one webhook delivery into at most one reply and at most one run job.
 * Order matters: translate (pure), read config from the default branch, authorize the actor with the
 * collaborator-permission API (failing closed), acknowledge, then act. Every reply is upserted under a marker
 * keyed by the delivery, so a retried intake job never posts twice.
 */
export async function processIntakeEvent(event: IntakeJobData, deps: IntakeDeps): Promise<IntakeOutcome> {
  if (event.name === 'check_suite' || event.name === 'check_run') {
    // CI news needs no GitHub call, config or authorization: it only wakes monitors, which re-check GitHub.
    const news = readCiNews(event.name, event.payload);
    if (news === null || deps.onCiNews === undefined)
      return { type: 'ignored', reason: `${event.name} without CI news to pass on` };
    await deps.onCiNews(news);
    return { type: 'ci-news', sha: news.sha, conclusion: news.conclusion };
  }
  const early = toPerfTrigger(
    { name: event.name, payload: event.payload },
    { labels: DEFAULT_LABELS, botLogin: deps.botLogin },
  );
  if ('ignored' in early && early.unusable) return answerUnreadableEvent(event, early, deps);
  if ('ignored' in early && event.name === 'issue_comment') return { type: 'ignored', reason: early.ignored };
  const repoInfo = repoOf(event.payload);
  if (!repoInfo) return { type: 'ignored', reason: 'event without a repository or installation' };
  const github = await deps.githubFor(repoInfo.installationId, repoInfo.repoId);
  const repo: RepoRef = { owner: repoInfo.owner, name: repoInfo.name };

  let config: RepoConfig | undefined;
  let configError: RepoConfigError | undefined;
  try {
    config = await readRepoConfig(github, repo);
  } catch (error) {
    if (!(error instanceof RepoConfigError)) throw error;
    configError = error;
  }
  const labels = config?.triggers.labels ?? DEFAULT_LABELS;
  const trigger = toPerfTrigger({ name: event.name, payload: event.payload }, { labels, botLogin: deps.botLogin });
  if ('ignored' in trigger) return { type: 'ignored', reason: trigger.ignored };

  const minimum = config?.triggers.minPermission ?? 'write';
  const level = await readPermissionLevel(github, repo, trigger.actor.login);
  const reply = (r: IntakeReply) =>
    github.upsertComment(repo, trigger.target.number, `reply-${event.deliveryId}`, renderIntakeReply(r));
  if (!hasPermission(level, minimum)) {
    const limit = {
      repoId: trigger.repo.id,
      number: trigger.target.number,
      userId: trigger.actor.id,
      deliveryId: event.deliveryId,
    };
    const replied = deps.denials === undefined || (await deps.denials.mayReply(limit));
    if (replied) await reply({ type: 'denied', actor: trigger.actor.login, minimum });
    return { type: 'denied', actor: trigger.actor.login, replied };
  }
  if (trigger.source === 'comment') await github.addReaction(repo, trigger.commentId, 'eyes');
  else await github.removeLabel(repo, trigger.target.number, trigger.labelName);

  const { command } = trigger;
  const usage = perfUsage({ labels, minimumPermission: minimum, agents: deps.agents });
  const replied = async (r: IntakeReply): Promise<IntakeOutcome> => {
    await reply(r);
    return { type: 'replied', reply: r.type };
  };
  switch (command.kind) {
    case 'invalid':
      return replied({ type: 'invalid', actor: trigger.actor.login, error: command.error, usage });
    case 'help':
      return replied({ type: 'help', usage });
    case 'status': {
      const acks =
        deps.acks !== undefined && trigger.target.type === 'pull'
          ? await deps.acks.listAcks(trigger.repo.id, trigger.target.number)
          : [];
      const jobs = await deps.runs.list(trigger.repo.id);
      return replied({ type: 'status', jobs, acks, ...(deps.agents === undefined ? {} : { agents: deps.agents }) });
    }
    case 'ack': {
      // Fail closed: perf.yml may raise triggers.minPermission, and a broken one cannot say by how much.
      if (configError) return replied({ type: 'config-error', message: configError.message });
      if (deps.acks === undefined)
        return replied({
          type: 'invalid',
          actor: trigger.actor.login,
          error: '/perf ack is not set up on this Perfbot installation',
          usage,
        });
      const request = {
        repo,
        repoId: trigger.repo.id,
        pr: trigger.target.number,
        actor: trigger.actor,
        command,
        deliveryId: event.deliveryId,
        // A label cannot carry /perf ack, so the trigger is a comment; its time bounds the result it accepts.
        commandAt: trigger.source === 'comment' ? trigger.commentedAt : new Date(0).toISOString(),
        ...(deps.appId === undefined ? {} : { appId: deps.appId }),
        selfAck: config?.triggers.selfAck ?? true,
      };
      return replied(await acknowledgeRegression(github, deps.acks, request, deps.now));
    }
    case 'cancel': {
      const target = targetOf(trigger);
      const done = await deps.runs.cancel(trigger.repo.id, target, { kind: 'user', login: trigger.actor.login });
      return replied({ type: 'cancelled', ...done });
    }
    case 'bench':
    case 'calibrate':
    case 'optimize': {
      if (configError) return replied({ type: 'config-error', message: configError.message });
      if (command.kind !== 'optimize' && config) {
        // The same message `perfbot bench` gives: what to add, with the minimal example.
        try {
          requireBenchmarkConfig(config);
        } catch (error) {
          if (error instanceof RepoConfigError) return replied({ type: 'config-error', message: error.message });
          throw error;
        }
      }
      // A pull request pins its head; an issue (the optimize label) and a calibration pin the default branch as it is now.
      const headSha =
        trigger.target.type === 'issue' || command.kind === 'calibrate'
          ? await github.getBranchSha(repo, trigger.repo.defaultBranch)
          : (trigger.target.headSha ?? (await github.getPullRequest(repo, trigger.target.number)).headSha);
      const data: RunJobData = {
        kind: command.kind,
        repo: trigger.repo,
        installationId: trigger.installationId,
        target: { type: trigger.target.type, number: trigger.target.number },
        headSha,
        ...(command.kind === 'bench' ? { vs: command.vs, filter: command.filter, runs: command.runs } : {}),
        ...(command.kind === 'optimize'
          ? {
              optimize: {
                target: command.target,
                maxIterations: command.maxIterations,
                maxRegression: command.maxRegression,
                maxMemory: command.maxMemory,
                focus: command.focus,
              },
            }
          : {}),
        actor: trigger.actor,
        trigger: {
          source: trigger.source,
          ...(trigger.source === 'comment' ? { commentId: trigger.commentId } : { labelName: trigger.labelName }),
          deliveryId: event.deliveryId,
        },
        requestedAt: deps.now().toISOString(),
      };
      const result = await deps.runs.enqueue(stripUndefined(data));
      if (result.status === 'duplicate') {
        await reply({ type: 'duplicate', jobId: result.jobId });
        return { type: 'duplicate', jobId: result.jobId };
      }
      return { type: 'queued', jobId: result.jobId, superseded: result.superseded };
    }
  }
}

function targetOf(trigger: PerfTrigger): RunJobData['target'] {
  return { type: trigger.target.type, number: trigger.target.number };
}

function repoOf(payload: unknown): { repoId: number; owner: string; name: string; installationId: number } | null {
  const p = payload as {
    repository?: { id?: number; name?: string; owner?: { login?: string } };
    installation?: { id?: number };
  };
  const { repository: r, installation: i } = p ?? {};
  if (!r?.id || !r.name || !r.owner?.login || !i?.id) return null;
  return { repoId: r.id, owner: r.owner.login, name: r.name, installationId: i.id };
}

function stripUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
