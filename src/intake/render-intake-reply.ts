import { renderAckDone, renderNothingToAck, type NothingToAcknowledge } from '../reports/replies/render-ack-reply.ts';
import { renderAckList } from '../reports/replies/render-ack-list.ts';
import type { AckNote } from '../reports/render-acknowledgement.ts';
import { renderCancelled } from '../reports/replies/render-cancelled.ts';
import { renderDuplicateRun } from '../reports/replies/render-duplicate-run.ts';
import { renderInvalidCommand } from '../reports/replies/render-invalid-command.ts';
import { renderPermissionDenied } from '../reports/replies/render-permission-denied.ts';
import { renderStatusList } from '../reports/replies/render-status-list.ts';
import { renderAgentList, type AgentListEntry } from '../reports/replies/render-agent-list.ts';
import { escapeMarkdownText, renderCodeBlock } from '../reports/markdown.ts';
import type { RequiredPermission } from '../github/repository-permission.ts';
import type { RepoJob } from './run-queue-port.ts';

/** Every reply intake can post, as data; rendered by the report renderers. */
export type IntakeReply =
  | { type: 'denied'; actor: string; minimum: RequiredPermission }
  | { type: 'invalid'; actor: string; error: string; usage: string }
  | { type: 'help'; usage: string }
  /** `agents`: the installation's agents, listed under the runs; `acks`: the pull request's `/perf ack`s, newest first. */
  | { type: 'status'; jobs: RepoJob[]; agents?: readonly AgentListEntry[]; acks?: readonly AckNote[] }
  | { type: 'acknowledged'; ack: AckNote }
  | { type: 'nothing-to-ack'; nothing: NothingToAcknowledge }
  | { type: 'cancelled'; removed: string[]; cancelling: string[] }
  | { type: 'config-error'; message: string }
  | { type: 'duplicate'; jobId: string }
  /** The delivery's payload did not have the shape Perfbot reads; `reason` names the field. */
  | { type: 'unreadable'; reason: string; deliveryId: string };

const STATE_WORDS = { waiting: 'queued', delayed: 'queued', active: 'running' } as const;

export function renderIntakeReply(reply: IntakeReply): string {
  switch (reply.type) {
    case 'denied':
      return renderPermissionDenied({ actor: reply.actor, minimum: reply.minimum });
    case 'invalid':
      return renderInvalidCommand({ actor: reply.actor, error: reply.error, usage: reply.usage });
    case 'help':
      return reply.usage;
    case 'status': {
      const list = renderStatusList(reply.jobs.map((job) => ({ ...job, state: STATE_WORDS[job.state] })));
      const acks = renderAckList(reply.acks ?? []);
      const agents = reply.agents === undefined ? '' : renderAgentList(reply.agents);
      return [list.trimEnd(), acks, agents].filter((section) => section !== '').join('\n\n');
    }
    case 'acknowledged':
      return renderAckDone(reply.ack);
    case 'nothing-to-ack':
      return renderNothingToAck(reply.nothing);
    case 'cancelled':
      return renderCancelled({ removed: reply.removed.length, cancelling: reply.cancelling.length });
    case 'config-error':
      return `⚠️ **Perfbot cannot run: .github/perf.yml on the default branch needs a fix.**\n\n${renderCodeBlock(reply.message, 'text')}\n\nPerfbot reads its configuration from the default branch only, so merge the fix there first. ${escapeMarkdownText('See docs/perf-yml.md for every key.')}`;
    case 'duplicate':
      return renderDuplicateRun({ jobId: reply.jobId });
    case 'unreadable':
      return `⚠️ **Perfbot could not read this event, so it did nothing.** ${escapeMarkdownText(`GitHub sent a payload Perfbot does not understand: ${reply.reason}.`)}\n\nThis is not a mistake in your command. Try it again; if this keeps happening, tell the people who run this Perfbot and give them the delivery id \`${reply.deliveryId}\`.`;
  }
}
