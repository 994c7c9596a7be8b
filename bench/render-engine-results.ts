import { mean, median } from '../src/benchmark/stats/descriptive-statistics.ts';
import type { Verdict } from '../src/benchmark/stats/metric-comparison.ts';
import type { ConditionResults, EngineResults } from './engine-results.ts';
import { renderNoiseSection } from './render-noise-section.ts';
import { wilsonInterval } from './wilson-interval.ts';

/** The flagged verdict: any change for A/A (a false positive), `slower` for an injected slowdown (a detection). */
function flagged(condition: ConditionResults, verdict: Verdict): boolean {
  return condition.change === 0 ? verdict === 'slower' || verdict === 'faster' : verdict === 'slower';
}

export function formatRate(successes: number, trials: number): string {
  const [low, high] = wilsonInterval(successes, trials);
  return `${successes}/${trials} = **${pct(successes / trials)}** [${pct(low)}, ${pct(high)}]`;
}

function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

function ms(ns: number): string {
  return `${(ns / 1e6).toFixed(2)} ms`;
}

function count(verdicts: Verdict[]): string {
  const of = (v: Verdict) => verdicts.filter((x) => x === v).length;
  return `${of('slower')} / ${of('faster')} / ${of('unchanged')} / ${of('inconclusive')}`;
}

/** Markdown tables: verdict rates, runs spent, detection against runs, and the engine's own overhead. */
export function renderEngineResults(results: EngineResults): string {
  const out: string[] = [];
  const within = results.looks.filter((look) => look <= 10).at(-1) ?? results.looks[0]!;
  out.push(
    '### Verdicts (flagged = `faster`/`slower` for A/A, `slower` for a slowdown; Wilson 95% intervals)',
    '',
    '| Condition | Design | Runs measured (median / mean) | slower / faster / unchanged / inconclusive | Flagged | Flagged within 10 pairs | Median estimated change | Median noise c_d |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const c of results.conditions) {
    const n = c.perfbot.length;
    const runs = c.perfbot.map((o) => 2 * o.stoppedAt);
    const early = c.perfbot.filter((o) => flagged(c, o.verdict) && o.stoppedAt <= within).length;
    out.push(
      `| ${c.name} | Perfbot (paired, adaptive) | ${median(runs)} / ${mean(runs).toFixed(1)} (+${2 * results.warmup} warm-up) | ${count(c.perfbot.map((o) => o.verdict))} | ${formatRate(c.perfbot.filter((o) => flagged(c, o.verdict)).length, n)} | ${formatRate(early, n)} | ${pct(median(c.perfbot.map((o) => o.change)), 2)} | ${pct(median(c.perfbot.map((o) => o.noise)), 2)} |`,
      `| ${c.name} | unpaired 10+10, Welch | 20 | ${count(c.unpaired.map((o) => o.verdict10))} | ${formatRate(c.unpaired.filter((o) => flagged(c, o.verdict10)).length, n)} | — | — | — |`,
      `| ${c.name} | unpaired 20+20, Welch | 40 | ${count(c.unpaired.map((o) => o.verdict20))} | ${formatRate(c.unpaired.filter((o) => flagged(c, o.verdict20)).length, n)} | — | ${pct(median(c.unpaired.map((o) => o.change20)), 2)} | c = ${pct(median(c.unpaired.map((o) => o.noise)), 2)} |`,
    );
  }

  out.push(
    '',
    '### Perfbot: where it stopped (pairs) and why',
    '',
    '| Condition | median pairs | mean pairs | ' +
      results.looks.map((l) => `stopped at ${l}`).join(' | ') +
      ' | stop reasons |',
    '|---|---|---|' + results.looks.map(() => '---|').join('') + '---|',
  );
  for (const c of results.conditions) {
    const pairs = c.perfbot.map((o) => o.stoppedAt);
    const reasons = [...new Set(c.perfbot.map((o) => o.stopReason))]
      .map((r) => `${r} ${c.perfbot.filter((o) => o.stopReason === r).length}`)
      .join(', ');
    out.push(
      `| ${c.name} | ${median(pairs)} | ${mean(pairs).toFixed(1)} | ${results.looks.map((l) => pairs.filter((p) => p === l).length).join(' | ')} | ${reasons} |`,
    );
  }

  out.push(
    '',
    '### Detection against runs spent (cumulative share flagged by that many measured runs)',
    '',
    '| Condition | ' +
      results.looks.map((l) => `Perfbot ≤ ${l} pairs (${2 * l} runs)`).join(' | ') +
      ' | unpaired 10+10 (20 runs) | unpaired 20+20 (40 runs) |',
    '|---|' + results.looks.map(() => '---|').join('') + '---|---|',
  );
  for (const c of results.conditions) {
    const n = c.perfbot.length;
    const byLook = results.looks.map((l) =>
      pct(c.perfbot.filter((o) => flagged(c, o.verdict) && o.stoppedAt <= l).length / n),
    );
    const u10 = pct(c.unpaired.filter((o) => flagged(c, o.verdict10)).length / n);
    const u20 = pct(c.unpaired.filter((o) => flagged(c, o.verdict20)).length / n);
    out.push(`| ${c.name} | ${byLook.join(' | ')} | ${u10} | ${u20} |`);
  }

  const sessions = results.conditions.flatMap((c) => c.perfbot);
  const wall = sessions.flatMap((o) => o.wallNs);
  out.push(
    '',
    '### Overhead per run (medians)',
    '',
    '| Bare `child_process.spawn` of the program (spawn → exit) | runProcess `wallNs` (what the engine measures; includes the bash wrapper) | runProcess time outside `wallNs` (pre-flight, /proc scans, tree kill) | Session overhead per run: (session wall − Σ run wallNs) / runs | of which fixed per session: planning the sequential boundaries |',
    '|---|---|---|---|---|',
    `| ${ms(median(results.bareSpawnNs))} (n=${results.bareSpawnNs.length}) | ${ms(median(wall))} (n=${wall.length}) | ${ms(median(sessions.flatMap((o) => o.runnerOverheadNs)))} | ${ms(median(sessions.map((o) => o.sessionOverheadNs)))} (n=${sessions.length} sessions) | ${ms(results.boundariesNs)} per session |`,
  );
  out.push('', renderNoiseSection(results, results.noiseBand));
  return out.join('\n');
}
