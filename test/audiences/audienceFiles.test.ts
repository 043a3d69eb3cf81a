import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AudienceReport } from '../../functions/audiences/AudienceReport.ts';
import { DEMO_AS_OF, demoConfig } from '../../functions/cli/demoConfig.ts';
import { generateSampleData } from '../../functions/sample-data/generateSampleData.ts';
import { readCsv } from '../sample-data/readCsv.ts';
import { runCli } from '../support/runCli.ts';
import { tempDirWith } from '../support/tempDir.ts';

const hash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const SEGMENTS = ['Champions', 'At Risk', "Can't Lose Them", 'Hibernating'];
const SLUGS: Record<string, string> = { Champions: 'champions', 'At Risk': 'at-risk', "Can't Lose Them": 'cant-lose-them', Hibernating: 'hibernating' };
const TIERS = ['Hot', 'Warm', 'Disqualified'];
const PLATFORMS = ['google', 'meta'] as const;
const MINIMUM = 100;

/** Phone formats the test writes for customers whose e-mail it removed (default calling code 44). */
const PHONE_FORMATS = [
  (n: number) => ({ raw: `020 7946 ${String(n % 10_000).padStart(4, '0')}`, e164: `44207946${String(n % 10_000).padStart(4, '0')}` }),
  (n: number) => ({ raw: `+1 (650) 253-${String(n % 10_000).padStart(4, '0')}`, e164: `1650253${String(n % 10_000).padStart(4, '0')}` }),
  (n: number) => ({ raw: `0044 (0)161 496 ${String(n % 10_000).padStart(4, '0')}`, e164: `44161496${String(n % 10_000).padStart(4, '0')}` }),
];

/**
 * The audience files of a `--job all` run on the generated sample data, made awkward on purpose:
 * the test removes the e-mail of every fifth customer from the orders export and gives half of
 * those a phone (in national, international and `00` formats), the rest nothing to be matched on;
 * every third customer gets an unusable phone beside their e-mail; every 25th lead an e-mail that
 * is no address. Expected members are counted
 * from customers.csv, leads.csv and what the test wrote, not from the run's own report.
 */
