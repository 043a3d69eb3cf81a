import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { audienceColumns, audienceRow } from '../../functions/audiences/audienceRow.ts';
import type { IdentifierField } from '../../functions/audiences/Contact.ts';
import { normaliseCountry } from '../../functions/audiences/normaliseCountry.ts';
import { normaliseEmail } from '../../functions/audiences/normaliseEmail.ts';
import { normaliseName } from '../../functions/audiences/normaliseName.ts';
import { toE164Digits } from '../../functions/audiences/normalisePhone.ts';
import { normaliseZip } from '../../functions/audiences/normaliseZip.ts';
import { sha256Hex } from '../../functions/audiences/sha256Hex.ts';

/** The hashing step only, done independently of the code under test. */
const hash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('SHA-256 hex', () => {
  it.each([
    // FIPS 180-2 appendix B.1 and the empty-string digest.
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    // The widely published digest of the example address.
    ['test@example.com', '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b'],
  ])('sha256(%j) is the published digest', (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });
});

// Expected values are worked out by hand from research rfm_leads.md §4.
describe('e-mail normalisation per platform', () => {
  it.each([
    // raw, Google, Meta
    [' John.Doe+promo@GMail.com ', 'johndoe+promo@gmail.com', 'john.doe+promo@gmail.com'],
    ['Jane.Roe@googlemail.com', 'janeroe@googlemail.com', 'jane.roe@googlemail.com'],
    ['First.Last@Example.co.uk', 'first.last@example.co.uk', 'first.last@example.co.uk'],
    ['TEST@EXAMPLE.COM', 'test@example.com', 'test@example.com'],
    ['\tana.silva@gmail.com.br\n', 'ana.silva@gmail.com.br', 'ana.silva@gmail.com.br'],
    ['john doe@example.com', 'johndoe@example.com', null],
    ['not an address', null, null],
    ['two@@example.com', null, null],
    ['...@gmail.com', null, '...@gmail.com'],
    ['', null, null],
  ])('%j -> google %j, meta %j', (raw, google, meta) => {
    expect(normaliseEmail(raw, 'google')).toBe(google);
    expect(normaliseEmail(raw, 'meta')).toBe(meta);
  });
});

describe('phone to E.164 digits', () => {
  it.each([
    // raw, default calling code, E.164 digits
    ['+1 (650) 253-1234', undefined, '16502531234'],
    ['+44 (0)20 7946 0958', undefined, '442079460958'],
    ['0044 20 7946 0958', undefined, '442079460958'],
    ['+49 30 1234567 ext. 12', undefined, '49301234567'],
    ['020 7946 0958', '44', '442079460958'],
    ['030 1234567', '49', '49301234567'],
    ['(650) 253-1234', '1', '16502531234'],
    ['1-650-253-1234', '1', '16502531234'],
    ['06 12 34 56 78', '39', '39061234567' + '8'],
    ['020 7946 0958', undefined, null],
    ['1-800-FLOWERS', '1', null],
    ['12', '1', null],
    ['+1234567890123456', undefined, null],
    ['', '1', null],
  ])('%j with default %j -> %j', (raw, code, digits) => {
    expect(toE164Digits(raw, code)).toBe(digits);
  });
});

describe('names, country and zip per platform', () => {
  it.each([
    ['  John ', 'john', 'john'],
    ['  Mary   Ann ', 'mary ann', 'maryann'],
    ["O'Brien-Smith", "o'brien-smith", 'obriensmith'],
    ['Émilie', 'émilie', 'émilie'],
    ['J.', 'j.', 'j'],
    ['  ', null, null],
  ])('name %j -> google %j, meta %j', (raw, google, meta) => {
    expect(normaliseName(raw, 'google')).toBe(google);
    expect(normaliseName(raw, 'meta')).toBe(meta);
  });

  it.each([
    [' us ', 'US'],
    ['UK', 'GB'],
    ['Germany', null],
    ['D', null],
  ])('country %j -> %j', (raw, code) => {
    expect(normaliseCountry(raw)).toBe(code);
  });

  it.each([
    // raw, country, Google (plain), Meta
    ['94043-1351', 'US', '94043-1351', '94043'],
    ['940431351', 'US', '940431351', '94043'],
    [' SW1A  1AA ', 'GB', 'SW1A 1AA', 'sw1a1aa'],
    ['10115', 'DE', '10115', '10115'],
    ['ABC', 'US', 'ABC', null],
  ])('zip %j (%s) -> google %j, meta %j', (raw, country, google, meta) => {
    expect(normaliseZip(raw, 'google', country)).toBe(google);
    expect(normaliseZip(raw, 'meta', country)).toBe(meta);
  });
});

