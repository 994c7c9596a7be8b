/**
 * Rate-limits "you may not run this" replies, so a stream of `/perf` comments from people without access cannot
 * spend the app's (secondary) rate limit or flood a pull request.
 */
export interface DenialLimiter {
  /** True when this delivery may post the denial reply for this user on this pull request or issue. */
  mayReply(request: { repoId: number; number: number; userId: number; deliveryId: string }): Promise<boolean>;
}
