import type { Config } from '../../config/configSchema.ts';

/**
 * `segment-sheets doctor`: the config has already been validated when it was loaded; this checks
 * the Google Sheets part — key, authentication, read and edit access, cell usage, leftovers of
 * failed runs — and prints what to fix. Resolves to true when nothing is wrong.
 */
export async function doctorCommand(config: Config, out: NodeJS.WritableStream = process.stdout): Promise<boolean> {
  out.write(`ok       config: valid (sources.orders: ${config.sources.orders.path})\n`);
  if (config.output.sink !== 'sheets' && !config.sinks.sheets) {
    out.write(`ok       sink: ${config.output.sink} (no Google Sheet configured, nothing more to check)\n`);
    return true;
  }
  const { doctorGoogleSheets } = await import('../../publishing/google-sheets/index.ts');
  const findings = await doctorGoogleSheets(config.sinks.sheets);
  for (const finding of findings) {
    out.write(`${finding.level.padEnd(8)} ${finding.check}: ${finding.message}\n`);
    if (finding.fix) out.write(`         fix: ${finding.fix}\n`);
  }
  return findings.every((f) => f.level !== 'error');
}
