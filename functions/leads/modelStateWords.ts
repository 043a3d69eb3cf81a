/**
 * Where p_convert comes from, in one paragraph for the lead tabs' notes: the model's validation
 * figures, or why the run is rules only.
 */
import type { ConversionModelReport } from './conversionModel.ts';

/**
 * The model's state in words.
 *
 * @example
 * ```ts
 * modelStateWords(report);
 * // 'p_convert = chance of converting within 90 days of creation, from a logistic model trained on 4,210 older leads …'
 * // or 'Rules only: 12 conversions among leads older than 90 days, need 50. p_convert is left empty; …'
 * ```
 */
export function modelStateWords(report: ConversionModelReport): string {
  if (report.status === 'rules-only') {
    return `${capitalise(report.reason)}. p_convert is left empty; priority comes from grade × engagement alone.`;
  }
  const refit = report.refit ? `, then refitted on all ${report.fittedOn.toLocaleString('en-US')}` : '';
  return (
    `p_convert = chance of converting within ${report.windowDays} days of creation, from a logistic model trained on ` +
    `${report.trainSize.toLocaleString('en-US')} older leads (${report.trainConversions.toLocaleString('en-US')} converted)${refit}. ` +
    `On the newest ${report.validationSize.toLocaleString('en-US')} leads with a known outcome it reached AUC ${report.auc.toFixed(2)} ` +
    `and the top 10% it ranked converted ${report.topDecileLift.toFixed(1)}× as often as average. ` +
    `Empty for leads older than ${report.windowDays} days, whose window has passed.`
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