describe('audience files on the sample data', () => {
  let dir: string;
  let out: string;
  /** run.json read back from disk: the part this test checks. */
  let report: { audiences: AudienceReport[] };
  /** Customer id → the phone the test gave them (raw and E.164 digits). */
  const phones = new Map<string, { raw: string; e164: string | null }>();

  beforeAll(async () => {
    dir = await tempDirWith();
    const data = path.join(dir, 'data');
    await generateSampleData({ outDir: data, asOf: DEMO_AS_OF, orderRows: 8_000, leads: 1_500, seed: 11 });

    const number = (id: string): number => Number(id.slice(1));
    const orders = readFileSync(path.join(data, 'orders.csv'), 'utf8').split('\n');
    // The first four order fields never hold commas: order_id, line_no, customer_id, email.
    writeFileSync(path.join(data, 'orders.csv'), orders.map((line, i) => {
      if (i === 0) return line;
      const m = /^([^,]*,[^,]*,(C\d+)),[^,]*,/.exec(line);
      return m && number(m[2] as string) % 5 === 0 ? line.replace(/^([^,]*,[^,]*,C\d+),[^,]*,/, '$1,,') : line;
    }).join('\n'));

    // Every 25th lead gets an e-mail that is no address (the lead scoring disqualifies it).
    const leads = readFileSync(path.join(data, 'leads.csv'), 'utf8').split('\n');
    writeFileSync(path.join(data, 'leads.csv'), leads.map((line) => {
      const m = /^L(\d+),/.exec(line);
      return m && Number(m[1]) % 25 === 0 ? line.replace(/^(L\d+),[^,]*,/, '$1,broken.address,') : line;
    }).join('\n'));

    const customers = readCsv(path.join(data, 'customers.csv'));
    const lines = ['customer_id,country,phone,first_name,last_name,zip'];
    for (const c of customers.rows) {
      const id = c['customer_id'] as string;
      const n = number(id);
      let phone = '';
      if (n % 10 === 0) {
        const p = (PHONE_FORMATS[(n / 10) % 3] as (n: number) => { raw: string; e164: string })(n);
        phone = p.raw;
        phones.set(id, p);
      } else if (n % 3 === 0) {
        phone = '12-34';
        phones.set(id, { raw: phone, e164: null });
      }
      lines.push([id, c['country'], phone, ` First${n} `, `O'Last${n}`, ` ${10_000 + n} `].join(','));
    }
    writeFileSync(path.join(data, 'customer_contacts.csv'), lines.join('\n') + '\n');

    const base = demoConfig();
    const config = {
      ...base,
      sources: {
        ...base.sources,
        customers: {
          path: 'customer_contacts.csv',
          mapping: { customer_id: 'customer_id', country: 'country', phone: 'phone', first_name: 'first_name', last_name: 'last_name', zip: 'zip' },
        },
      },
      profiles: { dimensions: ['country', 'channel'] },
      output: { dir: '../out', sink: 'xlsx', rowCap: 50 },
      audiences: { segments: SEGMENTS, leadTiers: TIERS, defaultPhoneCountryCode: '44', minimumMembers: { google: MINIMUM, meta: MINIMUM } },
    };
    writeFileSync(path.join(data, 'config.json'), JSON.stringify(config));
    const cli = runCli(['run', '--config', 'data/config.json', '--job', 'all'], dir);
    expect(cli.stderr).not.toMatch(/segment-sheets:/);
    expect(cli.status).toBe(0);
    out = path.join(dir, 'out');
    report = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'));
  });

  /** customers.csv rows of a segment. */
  function segmentCustomers(segment: string): Record<string, string>[] {
    return readCsv(path.join(out, 'customers.csv')).rows.filter((r) => r['segment'] === segment);
  }

  function audienceFile(platform: string, slug: string): { header: string[]; rows: Record<string, string>[] } {
    return readCsv(path.join(out, 'audiences', platform, `${slug}.csv`));
  }

  it('writes one file per configured segment and platform, with one row per customer that has an e-mail or a usable phone', () => {
    for (const segment of SEGMENTS) {
      const people = segmentCustomers(segment);
      const matchable = people.filter((c) => c['email'] !== '' || (phones.get(c['customer_id'] as string)?.e164 ?? null) !== null);
      for (const platform of PLATFORMS) {
        const file = audienceFile(platform, SLUGS[segment] as string);
        expect(file.rows.length, `${platform} ${segment}`).toBe(matchable.length);
      }
    }
    // The test removed e-mails from enough customers that some of a segment cannot be matched.
    const unmatchable = SEGMENTS.flatMap(segmentCustomers).filter((c) => c['email'] === '' && !phones.get(c['customer_id'] as string)?.e164);
    expect(unmatchable.length).toBeGreaterThan(0);
  });

  it("uses each platform's columns and normalisation: Google's +E.164 phone and Gmail dots, plain country and zip", () => {
    const google = audienceFile('google', 'champions');
    const meta = audienceFile('meta', 'champions');
    expect(google.header).toEqual(['Email', 'Phone', 'First Name', 'Last Name', 'Country', 'Zip']);
    expect(meta.header).toEqual(['email', 'phone', 'fn', 'ln', 'zip', 'country']);
    const people = segmentCustomers('Champions');
    const gmail = people.find((c) => /^[^@]*\.[^@]*@gmail\.com$/.test(c['email'] as string));
    expect(gmail, 'a Champion with a dotted gmail address').toBeDefined();
    const email = gmail!['email'] as string;
    const [local, domain] = email.split('@') as [string, string];
    expect(google.rows.map((r) => r['Email'])).toContain(hash(`${local.replace(/\./g, '')}@${domain}`));
    expect(meta.rows.map((r) => r['email'])).toContain(hash(email));
    expect(google.rows.map((r) => r['Email'])).not.toContain(hash(email));

    const withPhone = people.find((c) => phones.get(c['customer_id'] as string)?.e164);
    expect(withPhone, 'a Champion with a usable phone').toBeDefined();
    const e164 = phones.get(withPhone!['customer_id'] as string)!.e164 as string;
    expect(google.rows.map((r) => r['Phone'])).toContain(hash(`+${e164}`));
    expect(meta.rows.map((r) => r['phone'])).toContain(hash(e164));
    // Country and zip are plain on Google (upper-case ISO code, trimmed zip), hashed on Meta.
    for (const row of google.rows) {
      expect(row['Country']).toMatch(/^[A-Z]{2}$/);
      expect(row['Zip']).toMatch(/^\d{5}$/);
    }
    for (const row of meta.rows) for (const v of Object.values(row)) expect(v).toMatch(/^([0-9a-f]{64})?$/);
  });

  it('never writes a raw e-mail or phone into an audience file, nor contact fields into customers.csv', () => {
    const files = PLATFORMS.flatMap((p) => readdirSync(path.join(out, 'audiences', p)).map((f) => path.join(out, 'audiences', p, f)));
    expect(files.length).toBe(PLATFORMS.length * (SEGMENTS.length + TIERS.length));
    // Digit runs shorter than a phone number turn up in hex digests by chance, so only whole numbers are looked for.
    const rawPhones = [...phones.values()]
      .flatMap((p) => [p.raw, p.raw.replace(/\D/g, ''), ...(p.e164 ? [p.e164, `+${p.e164}`] : [])])
      .filter((p) => p.replace(/\D/g, '').length >= 10);
    expect(rawPhones.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain('@');
      for (const phone of rawPhones) expect(text.includes(phone), `${file} holds ${phone}`).toBe(false);
    }
    const header = readCsv(path.join(out, 'customers.csv')).header;
    for (const field of ['phone', 'first_name', 'last_name', 'zip']) expect(header).not.toContain(field);
  });

  it('makes lead audiences of the open leads per tier; leads without a valid e-mail are skipped', () => {
    const leads = readCsv(path.join(out, 'leads.csv')).rows.filter((l) => l['status'] === 'open');
    for (const tier of TIERS) {
      const inTier = leads.filter((l) => l['tier'] === tier);
      expect(inTier.length, tier).toBeGreaterThan(0);
      const usable = inTier.filter((l) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(l['email'] as string));
      for (const platform of PLATFORMS) {
        const file = audienceFile(platform, `leads-${tier.toLowerCase()}`);
        expect(file.rows.length, `${platform} ${tier}`).toBe(usable.length);
        const entry = report.audiences.find((a) => a.name === `Leads: ${tier}` && a.platform === platform);
        expect(entry?.skipped).toBe(inTier.length - usable.length);
      }
    }
    // The broken addresses of open leads land in some configured tier and are skipped there.
    const broken = leads.filter((l) => l['email'] === 'broken.address' && TIERS.includes(l['tier'] as string));
    expect(broken.length).toBeGreaterThan(0);
  });

  it('reports every audience in run.json and the Summary, flagging those below the minimum', async () => {
    const expected = [
      ...SEGMENTS.map((s) => ({ name: s, slug: SLUGS[s] as string })),
      ...TIERS.map((t) => ({ name: `Leads: ${t}`, slug: `leads-${t.toLowerCase()}` })),
    ].flatMap(({ name, slug }) => PLATFORMS.map((platform) => {
      const members = audienceFile(platform, slug).rows.length;
      return { name, platform, file: `audiences/${platform}/${slug}.csv`, members, belowMinimum: members < MINIMUM };
    }));
    expect(report.audiences.map((a) => ({ name: a.name, platform: a.platform, file: a.file, members: a.members, belowMinimum: a.belowMinimum })))
      .toEqual(expected);
    expect(expected.some((a) => a.belowMinimum) && expected.some((a) => !a.belowMinimum)).toBe(true);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, 'segments.xlsx'));
    const summary = workbook.getWorksheet('Summary')!;
    const rows: { name: string; platform: string; members: number; flag: string }[] = [];
    let inBlock = false;
    summary.eachRow((row) => {
      const first = row.getCell(1).value;
      if (first === 'Audiences') inBlock = true;
      else if (inBlock && typeof row.getCell(3).value === 'number') {
        rows.push({ name: String(first), platform: String(row.getCell(2).value), members: row.getCell(3).value as number, flag: String(row.getCell(6).value ?? '') });
      }
    });
    expect(rows).toEqual(expected.map((a) => ({
      name: a.name, platform: a.platform, members: a.members, flag: a.belowMinimum ? `below ${a.platform} minimum (${MINIMUM})` : '',
    })));
  });

  it('moves the audience folder out of staging, and a lead-only run into the same folder keeps the segment files', () => {
    expect(readdirSync(out).filter((f) => f.startsWith('.segment-sheets-tmp-'))).toEqual([]);
    const hot = path.join(out, 'audiences', 'meta', 'leads-hot.csv');
    const before = readFileSync(hot, 'utf8');
    writeFileSync(hot, 'stale\n');
    const cli = runCli(['run', '--config', 'data/config.json', '--job', 'leads'], dir);
    expect(cli.stderr).not.toMatch(/segment-sheets:/);
    expect(cli.status).toBe(0);
    expect(readFileSync(hot, 'utf8')).toBe(before);
    expect(existsSync(path.join(out, 'audiences', 'google', 'champions.csv'))).toBe(true);
    const leadRun = JSON.parse(readFileSync(path.join(out, 'run-leads.json'), 'utf8')) as { audiences: AudienceReport[] };
    expect(leadRun.audiences.map((a) => a.file)).toEqual(
      TIERS.flatMap((t) => PLATFORMS.map((p) => `audiences/${p}/leads-${t.toLowerCase()}.csv`)));
  });
});
