import { CommanderError, type Command } from 'commander';
import { ConfigError } from '../config';
import { CliFailure, commandPath, usageHint, UsageError } from './cli-errors';
import { buildProgram } from './program';

/**
 * `heli`: exit 0 when done (and for --help, --version), 1 when the command failed, 2 when the command line was
 * wrong. Every message goes to stderr, in Chinese, saying what went wrong and, for usage errors, what is allowed.
 */
async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  // A usage error found while a command runs (not by commander) names that command and its usage.
  let running: Command | undefined;
  program.hook('preAction', (_program, command) => void (running = command));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError && err.exitCode === 0) return 0;
    const where = running ? commandPath(running) : 'heli';
    if (err instanceof UsageError) {
      const command = err.command ?? running;
      process.stderr.write(`${command ? commandPath(command) : where}：${err.message}\n`);
      if (err.hint) process.stderr.write(`${usageHint(command)}\n`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof CliFailure) {
      process.stderr.write(`${where}：${err.message}\n`);
      return 1;
    }
    const e = err as Error;
    process.stderr.write(`${where}：${e.message ?? String(err)}${e.cause ? `（${String(e.cause)}）` : ''}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`heli：${String(err)}\n`);
    process.exit(1);
  },
);
