/** Words that say nothing about which issue a title is about. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'in',
  'on',
  'of',
  'to',
  'for',
  'is',
  'are',
  'be',
  'may',
  'can',
  'and',
  'or',
  'with',
]);

/** The distinct lower-case words of a title, without punctuation and stop words. */
export function titleTokens(title: string): Set<string> {
  const words = title
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u);
  return new Set(words.filter((word) => word !== '' && !STOP_WORDS.has(word)));
}

/** Token Jaccard similarity of two titles: shared words over all words, from 0 to 1 (two empty titles: 1). */
export function titleSimilarity(a: string, b: string): number {
  const left = titleTokens(a);
  const right = titleTokens(b);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}
