/**
 * What GitHub would treat as live Markdown in `markdown`: the text with fenced code blocks and code spans
 * removed, following CommonMark's rules (a fence closes only on a line of at least as many backticks; a code
 * span closes only on a run of exactly as many backticks; backslash-escaped backticks open nothing).
 * Also returns the fenced blocks that never closed, which would swallow the rest of the comment.
 */
export function liveMarkdown(markdown: string): { live: string; unclosedFences: number } {
  const { text, unclosedFences } = stripFencedBlocks(markdown);
  return { live: stripCodeSpans(text), unclosedFences };
}

/** HTML tags Perfbot itself writes; anything else outside code would be raw HTML from input. */
const OUR_TAGS = /<\/?(?:details|summary|sub|code)>/g;

/**
 * Problems a reader would see: raw HTML, live mentions, live links, unbalanced details or fences.
 * Links Perfbot writes on purpose are allowed when their URL starts with one of `allowedLinks`.
 */
export function markdownSafetyProblems(markdown: string, allowedLinks: readonly string[] = []): string[] {
  const { live: raw, unclosedFences } = liveMarkdown(markdown);
  const live = raw.replace(/\[[^\]]*\]\(([^)\s]*)\)/g, (link, url: string) =>
    allowedLinks.some((prefix) => url.startsWith(prefix)) ? '' : link,
  );
  const problems: string[] = [];
  if (unclosedFences > 0) problems.push(`${unclosedFences} unclosed code fence(s)`);
  const html = live.replace(OUR_TAGS, '').match(/<[A-Za-z/!?]/g);
  if (html) problems.push(`raw HTML: ${html.join(', ')}`);
  const mentions = live.match(/(?<![\w])@[A-Za-z0-9]/g);
  if (mentions) problems.push(`live mentions: ${mentions.join(', ')}`);
  if (/https?:\/\//.test(live)) problems.push('a live URL');
  if (/(?<!\\)\]\(/.test(live)) problems.push('a live link');
  const opened = live.match(/<details>/g)?.length ?? 0;
  const closed = live.match(/<\/details>/g)?.length ?? 0;
  if (opened !== closed) problems.push(`${opened} <details> but ${closed} </details>`);
  return problems;
}

function stripFencedBlocks(markdown: string): { text: string; unclosedFences: number } {
  const kept: string[] = [];
  let fence: number | undefined;
  let unclosedFences = 0;
  for (const line of markdown.split('\n')) {
    if (fence === undefined) {
      const open = /^ {0,3}(`{3,})[^`]*$/.exec(line);
      if (open?.[1] !== undefined) fence = open[1].length;
      else kept.push(line);
      continue;
    }
    const close = /^ {0,3}(`{3,})\s*$/.exec(line);
    if (close?.[1] !== undefined && close[1].length >= fence) fence = undefined;
  }
  if (fence !== undefined) unclosedFences += 1;
  return { text: kept.join('\n'), unclosedFences };
}

function stripCodeSpans(text: string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '\\' && index + 1 < text.length) {
      result += text.slice(index, index + 2);
      index += 2;
      continue;
    }
    if (char !== '`') {
      result += char;
      index += 1;
      continue;
    }
    const run = /^`+/.exec(text.slice(index))?.[0] ?? '`';
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
    close.lastIndex = index + run.length;
    const closing = close.exec(text);
    if (closing === null) {
      result += run;
      index += run.length;
    } else {
      index = closing.index + run.length;
    }
  }
  return result;
}
