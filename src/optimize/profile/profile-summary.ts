/** One function of a CPU profile, with the time spent in it. */
export interface ProfiledFunction {
  /** As the runtime names it (`slowSum`, `example.com/slow.SlowSum`); from the repository's code, so untrusted. */
  name: string;
  /** `file:line` (relative to the checkout when inside it), `file` alone, or '' for native code. */
  location: string;
  /** Time in the function itself, in milliseconds. */
  selfMs: number;
  /** Time in the function and everything it called (recursion counted once), in milliseconds. */
  totalMs: number;
}

/** Where the time of one profiled benchmark run went, whichever runtime measured it. */
export interface ProfileSummary {
  /** What took it: `node --cpu-prof`, `go test -cpuprofile`, `python -m cProfile`. */
  tool: string;
  /** Sampled (or, for cProfile, measured) CPU time of the whole run, in milliseconds: the 100% of the table. */
  totalMs: number;
  functions: ProfiledFunction[];
}
