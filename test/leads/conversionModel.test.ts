import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../functions/leads/auc.ts';
import { leadScoringConfigSchema } from '../../functions/leads/leadScoringConfig.ts';
import { hasKnownOutcome } from '../../functions/leads/knownOutcome.ts';
import { leadPriorityTab } from '../../functions/leads/leadPriorityTab.ts';
import type { LeadRecord } from '../../functions/leads/LeadRecord.ts';
import { scoreLeads } from '../../functions/leads/scoreLeads.ts';
import { topShareLift } from '../../functions/leads/topShareLift.ts';
import { makeLead, eventsAgo } from './leadFixtures.ts';
import { seededRandom, simulateLeads } from './simulateLeads.ts';

const AS_OF = '2025-06-30';
const config = leadScoringConfigSchema.parse({});

/** `known` old leads of which `conversions` converted, plus a few young open ones. */
function history(known: number, conversions: number): LeadRecord[] {
  const random = seededRandom(21);
  const leads: LeadRecord[] = [];
  for (let i = 0; i < known; i++) {
    const converted = i < conversions;
    leads.push(
      makeLead({
        leadId: `K${i}`,
        createdAt: '2025-01-15',
        industry: random() < 0.5 ? 'Software' : 'Retail',
        status: converted ? 'converted' : 'disqualified',
        converted,
        convertedAt: converted ? '2025-02-15' : null,
      }),
    );
  }
  for (let i = 0; i < 5; i++) leads.push(makeLead({ leadId: `O${i}`, createdAt: '2025-06-20', activity: { demo_request: eventsAgo(1, 2) } }));
  return leads;
}

