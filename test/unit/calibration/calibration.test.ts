import { describe, expect, it } from 'vitest';
import { calibrationKey } from '../../../src/calibration/calibration-key.ts';
import {
  type Calibration,
  describeCalibration,
  pairsToResolve,
  primaryNoise,
} from '../../../src/benchmark/noise-calibration.ts';
import { machineFingerprint, type MachineFacts } from '../../../src/calibration/machine-fingerprint.ts';
import { minimumDetectableEffect } from '../../../src/benchmark/stats/minimum-detectable-effect.ts';
import { renderCalibrationTable } from '../../../src/reports/calibration-report/render-calibration-table.ts';

const FACTS: MachineFacts = {
  cpuModel: 'Intel(R) Xeon(R) Processor',
  cores: 2,
  kernel: '6.18.44-fc-v1045',
  runtimes: { node: 'v20.20.2' },
};

describe('machineFingerprint', () => {
  it('names the machine and hashes its facts into a 16-digit id', () => {
    const fingerprint = machineFingerprint(FACTS);
    expect(fingerprint.description).toBe('Intel(R) Xeon(R) Processor ×2, kernel 6.18.44-fc-v1045, node v20.20.2');
    expect(fingerprint.id).toMatch(/^[0-9a-f]{16}$/);
    // Whitespace in /proc/cpuinfo's model name and the order of runtimes do not make another machine.
    expect(machineFingerprint({ ...FACTS, cpuModel: '  Intel(R)  Xeon(R) Processor ' }).id).toBe(fingerprint.id);
    expect(machineFingerprint({ ...FACTS, runtimes: { python: '3.11.2', node: 'v20.20.2' } }).id).toBe(
      machineFingerprint({ ...FACTS, runtimes: { node: 'v20.20.2', python: '3.11.2' } }).id,
    );
  });

  it('is another fingerprint when any fact differs', () => {
    const ids = new Set(
      [
        FACTS,
        { ...FACTS, cpuModel: 'AMD EPYC 7763' },
        { ...FACTS, cores: 4 },
        { ...FACTS, kernel: '6.1.0-18-amd64' },
        { ...FACTS, runtimes: { node: 'v22.1.0' } },
      ].map((facts) => machineFingerprint(facts).id),
    );
    expect(ids.size).toBe(5);
  });
});

describe('calibrationKey', () => {
  it('is one key per repository (case-insensitive, as GitHub names are) and fingerprint', () => {
    expect(calibrationKey('pfx', 'Octo/Repo', 'abcdef0123456789')).toBe(
      'pfx:perfbot:calibration:octo/repo:abcdef0123456789',
    );
  });
});

describe('pairsToResolve', () => {
  it('is the fewest pairs whose detectable change is within the band', () => {
    const n = pairsToResolve(0.08, 0.02, 0.05);
    expect(n).toBe(131); // ((1.96 + 0.84)·0.08 / 0.02)² ≈ 125 with normal quantiles; the t quantiles add a few
    expect(minimumDetectableEffect(0.08, n, 0.05)).toBeLessThanOrEqual(0.02);
    expect(minimumDetectableEffect(0.08, n - 1, 0.05)).toBeGreaterThan(0.02);
    expect(pairsToResolve(0.01, 0.02, 0.05)).toBe(5);
    expect(pairsToResolve(0, 0.02, 0.05)).toBe(3);
  });

  it('is Infinity when no number of pairs gets there (a band of 0)', () => {
    expect(pairsToResolve(0.08, 0, 0.05)).toBe(Infinity);
  });
});

const calibration: Calibration = {
  repo: 'octo/repo',
  sha: 'a'.repeat(40),
  fingerprint: 'abcdef0123456789',
  machine: 'Intel ×2',
  measuredAt: '2026-12-03T07:00:00.000Z',
  benchmarks: [
    { benchmark: 'parse', metric: 'time', noise: 0.03, pairs: 20 },
    { benchmark: 'render', metric: 'time', noise: 0.05, pairs: 20 },
    { benchmark: 'render', metric: 'memory', noise: 0.2, pairs: 20 },
    { benchmark: '(whole run)', metric: 'time', noise: 0.09, pairs: 20 },
    { benchmark: '(whole run)', metric: 'instructions', noise: 0.0001, pairs: 20 },
  ],
};

describe('primaryNoise', () => {
  it('takes the noisiest parsed benchmark time, the whole run only without parsed ones, instructions when counted', () => {
    expect(primaryNoise(calibration, false)?.benchmark).toBe('render');
    expect(primaryNoise({ ...calibration, benchmarks: calibration.benchmarks.slice(3) }, false)?.noise).toBe(0.09);
    expect(primaryNoise(calibration, true)?.noise).toBe(0.0001);
    expect(primaryNoise({ ...calibration, benchmarks: [] }, false)).toBeNull();
  });
});

describe('renderCalibrationTable', () => {
  it('gives each metric its noise, what the A/A pairs detect and the pairs the band needs', () => {
    expect(
      renderCalibrationTable(
        { ...calibration, benchmarks: calibration.benchmarks.slice(0, 2) },
        { noiseBand: 0.02, alpha: 0.05 },
      ),
    ).toBe(
      [
        '| Benchmark | Metric | Paired noise (SD of log-ratios) | Detects in 20 pairs | Pairs to detect ±2.0% |',
        '|---|---|--:|--:|--:|',
        '| `parse` | time | 3.0% | ±2.0% | 21 |',
        '| `render` | time | 5.0% | ±3.4% | 53 |',
      ].join('\n'),
    );
  });
});

describe('describeCalibration', () => {
  const noise = { benchmark: 'render', metric: 'time', noise: 0.08, pairs: 20 };
  const use = { calibration, noise, neededPairs: 131, noiseBand: 0.02, alpha: 0.05 };

  it('says what the planned pairs detect, without a warning when they resolve the band', () => {
    const { method, warning } = describeCalibration({ ...use, looks: [6, 10, 15, 25, 40, 60, 90, 135] });
    expect(method).toMatchObject({
      measuredAt: calibration.measuredAt,
      benchmark: 'render',
      noise: 0.08,
      neededPairs: 131,
      plannedPairs: 135,
    });
    expect(method.detectable).toBeCloseTo(minimumDetectableEffect(0.08, 135, 0.05), 12);
    expect(warning).toBeUndefined();
  });

  it('warns, with the pairs needed, when the band is finer than the planned pairs resolve', () => {
    expect(describeCalibration({ ...use, looks: [6, 10, 15, 20] }).warning).toBe(
      'thresholds.noise (±2.0%) is below what this run can resolve on this machine: render has a calibrated noise of 8.0% per pair, so its 20 planned pairs detect changes of ±5.4% (80% power) and a change the size of the band needs 131 pairs. Raise thresholds.noise, or benchmark.timeBudgetSeconds / benchmark.runs.max',
    );
    expect(describeCalibration({ ...use, neededPairs: Infinity, looks: [6, 10, 15, 20] }).warning).toBe(
      'thresholds.noise (±2.0%) is below what this machine can resolve at all: render has a calibrated noise of 8.0% per pair. Raise thresholds.noise',
    );
  });
});
