/**
 * The "Lead Priority" tab sales work from: every open lead, best first, with grade, engagement,
 * tier, predicted conversion, reasons, last activity and next action; and optionally the same list
 * split into one tab per owner.
 */
import type { CellValue, SheetColumn, SheetTab } from '../publishing/SheetModel.ts';
import type { LeadSheetConfig } from './leadScoringConfig.ts';
import type { LeadScoringResult } from './LeadScoringResult.ts';
import type { ScoredLead } from './ScoredLead.ts';
import { modelStateWords } from './modelStateWords.ts';

/** Owner shown for leads without one. */
export const UNASSIGNED_OWNER = 'Unassigned';

function priorityColumns(result: LeadScoringResult): SheetColumn[] {
  const halfLife = result.summary.engagement.halfLifeDays;
  return [
    { key: 'lead_id', header: 'Lead', type: 'text' },
    { key: 'email', header: 'Email', type: 'text', width: 28 },
    { key: 'company', header: 'Company', type: 'text', width: 22 },
    { key: 'owner', header: 'Owner', type: 'text' },
    { key: 'grade', header: 'Grade', type: 'text', width: 7, note: 'Fit: who the lead is, from attributes. A best … D; F = disqualified.' },
    {
      key: 'engagement_score',
      header: 'Engagement',
      type: 'number',
      width: 11,
      note: `What the lead did lately: points per activity, capped per type, halved every ${halfLife} days.`,
    },
    { key: 'priority', header: 'Cell', type: 'text', width: 6, note: 'Grade × engagement band (1 most engaged … 4): A1 best … D4.' },
    { key: 'tier', header: 'Tier', type: 'text', width: 12, note: 'From the grade × engagement matrix: Hot, Warm, Nurture, Low, Disqualified.' },
    { key: 'p_convert', header: 'P(convert)', type: 'percent', width: 11, note: modelStateWords(result.model) },
    { key: 'reasons', header: 'Reasons', type: 'text', width: 60, note: 'Up to three: the biggest rule points and model factors. (+) raises, (−) lowers.' },
    { key: 'last_activity_at', header: 'Last activity', type: 'date' },
    { key: 'next_action', header: 'Next action', type: 'text', width: 30 },
  ];
}

function priorityRow(lead: ScoredLead): CellValue[] {
  const r = lead.record;
  return [
    r.leadId,
    r.email,
    r.company,
    r.owner ?? UNASSIGNED_OWNER,
    lead.fit.grade,
    Math.round(lead.engagement * 10) / 10,
    lead.priority,
    lead.tier,
    lead.pConvert,
    lead.reasons.join('; '),
    r.lastActivityAt === null ? null : r.lastActivityAt.slice(0, 10),
    lead.nextAction,
  ];
}

/**
 * The Lead Priority tab (role `lead-priority`): open leads in priority order, capped at
 * `config.rowCap` rows (the full list is in leads.csv).
 *
 * @example
 * ```ts
 * const tab = leadPriorityTab(result, config.sheet);
 * tab.blocks[0].rows[0]; // ['L-17', 'ana@acme.io', 'Acme', 'kim', 'A', 42.5, 'A1', 'Hot', 0.41, '…', '2025-06-29', 'Call within 1 business day']
 * ```
 */
export function leadPriorityTab(result: LeadScoringResult, config: LeadSheetConfig): SheetTab {
  const open = openLeads(result);
  return listTab(config.priorityTabName, open, result, config, [
    `${open.length.toLocaleString('en-US')} open leads, best first: by tier, then chance to convert, then engagement.`,
  ]);
}

/**
 * One tab per owner (owners with most open leads first, at most `config.maxOwnerTabs`), each with
 * that owner's open leads in the same order as the priority tab. Empty unless `config.ownerTabs`.
 *
 * @example
 * ```ts
 * ownerPriorityTabs(result, { ...config.sheet, ownerTabs: true }).map((t) => t.name); // ['Leads - kim', 'Leads - Unassigned']
 * ```
 */
export function ownerPriorityTabs(result: LeadScoringResult, config: LeadSheetConfig): SheetTab[] {
  if (!config.ownerTabs) return [];
  const byOwner = new Map<string, ScoredLead[]>();
  for (const lead of openLeads(result)) {
    const owner = lead.record.owner ?? UNASSIGNED_OWNER;
    const list = byOwner.get(owner);
    if (list) list.push(lead);
    else byOwner.set(owner, [lead]);
  }
  const owners = [...byOwner.entries()]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .slice(0, config.maxOwnerTabs);
  const usedNames = new Set([config.priorityTabName, config.segmentsTabName]);
  return owners.map(([owner, leads]) => {
    const name = uniqueTabName(`Leads - ${owner}`, usedNames);
    return listTab(name, leads, result, config, [
      `${leads.length.toLocaleString('en-US')} open leads owned by ${owner}, best first (same order as ${config.priorityTabName}).`,
    ]);
  });
}

function openLeads(result: LeadScoringResult): ScoredLead[] {
  // result.leads is already in priority order with the open leads first.
  return result.leads.filter((lead) => lead.record.status === 'open');
}

function listTab(name: string, leads: readonly ScoredLead[], result: LeadScoringResult, config: LeadSheetConfig, intro: string[]): SheetTab {
  const shown = leads.length > config.rowCap ? leads.slice(0, config.rowCap) : leads;
  const tab: SheetTab = {
    name,
    role: 'lead-priority',
    notes: [
      ...intro,
      'Grade = fit (who the lead is); engagement = recent activity (what they do). Tier comes from the grade × engagement matrix.',
      modelStateWords(result.model),
    ],
    blocks: [{ columns: priorityColumns(result), rows: shown.map(priorityRow), colourBy: 'tier' }],
  };
  if (shown.length === leads.length) return tab;
  return { ...tab, cap: { totalRows: leads.length, shownRows: shown.length, fullListIn: 'leads.csv' } };
}

/** A tab name without the characters sheets forbid, at most 100 characters, not yet used. */
function uniqueTabName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[[\]*?/\\:]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 95);
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base} (${n})`;
  used.add(name);
  return name;
}
