/** A timeout or run time in words: `20 minutes`, `1 minute`, `1.5 s`, `250 ms`. */
export function describeDuration(ms: number): string {
  if (ms >= 60_000) {
    const minutes = Math.round((ms / 60_000) * 10) / 10;
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  if (ms >= 1000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms)} ms`;
}
