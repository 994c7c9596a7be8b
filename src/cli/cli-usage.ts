export const CLI_USAGE = `Usage: perfbot <command> [options]

Commands:
  bench     Compare the benchmarks of two commits (interleaved runs, confidence intervals)
              --repo PATH      repository (default: current directory)
              --base REF       base commit (default: merge-base of head with the default branch)
              --head REF       head commit (default: HEAD)
              --config FILE    perf.yml to use (default: .github/perf.yml at the base commit)
              --runs N         pin the number of pairs (fixed-size design)
              --measure M      time (default) or instructions: count user-space instructions with perf
                               or valgrind (overrides benchmark.measure)
              --seed N         seed for the run order (default: random, printed in the report)
              --json           print the JSON report instead of Markdown
              --no-sandbox     run the commands without the sandbox (default: bubblewrap where it starts)
            Exit codes: 0 ok, 1 a regression exceeds the gate, 2 bad input.
  calibrate Measure each benchmark's paired noise on this machine: an A/A run of one commit, kept in
            .git/perfbot/calibration.json (30 days) and used by later bench runs here to plan pairs
              --repo PATH      repository (default: current directory)
              --ref REF        commit to run against itself (default: the default branch)
              --config FILE    perf.yml to use (default: .github/perf.yml at REF)
              --runs N         pairs (default: 20)
              --seed N, --json, --no-sandbox   as for bench
  parse     Print the normalized JSON of a benchmark output file
              perfbot parse FILE [--format auto|hyperfine|google-benchmark|go|pytest-benchmark|vitest|bmf]
  optimize  Run the optimize loop locally: commit on perf/<task> of your repository, artifacts in bots/
              [--repo PATH] [--head REF] [--agent NAME] [--target N%] [--max-iter N] [--config FILE]
              [--max-regression N%] [--max-memory N%] (trade-offs, over optimize.tradeoffs)
              [--agents-config FILE (or PERFBOT_CONFIG)] [--task NAME] [--fresh] [--budget-minutes N]
              [--no-sandbox]
            Exit codes: 0 targets met and committed, 1 stopped early (worktree kept), 2 bad input.
  demo      Build an example repository with a known slowdown and compare its two commits
              --optimize       run the whole optimize loop on it instead, with a scripted demo agent (not AI)
  help      Show this help
`;
