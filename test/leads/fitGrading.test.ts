import { describe, expect, it } from 'vitest';
import { COMPETITOR_LABEL, compileFitGrader } from '../../functions/leads/fitGrading.ts';
import { leadScoringConfigSchema } from '../../functions/leads/leadScoringConfig.ts';
import { makeLead } from './leadFixtures.ts';

const defaults = leadScoringConfigSchema.parse({}).fit;
const grader = compileFitGrader(defaults);

describe('fit rules (default config)', () => {
  it('adds the points of every matching rule', () => {
    // 50-1,000 employees +15, VP title +12, target industry +10, revenue 10M+ +10, budget 10k+ +10.
    const fit = grader.grade(
      makeLead({ companySize: 200, title: 'VP Sales', industry: 'Software', annualRevenue: 20_000_000, budget: 15_000 }),
    );
    expect(fit.points).toBe(57);
    expect(fit.grade).toBe('A');
    expect(fit.contributions.map((c) => c.points).sort((a, b) => a - b)).toEqual([10, 10, 10, 12, 15]);
  });

  it('counts only the first matching rule of a group', () => {
    // "Vice President" also contains "president" (C-level rule, +15): the VP rule comes first in the group.
    const fit = grader.grade(makeLead({ title: 'Vice President of Sales' }));
    expect(fit.points).toBe(12);
    expect(fit.contributions.map((c) => c.rule.label)).toEqual(['VP / director / head title']);
  });

  it('applies negative rules', () => {
    expect(grader.grade(makeLead({ companySize: 5 })).points).toBe(-10);
    expect(grader.grade(makeLead({ company: null })).points).toBe(-5);
    expect(grader.grade(makeLead({ company: '   ' })).points).toBe(-5); // blank text counts as missing
  });

  it('grades by thresholds A 35, B 20, C 8, else D', () => {
    expect(grader.grade(makeLead({ companySize: 200, title: 'CEO', budget: 50_000 })).grade).toBe('A'); // 40
    expect(grader.grade(makeLead({ companySize: 200, title: 'Marketing Manager' })).grade).toBe('B'); // 21
    expect(grader.grade(makeLead({ industry: 'software' })).grade).toBe('C'); // 10, case-insensitive
    expect(grader.grade(makeLead({ companySize: 20 })).grade).toBe('D'); // 5
  });

  it('grades each lead by its own rules when many leads are graded in turn (results are shared per rule set)', () => {
    const big = makeLead({ companySize: 200 }); // 50-1,000 employees: +15
    const ceo = makeLead({ title: 'CEO' }); // C-level: +15, another rule with the same points
    const both = makeLead({ companySize: 200, title: 'CEO' });
    const student = makeLead({ companySize: 200, title: 'Student' }); // same rules as big, but disqualified
    const labels = (lead: ReturnType<typeof makeLead>): string[] => grader.grade(lead).contributions.map((c) => c.rule.label);
    for (let round = 0; round < 2; round++) {
      expect(labels(big)).toEqual(['Company size 50-1,000']);
      expect(labels(ceo)).toEqual(['C-level / founder title']);
      expect(grader.grade(both).points).toBe(30);
      expect(grader.grade(student)).toMatchObject({ grade: 'F', points: 15, disqualifiedBy: 'student or intern title' });
      expect(grader.grade(big)).toMatchObject({ grade: 'C', points: 15, disqualifiedBy: null, disqualifierIndex: -1 });
    }
    expect(grader.grade(makeLead({ companySize: 300 }))).toBe(grader.grade(big));
  });

  it('matches title words whole: "International" is not an intern', () => {
    const fit = grader.grade(makeLead({ title: 'International Sales Director' }));
    expect(fit.grade).not.toBe('F');
    expect(fit.points).toBe(12);
  });
});

describe('disqualifiers', () => {
  it('gives F to students and interns whatever their points', () => {
    for (const title of ['Student', 'MBA student', 'Marketing Intern', 'Summer internship']) {
      const fit = grader.grade(makeLead({ title, companySize: 200, industry: 'Software' }));
      expect(fit.grade, title).toBe('F');
      expect(fit.disqualifiedBy).toBe('student or intern title');
    }
  });

  it('gives F to free-mail addresses in B2B only', () => {
    const lead = makeLead({ email: 'pat@gmail.com', emailDomain: 'gmail.com', freeMail: true });
    expect(grader.grade(lead).disqualifiedBy).toBe('personal (free-mail) email');
    const b2c = compileFitGrader(leadScoringConfigSchema.parse({ fit: { b2b: false } }).fit);
    expect(b2c.grade(lead).grade).not.toBe('F');
  });

  it('gives F to malformed email, but not to a lead without email', () => {
    expect(grader.grade(makeLead({ email: 'pat@@acme', emailValid: false })).disqualifiedBy).toBe('malformed email');
    expect(grader.grade(makeLead({ email: null, emailValid: false })).grade).not.toBe('F');
  });

  it('gives F to competitors by email or company domain, subdomains included', () => {
    const withCompetitors = compileFitGrader(leadScoringConfigSchema.parse({ fit: { competitorDomains: ['rival.com'] } }).fit);
    expect(withCompetitors.grade(makeLead({ emailDomain: 'rival.com' })).disqualifiedBy).toBe(COMPETITOR_LABEL);
    expect(withCompetitors.grade(makeLead({ domain: 'eu.rival.com' })).disqualifiedBy).toBe(COMPETITOR_LABEL);
    expect(withCompetitors.grade(makeLead({ emailDomain: 'notrival.com' })).grade).not.toBe('F');
  });

  it('keeps the points of a disqualified lead for the record', () => {
    const fit = grader.grade(makeLead({ title: 'Student', companySize: 200 }));
    expect(fit.points).toBe(15);
  });
});

describe('custom rules', () => {
  it('supports attributes, equals, present and condition lists', () => {
    const config = leadScoringConfigSchema.parse({
      fit: {
        disqualifiers: [],
        rules: [
          { label: 'Uses Salesforce', when: { field: 'crm', equals: 'salesforce' }, points: 7 },
          {
            label: 'EU mid-market',
            when: [
              { field: 'region', in: ['EMEA'] },
              { field: 'company_size', range: { min: 100 } },
            ],
            points: 5,
          },
          { label: 'Has phone', when: { field: 'phone', present: true }, points: 1 },
        ],
      },
    }).fit;
    const custom = compileFitGrader(config);
    expect(custom.grade(makeLead({ attributes: { crm: 'Salesforce', phone: '+4912345' } })).points).toBe(8);
    expect(custom.grade(makeLead({ region: 'emea', companySize: 100 })).points).toBe(5);
    expect(custom.grade(makeLead({ region: 'EMEA', companySize: 99 })).points).toBe(0);
  });
});
