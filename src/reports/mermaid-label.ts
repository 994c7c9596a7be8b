import { cleanUntrustedText } from './clean-untrusted-text.ts';

/** Characters that cannot break out of a quoted Mermaid string or start Mermaid syntax (`"`, `[`, `%%`, `#`, `;`…). */
const UNSAFE = /[^A-Za-z0-9 _./:=+-]/g;
const MAX_LABEL_LENGTH = 24;

/**
 * An untrusted benchmark name reduced to a safe Mermaid axis label: only letters, digits, spaces and
 * `_./:=+-` survive; quotes, brackets, backticks and percent signs are stripped; long names are cut with `…`.
 * Returns an empty string when nothing survives (the caller supplies a placeholder).
 */
export function mermaidLabel(name: string): string {
  const safe = cleanUntrustedText(name.replace(UNSAFE, ' '), Number.MAX_SAFE_INTEGER);
  if (safe.length <= MAX_LABEL_LENGTH) return safe;
  return `${safe.slice(0, MAX_LABEL_LENGTH - 1).trimEnd()}…`;
}
