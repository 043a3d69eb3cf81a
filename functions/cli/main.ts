import { UserError } from '../runtime/UserError.ts';
import type { Logger } from '../runtime/Logger.ts';
import { GoogleSheetsError } from '../publishing/google-sheets/errors.ts';
import { demoCommand } from './commands/demoCommand.ts';
import { doctorCommand } from './commands/doctorCommand.ts';
import { runCommand } from './commands/runCommand.ts';
import { parseCliArgs, USAGE } from './parseCliArgs.ts';
import { resolveRunConfig } from './resolveRunConfig.ts';
import { terminalProgress } from './terminalProgress.ts';

const stderrLogger: Logger = {
  info: (message) => process.stderr.write(`${message}\n`),
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
  error: (message) => process.stderr.write(`error: ${message}\n`),
};

/**
 * The `segment-sheets` command line. Exit code 0 on success; on failure one line on stderr
 * saying why, and exit code 1 (2 for usage errors).
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    const progress = terminalProgress();
    switch (args.command) {
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case 'demo':
        await demoCommand(args, stderrLogger, progress);
        return 0;
      case 'doctor': {
        const healthy = await doctorCommand(await resolveRunConfig(args));
        return healthy ? 0 : 1;
      }
      case 'run': {
        const config = await resolveRunConfig(args);
        const asOf = args.asOf ?? config.asOf ?? new Date().toISOString().slice(0, 10);
        await runCommand(config, asOf, stderrLogger, progress, process.stdout, args.job);
        return 0;
      }
    }
  } catch (error) {
    // Both say what to fix in one line: no stack trace for the user.
    if (error instanceof UserError || error instanceof GoogleSheetsError) {
      process.stderr.write(`segment-sheets: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    process.stderr.write(`segment-sheets: unexpected error: ${message}\n`);
    if (process.env['SEGMENT_SHEETS_DEBUG']) console.error(error);
    return 1;
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