describe('thin history: rules only, and the tab says so', () => {
  it('falls back below the minimum number of conversions', () => {
    const result = scoreLeads(history(400, 49), config, AS_OF);
    expect(result.model.status).toBe('rules-only');
    if (result.model.status !== 'rules-only') return;
    expect(result.model.reason).toBe('rules only: 49 conversions among leads older than 90 days, need 50');
    expect(result.model.conversions).toBe(49);
    expect(result.leads.every((l) => l.pConvert === null)).toBe(true);
    const tab = leadPriorityTab(result, config.sheet);
    expect(tab.notes.join(' ')).toContain('Rules only: 49 conversions among leads older than 90 days, need 50');
    // Open leads are still ranked, by the rules.
    expect(tab.blocks[0]?.rows.length).toBe(5);
  });

  it('falls back when too few leads failed to convert', () => {
    const result = scoreLeads(history(100, 80), config, AS_OF);
    expect(result.model.status === 'rules-only' && result.model.reason).toBe(
      'rules only: 20 leads older than 90 days did not convert, need 50 to learn from',
    );
  });

  it('does not count young conversions, whose unconverted peers are still undecided', () => {
    const young = Array.from({ length: 60 }, (_, i) =>
      makeLead({ leadId: `Y${i}`, createdAt: '2025-06-01', status: 'converted', converted: true, convertedAt: '2025-06-10' }),
    );
    const result = scoreLeads([...history(400, 10), ...young], config, AS_OF);
    expect(result.model.status).toBe('rules-only');
    expect(result.model.conversions).toBe(10);
  });

  it('falls back when switched off', () => {
    const off = leadScoringConfigSchema.parse({ model: { enabled: false } });
    const result = scoreLeads(history(400, 100), off, AS_OF);
    expect(result.model.status === 'rules-only' && result.model.reason).toBe('rules only: the conversion model is switched off in the config');
  });

  it('falls back when the model cannot rank newer leads better than chance', () => {
    // Outcomes drawn independently of everything the model sees.
    const random = seededRandom(22);
    const leads = Array.from({ length: 3000 }, (_, i) => {
      const converted = random() < 0.3;
      const day = String(1 + (i % 28)).padStart(2, '0');
      return makeLead({
        leadId: `R${i}`,
        createdAt: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${day}`,
        industry: ['Software', 'Retail', 'Healthcare'][i % 3] as string,
        companySize: 10 + Math.floor(random() * 900),
        status: converted ? 'converted' : 'disqualified',
        converted,
      });
    });
    const result = scoreLeads(leads, config, AS_OF);
    expect(result.model.status).toBe('rules-only');
    if (result.model.status !== 'rules-only') return;
    expect(result.model.reason).toMatch(/^rules only: the model ranked newer leads little better than chance \(validation AUC 0\.\d\d < 0\.6\)$/);
    expect(result.model.validation?.auc).toBeLessThan(0.6);
  });
});

describe('planted signal: the model finds what was planted', () => {
  const simulated = simulateLeads({ count: 20_000, asOf: AS_OF, seed: 7 });
  const result = scoreLeads(
    simulated.map((s) => s.record),
    config,
    AS_OF,
  );
  const truth = new Map(simulated.map((s) => [s.record.leadId, s]));

  it('validates on the later time slice with AUC ≥ 0.75 and top-decile lift > 2', () => {
    expect(result.model.status).toBe('trained');
    if (result.model.status !== 'trained') return;
    expect(result.model.auc).toBeGreaterThanOrEqual(0.75);
    expect(result.model.topDecileLift).toBeGreaterThan(2);
    expect(result.model.trainSize + result.model.validationSize).toBe(result.model.knownOutcomes);
    expect(result.model.validationSize).toBe(Math.round(result.model.knownOutcomes * 0.25));
  });

  it('ranks the open leads by their hidden future outcome: AUC ≥ 0.75, top decile > 2× random', () => {
    const predicted = result.leads.filter((l) => l.pConvert !== null);
    expect(predicted.length).toBeGreaterThan(1500);
    const p = predicted.map((l) => l.pConvert as number);
    const outcome = predicted.map((l) => (truth.get(l.record.leadId)?.willConvert ? 1 : 0));
    expect(rocAuc(p, outcome)).toBeGreaterThanOrEqual(0.75);
    expect(topShareLift(p, outcome, 0.1)).toBeGreaterThan(2);
    // And the predicted rate is calibrated to the truth on average (within 3 points).
    const meanP = p.reduce((a, b) => a + b, 0) / p.length;
    const meanTruth = predicted.reduce((a, l) => a + (truth.get(l.record.leadId)?.trueProbability ?? 0), 0) / p.length;
    expect(Math.abs(meanP - meanTruth)).toBeLessThan(0.03);
  });

  it('learns the planted directions of the strongest attribute effects', () => {
    const coefficients = result.model.status === 'trained' ? result.model.topCoefficients : [];
    const coefficient = (feature: string) => coefficients.find((c) => c.feature === feature)?.coefficient;
    expect(coefficient('source = list_import')).toBeLessThan(0); // planted -1
    expect(coefficient('source = referral')).toBeGreaterThan(0); // planted +0.8
  });

  it('holds out the newest known-outcome leads, oldest first, as the validation slice', () => {
    const records = simulateLeads({ count: 3000, asOf: AS_OF, seed: 2 }).map((s) => s.record);
    const result = scoreLeads(records, config, AS_OF);
    const slice = result.validationSlice;
    expect(result.model.status).toBe('trained');
    if (result.model.status !== 'trained' || slice === null) return;
    expect(slice.leadIds).toHaveLength(result.model.validationSize);
    expect(new Set(slice.leadIds).size).toBe(slice.leadIds.length);
    const byId = new Map(records.map((r) => [r.leadId, r]));
    const created = slice.leadIds.map((id) => byId.get(id)!.createdAt);
    expect(created).toEqual([...created].sort());
    const held = new Set(slice.leadIds);
    const known = records.filter((r) => hasKnownOutcome(r, AS_OF, config.model.windowDays));
    expect(slice.leadIds.every((id) => known.includes(byId.get(id)!))).toBe(true);
    const newestTraining = known.filter((r) => !held.has(r.leadId)).map((r) => r.createdAt).sort().at(-1)!;
    expect(newestTraining <= created[0]!).toBe(true);
  });

  it('predicts only for open leads still inside the window', () => {
    const cutoff = '2025-04-01'; // 90 days before as_of
    const wrong = result.leads.filter((l) => (l.pConvert !== null) !== (l.record.status === 'open' && l.record.createdAt > cutoff));
    expect(wrong).toEqual([]);
  });
});
