import { z } from 'zod';

/**
 * The fields Perfbot reads from GitHub webhook payloads, checked with zod (GitHub sends many more; they are
 * dropped). Shapes follow GitHub's webhook documentation and `@octokit/openapi-webhooks-types`.
 */

/** `sender`, `comment.user`: `type` is `User`, `Bot` or `Organization`. */
export const WebhookUser = z.object({ login: z.string().min(1), id: z.int().positive(), type: z.string().optional() });
export type WebhookUser = z.infer<typeof WebhookUser>;

/**
 * `clone_url` is deliberately not read: GitHub Enterprise Server over http sends `http://` URLs, and Perfbot
 * derives the clone URL from its own configuration (see `toTriggerRepo`) rather than trusting the payload.
 */
export const WebhookRepository = z.object({
  id: z.int().positive(),
  name: z.string().min(1),
  full_name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
  default_branch: z.string().min(1),
});
export type WebhookRepository = z.infer<typeof WebhookRepository>;

const Common = {
  action: z.string(),
  repository: WebhookRepository,
  /** Present on every event delivered to a GitHub App; absent for repository webhooks. */
  installation: z.object({ id: z.int().positive() }).optional(),
  sender: WebhookUser,
};

/** A label event may in theory lack `label` (GitHub marks it optional); we ignore such events. */
const Label = z.object({ name: z.string() }).optional();

/** `issue_comment`: comments on issues and on pull requests (then `issue.pull_request` is present). */
export const IssueCommentPayload = z.object({
  ...Common,
  comment: z.object({
    id: z.int().positive(),
    body: z.string(),
    /** When GitHub received the comment (ISO 8601, GitHub's clock): what its author could have read by then. */
    created_at: z.string(),
    /** `null` for a deleted account ("ghost"). */
    user: WebhookUser.nullable(),
  }),
  issue: z.object({ number: z.int().positive(), pull_request: z.object({}).nullish() }),
});
export type IssueCommentPayload = z.infer<typeof IssueCommentPayload>;

/** `pull_request` with action `labeled`; `sender` is the person who added the label. */
export const PullRequestLabeledPayload = z.object({
  ...Common,
  label: Label,
  pull_request: z.object({
    number: z.int().positive(),
    // SHA-1, or SHA-256 for repositories using the newer object format.
    head: z.object({ sha: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/), ref: z.string() }),
  }),
});
export type PullRequestLabeledPayload = z.infer<typeof PullRequestLabeledPayload>;

/** `issues` with action `labeled`; `sender` is the person who added the label. */
export const IssuesLabeledPayload = z.object({
  ...Common,
  label: Label,
  issue: z.object({ number: z.int().positive(), pull_request: z.object({}).nullish() }),
});
export type IssuesLabeledPayload = z.infer<typeof IssuesLabeledPayload>;