describe('audience rows', () => {
  const everything = new Set<IdentifierField>(['email', 'phone', 'first_name', 'last_name', 'zip', 'country']);
  const person = {
    email: ' John.Doe+promo@GMail.com ',
    phone: '020 7946 0958',
    first_name: ' John ',
    last_name: "O'Brien",
    zip: ' SW1A  1AA ',
    country: 'uk',
  };

  it('uses each platform\'s template headers', () => {
    expect(audienceColumns('google', everything).map((c) => c.header)).toEqual(['Email', 'Phone', 'First Name', 'Last Name', 'Country', 'Zip']);
    expect(audienceColumns('meta', everything).map((c) => c.header)).toEqual(['email', 'phone', 'fn', 'ln', 'zip', 'country']);
    // Google matches an address only on all four fields: without names there are no address columns.
    expect(audienceColumns('google', new Set(['email', 'country', 'zip'])).map((c) => c.header)).toEqual(['Email']);
    expect(audienceColumns('meta', new Set(['email', 'country', 'zip'])).map((c) => c.header)).toEqual(['email', 'zip', 'country']);
  });

  it('Google: hashes e-mail, +E.164 phone and names; country and zip plain', () => {
    const row = audienceRow(person, 'google', audienceColumns('google', everything), '44');
    expect(row.values).toEqual([
      hash('johndoe+promo@gmail.com'),
      hash('+442079460958'),
      hash('john'),
      hash("o'brien"),
      'GB',
      'SW1A 1AA',
    ]);
  });

  it('Meta: hashes everything, phone as digits only, country lowercase', () => {
    const row = audienceRow(person, 'meta', audienceColumns('meta', everything), '44');
    expect(row.values).toEqual([
      hash('john.doe+promo@gmail.com'),
      hash('442079460958'),
      hash('john'),
      hash('obrien'),
      hash('sw1a1aa'),
      hash('gb'),
    ]);
  });

  it('drops a phone it cannot normalise, keeps the row on the e-mail, and counts it', () => {
    const columns = audienceColumns('meta', new Set(['email', 'phone']));
    const row = audienceRow({ email: 'test@example.com', phone: '020 7946 0958' }, 'meta', columns);
    expect(row).toEqual({ values: ['973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b', ''], invalidEmail: false, invalidPhone: true });
  });

  it('skips a person with neither a usable e-mail nor phone', () => {
    const columns = audienceColumns('google', everything);
    expect(audienceRow({ email: 'nobody', first_name: 'Ann', last_name: 'Lee', country: 'US', zip: '10001' }, 'google', columns).values).toBeNull();
    expect(audienceRow({}, 'google', columns)).toEqual({ values: null, invalidEmail: false, invalidPhone: false });
  });

  it('leaves a partial address out of a Google row', () => {
    const row = audienceRow({ email: 'a@b.com', first_name: 'Ann', last_name: 'Lee', country: 'Germany', zip: '10115' }, 'google', audienceColumns('google', everything));
    expect(row.values).toEqual([hash('a@b.com'), '', '', '', '', '']);
  });

  it('passes through values that already are SHA-256 digests', () => {
    const digest = '973DFE463EC85785F5F95AF5BA3906EEDB2D931C24E69824A89EA65DBA4E813B';
    const row = audienceRow({ email: digest }, 'google', audienceColumns('google', new Set(['email'])));
    expect(row.values).toEqual([digest.toLowerCase()]);
  });
});
