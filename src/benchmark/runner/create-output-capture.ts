/** What the runner keeps of a process's output. */
export interface CapturedOutput {
  /** The first `maxBytes` of stdout: the part a parser reads (results are printed as they are produced). */
  stdout: string;
  /** The last `maxBytes` of stderr: the part that explains a failure. */
  stderr: string;
  /** The last `tailLines` lines of stdout and stderr interleaved in arrival order. */
  outputTail: string;
  /** Whether stdout or stderr exceeded `maxBytes` and was cut. */
  truncated: boolean;
}

export interface OutputCapture {
  onStdout(chunk: Buffer): void;
  onStderr(chunk: Buffer): void;
  result(): CapturedOutput;
}

/** Enough bytes for 40 long lines of combined output without keeping all of it. */
const TAIL_BYTES = 64 * 1024;

/**
 * Bounded capture of a child's output. Memory stays O(maxBytes) however much the child prints; chunks
 * past the limit are still consumed (and dropped) so the child never blocks on a full pipe.
 */
export function createOutputCapture(maxBytes: number, tailLines = 40): OutputCapture {
  const head: Buffer[] = [];
  let headBytes = 0;
  const stderr = createTail(maxBytes);
  const combined = createTail(TAIL_BYTES);
  let truncated = false;

  return {
    onStdout(chunk) {
      combined.push(chunk);
      if (headBytes >= maxBytes) {
        truncated = true;
        return;
      }
      const room = maxBytes - headBytes;
      if (chunk.length > room) truncated = true;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      head.push(kept);
      headBytes += kept.length;
    },
    onStderr(chunk) {
      combined.push(chunk);
      if (stderr.push(chunk)) truncated = true;
    },
    result() {
      const lines = combined.text().replace(/\n$/, '').split('\n');
      return {
        stdout: Buffer.concat(head).toString('utf8'),
        stderr: stderr.text(),
        outputTail: lines.slice(-tailLines).join('\n'),
        truncated,
      };
    },
  };
}

/** Keeps the last `limit` bytes pushed; `push` says whether anything had to be dropped. */
function createTail(limit: number): { push(chunk: Buffer): boolean; text(): string } {
  let chunks: Buffer[] = [];
  let bytes = 0;
  let dropped = false;
  return {
    push(chunk) {
      chunks.push(chunk);
      bytes += chunk.length;
      while (bytes > limit && chunks.length > 0) {
        const first = chunks[0]!;
        const excess = bytes - limit;
        dropped = true;
        if (first.length <= excess) {
          chunks.shift();
          bytes -= first.length;
        } else {
          chunks[0] = first.subarray(excess);
          bytes -= excess;
        }
      }
      if (chunks.length > 256) chunks = [Buffer.concat(chunks)];
      return dropped;
    },
    text() {
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
