// Perfbot's DEMO agent for `perfbot demo --optimize`. It is a scripted program, NOT an AI: it knows the demo
// repository's one slow spot and fixes it the same way every time, so the whole optimize loop can be watched
// without an AI account. It follows the agent protocol every real agent follows (src/agents/README.md): the
// role in PERFBOT_ROLE, the prompt on stdin and in PERFBOT_PROMPT_FILE, the JSON result in PERFBOT_OUTPUT_FILE.
import { readFileSync, writeFileSync } from 'node:fs';

const LABEL = '[scripted demo agent, not AI]';
const SORT_FILE = 'src/sort.mjs';
const SLOW = 'values.sort((a, b) => a - b);\n    checksum += values[5000];';
const FAST = 'const sorted = Float64Array.from(values).sort();\n    checksum += sorted[5000];';

const write = (result) => writeFileSync(process.env.PERFBOT_OUTPUT_FILE, `${JSON.stringify(result, null, 2)}\n`);

switch (process.env.PERFBOT_ROLE) {
  case 'analyzer':
    write({
      summary: `${LABEL} Most of the time of the \`sort\` benchmark goes into Array.prototype.sort with a JavaScript comparator: every comparison calls back into JavaScript.`,
      bottlenecks: [
        {
          title: 'sort() compares through a JavaScript callback',
          file: SORT_FILE,
          detail:
            'The values are integers below 2^31: a Float64Array sorts them numerically in native code, with the same order and the same checksum.',
        },
      ],
    });
    break;
  case 'optimizer': {
    const source = readFileSync(SORT_FILE, 'utf8');
    if (source.includes(FAST)) {
      write({ summary: `${LABEL} ${SORT_FILE} already sorts natively; this script knows no further change.` });
      break;
    }
    if (!source.includes(SLOW)) {
      console.error(`${LABEL} ${SORT_FILE} is not the demo file this script knows how to change`);
      process.exit(1);
    }
    writeFileSync(SORT_FILE, source.replace(SLOW, FAST));
    write({
      summary: `${LABEL} ${SORT_FILE}: sort a Float64Array copy natively instead of calling a comparator for every comparison.`,
    });
    break;
  }
  case 'reviewer':
    write({ findings: [] });
    break;
  default:
    console.error(`${LABEL} unknown PERFBOT_ROLE ${process.env.PERFBOT_ROLE}`);
    process.exit(2);
}
