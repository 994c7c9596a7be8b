import { isPerfbotError, UsageError } from '../domain/errors.ts';
import { type CliIo, createProcessIo } from './cli-io.ts';
import { CLI_USAGE } from './cli-usage.ts';
import { formatCliError } from './format-cli-error.ts';
import { runBenchCommand } from './run-bench-command.ts';
import { runCalibrateCommand } from './run-calibrate-command.ts';
import { runDemoCommand } from './run-demo-command.ts';
import { runOptimizeCommand } from './run-optimize-command.ts';
import { runParseCommand } from './run-parse-command.ts';

/** Entry point of the `perfbot` command; returns the exit code (0 ok, 1 regression, 2 bad input, 130 interrupted). */
export async function main(argv: string[], io: CliIo = createProcessIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'bench':
        return await runBenchCommand(rest, io);
      case 'calibrate':
        return await runCalibrateCommand(rest, io);
      case 'parse':
        return await runParseCommand(rest, io);
      case 'demo':
        return await runDemoCommand(rest, io);
      case 'optimize':
        return await runOptimizeCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(CLI_USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}". Run "perfbot help" for the list of commands.`);
    }
  } catch (error) {
    if (io.signal?.aborted) {
      io.stderr(
        `perfbot: interrupted (${String(io.signal.reason)}); its processes were stopped and its worktrees removed.\n`,
      );
      return 130;
    }
    io.stderr(formatCliError(error));
    return isPerfbotError(error) && error.userError ? 2 : 3;
  }
}
