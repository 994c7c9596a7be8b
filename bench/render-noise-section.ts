import { median, sampleStandardDeviation } from '../src/benchmark/stats/descriptive-statistics.ts';
import { normalQuantile } from '../src/benchmark/stats/normal-distribution.ts';
import type { EngineResults } from './engine-results.ts';

/**
 * The measured noise and what it implies: normal-approximation run counts for 80% power against a
 * change d when the whole CI must clear the noise band b — paired: (z·c_d/(d−b))² pairs; unpaired:
 * 2·(z·c/(d−b))² runs per side. Rough (no small-n t, no trimming loss, no sequential spending).
 */
export function renderNoiseSection(results: EngineResults, noiseBand: number): string {
  const pairedNoise = median(results.conditions.flatMap((c) => c.perfbot.map((o) => o.noise)));
  const runNoise = median(results.conditions.flatMap((c) => c.unpaired.map((o) => o.noise)));
  const bareRatios: number[] = [];
  for (let i = 0; i + 1 < results.bareSpawnNs.length; i += 2)
    bareRatios.push(Math.log(results.bareSpawnNs[i + 1]! / results.bareSpawnNs[i]!));
  const rho = 1 - pairedNoise ** 2 / (2 * runNoise ** 2);
  const z = normalQuantile(0.975) + normalQuantile(0.8);
  const rows = [0.05, 0.1].map((d) => {
    const pairs = Math.ceil(((z * pairedNoise) / (d - noiseBand)) ** 2);
    const perSide = Math.ceil(2 * ((z * runNoise) / (d - noiseBand)) ** 2);
    return `| ${d * 100}% | ${pairs} pairs = ${2 * pairs} runs | ${perSide}+${perSide} = ${2 * perSide} runs |`;
  });
  return [
    '### Noise measured in this run',
    '',
    `- Paired noise c_d (SD of per-pair log-ratios, median over Perfbot sessions): **${(pairedNoise * 100).toFixed(2)}%**`,
    `- Run-to-run noise c (pooled SD of log times within the unpaired 20-run blocks, median): **${(runNoise * 100).toFixed(2)}%**`,
    `- Implied correlation of adjacent runs ρ = 1 − c_d²/(2c²): **${rho.toFixed(2)}** (pairing needs (1 − ρ)× the runs)`,
    `- For reference, c_d of back-to-back bare \`spawn\` pairs of the same program: ${(sampleStandardDeviation(bareRatios) * 100).toFixed(2)}% (n=${bareRatios.length} pairs)`,
    '',
    `Normal-approximation runs for 80% power (α = 0.05, CI must clear the ${noiseBand * 100}% band), from the noise above:`,
    '',
    '| Change | Paired | Unpaired |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}
