import type { AudienceReport } from '../../audiences/AudienceReport.ts';
import type { TableBlock } from '../SheetModel.ts';

/**
 * The Summary's Audiences block: one row per audience file with its platform, members (rows
 * written), people skipped for lack of an e-mail or phone, the file, and a flag when the file has
 * fewer rows than the platform's configured minimum.
 *
 * @example
 * ```ts
 * audiencesBlock([{ name: 'Champions', platform: 'meta', file: 'audiences/meta/champions.csv', members: 42,
 *   skipped: 1, invalidEmails: 0, invalidPhones: 0, minimum: 100, belowMinimum: true }]).rows[0];
 * // ['Champions', 'meta', 42, 1, 'audiences/meta/champions.csv', 'below meta minimum (100)']
 * ```
 */
export function audiencesBlock(audiences: readonly AudienceReport[]): TableBlock {
  return {
    title: 'Audiences',
    columns: [
      { key: 'audience', header: 'Audience', type: 'text', width: 22 },
      { key: 'platform', header: 'Platform', type: 'text', width: 10 },
      { key: 'members', header: 'Members', type: 'integer', width: 11, note: 'Rows in the file: people with a usable e-mail or phone, hashed.' },
      { key: 'skipped', header: 'Skipped (no e-mail or phone)', type: 'integer', width: 14 },
      { key: 'file', header: 'File', type: 'text', width: 36, note: 'Inside the run\'s result folder (locally --out, on AWS the run\'s S3 folder).' },
      { key: 'flag', header: 'Flag', type: 'text', width: 28 },
    ],
    rows: audiences.map((a) => [
      a.name,
      a.platform,
      a.members,
      a.skipped,
      a.file,
      a.belowMinimum ? `below ${a.platform} minimum (${a.minimum.toLocaleString('en-US')})` : '',
    ]),
  };
}
