import { renderCancelled } from '../reports/render-cancelled.ts';
import { renderDuplicateRun } from '../reports/render-duplicate-run.ts';
import { renderInvalidCommand } from '../reports/render-invalid-command.ts';
import { renderPermissionDenied } from '../reports/render-permission-denied.ts';
import { renderStatusList } from '../reports/render-status-list.ts';
import { escapeMarkdownText } from '../reports/escape-markdown-text.ts';
import type { RequiredPermission } from '../webhooks/permission.ts';
import type { RepoJob } from './run-queue-port.ts';

/** Every reply intake can post, as data; rendered by the report renderers. */
export type IntakeReply =
  | { type: 'denied'; actor: string; minimum: RequiredPermission }
  | { type: 'invalid'; actor: string; error: string; usage: string }
  | { type: 'help'; usage: string }
  | { type: 'status'; jobs: RepoJob[] }
  | { type: 'cancelled'; removed: string[]; cancelling: string[] }
  | { type: 'config-error'; message: string }
  | { type: 'duplicate'; jobId: string };

const STATE_WORDS = { waiting: 'queued', delayed: 'queued', active: 'running' } as const;

export function renderIntakeReply(reply: IntakeReply): string {
  switch (reply.type) {
    case 'denied':
      return renderPermissionDenied({ actor: reply.actor, minimum: reply.minimum });
    case 'invalid':
      return renderInvalidCommand({ actor: reply.actor, error: reply.error, usage: reply.usage });
    case 'help':
      return reply.usage;
    case 'status':
      return renderStatusList(reply.jobs.map((job) => ({ ...job, state: STATE_WORDS[job.state] })));
    case 'cancelled':
      return renderCancelled({ removed: reply.removed.length, cancelling: reply.cancelling.length });
    case 'config-error':
      return `⚠️ **Perfbot cannot run: .github/perf.yml on the default branch needs a fix.**\n\n\`\`\`\`text\n${reply.message.replaceAll('````', '```\u200b`')}\n\`\`\`\`\n\nPerfbot reads its configuration from the default branch only, so merge the fix there first. ${escapeMarkdownText('See docs/perf-yml.md for every key.')}`;
    case 'duplicate':
      return renderDuplicateRun({ jobId: reply.jobId });
  }
}
