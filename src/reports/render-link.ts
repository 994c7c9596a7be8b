/**
 * A Markdown link to a URL Perfbot built itself (a check run, a log page), or `undefined` when `url` is not an
 * absolute `https:` URL. `label` must be trusted text. Parentheses are percent-encoded so the URL cannot end
 * the link early.
 */
export function renderLink(label: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  const href = parsed.href.replaceAll('(', '%28').replaceAll(')', '%29');
  return `[${label}](${href})`;
}
