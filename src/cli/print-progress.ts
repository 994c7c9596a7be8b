import type { BenchProgress } from '../benchmark/bench-progress.ts';

/** Renders one progress event as a single status line (the CLI rewrites it in place on a TTY). */
export function formatProgress(event: BenchProgress): string {
  switch (event.phase) {
    case 'setup':
      return `setup on ${event.side}…`;
    case 'warmup':
      return `warm-up ${event.run}/${event.of}…`;
    case 'measure':
      return `pair ${event.pair} of at most ${event.maxPairs} · ETA ≤ ${Math.ceil(event.etaMs / 1000)} s`;
    case 'look':
      return `look at ${event.pairs} pairs: ${event.decided}/${event.total} benchmarks decided`;
  }
}
