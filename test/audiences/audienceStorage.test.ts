import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audiencesConfigSchema } from '../../functions/audiences/audiencesConfig.ts';
import { AudienceWriter } from '../../functions/audiences/AudienceWriter.ts';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { S3ResultStore } from '../../functions/result-files/s3/S3ResultStore.ts';
import { InMemoryBucket } from '../aws/support/InMemoryBucket.ts';
import { tempDirWith } from '../support/tempDir.ts';

const hash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const CHAMPIONS = { key: 'Champions', name: 'Champions', slug: 'champions' };
const LOST = { key: 'Lost', name: 'Lost', slug: 'lost' };

describe('AudienceWriter', () => {
  it('writes under the run folder on S3, listed in latest.json, with counts per file', async () => {
    const bucket = new InMemoryBucket('results');
    const results = new S3ResultStore({ s3: bucket.client, bucket: 'results', prefix: 'runs/customer-segments/', runId: 'run-1' });
    const config = audiencesConfigSchema.parse({ segments: ['Champions', 'Lost'], platforms: ['meta'], minimumMembers: { meta: 2 } });
    const writer = await AudienceWriter.open(results, [CHAMPIONS, LOST], config, new Set(['email', 'phone']));
    writer.offer('Champions', { email: 'Ana@Example.com', phone: '+44 20 7946 0958' });
    writer.offer('Champions', { email: null, phone: '020 7946 0958' }); // no default calling code: dropped, nothing left
    writer.offer('Champions', { email: 'bo@example.com' });
    writer.offer('At Risk', { email: 'cy@example.com' }); // not an audience
    await writer.flush();
    const reports = await writer.close();
    await results.commit();

    expect(bucket.text('runs/customer-segments/run-1/audiences/meta/champions.csv')).toBe(
      `email,phone\n${hash('ana@example.com')},${hash('442079460958')}\n${hash('bo@example.com')},\n`,
    );
    expect(bucket.text('runs/customer-segments/run-1/audiences/meta/lost.csv')).toBe('email,phone\n');
    const latest = JSON.parse(bucket.text('runs/customer-segments/latest.json') ?? '{}');
    expect(latest.files.map((f: { name: string }) => f.name)).toEqual(['audiences/meta/champions.csv', 'audiences/meta/lost.csv']);
    expect(reports).toEqual([
      { name: 'Champions', platform: 'meta', file: 'audiences/meta/champions.csv', members: 2, skipped: 1, invalidEmails: 0, invalidPhones: 1, minimum: 2, belowMinimum: false },
      { name: 'Lost', platform: 'meta', file: 'audiences/meta/lost.csv', members: 0, skipped: 0, invalidEmails: 0, invalidPhones: 0, minimum: 2, belowMinimum: true },
    ]);
  });

  it('writes under the output folder locally; nothing is visible before commit', async () => {
    const dir = await tempDirWith();
    const results = await LocalResultStore.open(dir);
    const config = audiencesConfigSchema.parse({ segments: ['Champions'], platforms: ['google'], defaultPhoneCountryCode: '1' });
    const writer = await AudienceWriter.open(results, [CHAMPIONS], config, new Set(['phone']));
    writer.offer('Champions', { phone: '(650) 253-1234' });
    await writer.close();
    const file = path.join(dir, 'audiences', 'google', 'champions.csv');
    expect(existsSync(file)).toBe(false);
    await results.commit();
    expect(readFileSync(file, 'utf8')).toBe(`Phone\n${hash('+16502531234')}\n`);
  });
});

describe('result file names with folders', () => {
  it.each(['audiences/../run.json', 'audiences//x.csv', '.hidden/x.csv', 'audiences/.x.csv', '/abs.csv'])('refuses %j', async (name) => {
    const local = await LocalResultStore.open(await tempDirWith());
    await expect(local.writeFile(name, 'x')).rejects.toThrow('invalid result file name');
    await local.abort();
    const bucket = new InMemoryBucket('results');
    const s3 = new S3ResultStore({ s3: bucket.client, bucket: 'results', prefix: 'runs/x/', runId: 'r' });
    await expect(s3.writeFile(name, 'x')).rejects.toThrow('invalid result file name');
  });
});

describe('audiences config', () => {
  const base = { sources: { orders: { path: 'o.csv', mapping: { customer_id: 'id', order_date: 'd', amount: 'a' } } } };

  it('is empty by default, for both platforms with minimum 100', () => {
    expect(parseConfig(base, 'test').audiences).toEqual({
      segments: [], leadTiers: [], platforms: ['google', 'meta'], minimumMembers: { google: 100, meta: 100 },
    });
  });

  it('names a segment that the segment table does not have', () => {
    expect(() => parseConfig({ ...base, audiences: { segments: ['Champion'] } }, 'shop.json'))
      .toThrow(/shop\.json: audiences\.segments\.0: 'Champion' is not a segment \(segments: Champions, /);
    expect(() => parseConfig({ ...base, rfm: { segments: [{ name: 'VIP', r: [4, 5], f: [4, 5], m: [4, 5] }] }, audiences: { segments: ['VIP', 'Others'] } }, 'x'))
      .not.toThrow();
  });

  it('refuses a calling code that is not 1-3 digits, and unknown tiers', () => {
    expect(() => parseConfig({ ...base, audiences: { defaultPhoneCountryCode: '+44' } }, 'x')).toThrow(/audiences\.defaultPhoneCountryCode/);
    expect(() => parseConfig({ ...base, audiences: { leadTiers: ['Hottest'] } }, 'x')).toThrow(/audiences\.leadTiers\.0/);
  });
});
