import { escapeMarkdownText } from './escape-markdown-text.ts';

/**
 * A GitHub login as `@login` that reads like a mention but does not notify anyone: an invisible word joiner
 * follows the `@` (see `escapeMarkdownText`). Perfbot's replies never ping: the requester is already notified
 * of replies in a thread they commented on, and logins in echoed text must not reach other people.
 */
export function renderLogin(login: string): string {
  return escapeMarkdownText(`@${login}`, 100);
}
