/**
 * The embedded example project of `perfbot demo`: three CPU-bound functions and a harness that prints
 * Bencher Metric Format JSON. The head commit makes `sort` do ~40% more work; `parse` and `hash` are unchanged.
 */
const HARNESS = `import { parse } from './src/parse.mjs';
import { sort } from './src/sort.mjs';
import { hash } from './src/hash.mjs';

// Median of a few repetitions per invocation; Perfbot treats each invocation as one replicate.
function measure(fn, reps = 5) {
  fn();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(reps / 2)];
}

const result = {};
for (const [name, fn] of Object.entries({ parse, sort, hash })) {
  result[name] = { latency: { value: measure(fn) } };
}
console.log(JSON.stringify(result));
`;

const PARSE = `export function parse() {
  const text = Array.from({ length: 20000 }, (_, i) => \`key\${i}=\${i * 7}\`).join(';');
  let total = 0;
  for (const field of text.split(';')) total += Number(field.slice(field.indexOf('=') + 1));
  return total;
}
`;

const HASH = `export function hash() {
  let h = 2166136261;
  for (let i = 0; i < 1_500_000; i++) h = Math.imul(h ^ (i & 0xff), 16777619);
  return h >>> 0;
}
`;

function sortSource(rounds: number): string {
  return `export const ROUNDS = ${rounds};

export function sort() {
  let checksum = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let seed = 12345 + round;
    const values = Array.from({ length: 10000 }, () => (seed = (seed * 1103515245 + 12345) % 2147483648));
    values.sort((a, b) => a - b);
    checksum += values[5000];
  }
  return checksum;
}
`;
}

const PERF_YML = `# Perfbot configuration (read from the base commit)
benchmark:
  command: ["node", "bench.mjs"]
  format: bmf
  warmup: 1
  runs: { min: 6, max: 20 }
test:
  command: ["node", "test/sort.test.mjs"]
optimize:
  allowedPaths: ["src/**"]
targets:
  - benchmark: sort
    improve: 30%
thresholds:
  noise: 2%
  regressionGate: 5%
`;

/** What \`perfbot demo --optimize\` must keep true: sort()'s checksum, against a plain reference. */
const SORT_TEST = `import assert from 'node:assert';
import { ROUNDS, sort } from '../src/sort.mjs';

function reference(rounds) {
  let checksum = 0;
  for (let round = 0; round < rounds; round++) {
    let seed = 12345 + round;
    const values = Array.from({ length: 10000 }, () => (seed = (seed * 1103515245 + 12345) % 2147483648));
    values.sort((a, b) => a - b);
    checksum += values[5000];
  }
  return checksum;
}

assert.strictEqual(sort(), reference(ROUNDS));
console.log('1 test passed');
`;

export const DEMO_BASE_FILES: Record<string, string> = {
  'bench.mjs': HARNESS,
  'src/parse.mjs': PARSE,
  'src/hash.mjs': HASH,
  'src/sort.mjs': sortSource(5),
  '.github/perf.yml': PERF_YML,
  'test/sort.test.mjs': SORT_TEST,
  'package.json': '{ "name": "perfbot-demo", "private": true, "type": "module" }\n',
};

/** The head commit: only `sort` changes (7 rounds instead of 5, a known ~40% slowdown). */
export const DEMO_HEAD_FILES: Record<string, string> = {
  'src/sort.mjs': sortSource(7),
};
