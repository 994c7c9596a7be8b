/** `['targets', 0, 'improve']` → `targets[0].improve`; the empty path (the document itself) → `''`. */
export function formatKeyPath(path: readonly (string | number)[]): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}
