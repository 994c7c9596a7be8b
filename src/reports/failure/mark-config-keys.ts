/** perf.yml keys and the file's path, as they appear in Perfbot's own error messages. */
const CONFIG_TERMS = /(?<![\w./-])(\.github\/perf\.yml|benchmark\.[A-Za-z]+)(?![\w/-])/g;

/**
 * Marks perf.yml keys (`benchmark.command`) and the file's path as code in a message written for a terminal,
 * so `renderInlineText` shows them as code. Messages that already use backticks are left alone: adding more
 * could pair with theirs.
 */
export function markConfigKeys(message: string): string {
  if (message.includes('`')) return message;
  return message.replace(CONFIG_TERMS, '`$1`');
}
