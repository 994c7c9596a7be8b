import { isPerfbotError, UsageError } from '../domain/errors.ts';
import { CLI_USAGE } from './cli-usage.ts';
import { formatCliError } from './format-cli-error.ts';
import { runBenchCommand } from './run-bench-command.ts';
import { runDemoCommand } from './run-demo-command.ts';
import { runParseCommand } from './run-parse-command.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress lines are shown only then). */
  isTty: boolean;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
};

/** Entry point of the `perfbot` command; returns the exit code (0 ok, 1 regression, 2 bad input). */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'bench':
        return await runBenchCommand(rest, io);
      case 'parse':
        return await runParseCommand(rest, io);
      case 'demo':
        return await runDemoCommand(rest, io);
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
    io.stderr(formatCliError(error));
    return isPerfbotError(error) && error.userError ? 2 : 3;
  }
}
