import type { sheets_v4 } from '@googleapis/sheets';
import { columnLetters } from './a1Notation.ts';
import { encodeCell, type RawCell } from './cellEncoding.ts';
import { CATEGORY_FILLS } from './palette.ts';
import type { PlacedBlock, TabLayout } from './tabLayout.ts';
import type { TabPlan } from './tabPlan.ts';

/** Beyond this many distinct values colours stop helping; the block is left uncoloured. */
const MAX_COLOURED_VALUES = 24;

/**
 * Conditional colours for `TableBlock.colourBy`: one rule per distinct value, filling its rows.
 * Rules have no ids in the API, so last run's rules are found by the formulas recorded in the tab's
 * metadata and deleted before the new ones go in: they are replaced, never stacked. Users' own
 * rules are left alone.
 */
export function colourRuleRequests(plan: TabPlan, layout: TabLayout, sheetId: number): { requests: sheets_v4.Schema$Request[]; formulas: string[] } {
  const requests: sheets_v4.Schema$Request[] = [];
  const previous = new Set(plan.record?.colourFormulas ?? []);
  const ours = (plan.live?.conditionalRules ?? [])
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.formula !== undefined && previous.has(rule.formula) && rule.sheetIds.every((id) => id === sheetId));
  for (const { index } of ours.reverse()) requests.push({ deleteConditionalFormatRule: { sheetId, index } });
  const formulas: string[] = [];
  for (const placed of layout.blocks) {
    for (const rule of blockRules(placed, sheetId)) {
      requests.push({ addConditionalFormatRule: { rule: rule.rule, index: formulas.length } });
      formulas.push(rule.formula);
    }
  }
  return { requests, formulas };
}

function blockRules(placed: PlacedBlock, sheetId: number): { rule: sheets_v4.Schema$ConditionalFormatRule; formula: string }[] {
  const key = placed.block.colourBy;
  const column = key === undefined ? -1 : placed.columns.findIndex((candidate) => candidate.key === key);
  const type = placed.columns[column]?.type;
  if (type === undefined || placed.rowCount === 0) return [];
  const values = distinctValues(placed.block.rows.map((row) => encodeCell(row[column] ?? null, type)));
  if (values.length > MAX_COLOURED_VALUES) return [];
  const cell = `$${columnLetters(column)}${placed.firstDataRow + 1}`;
  const range = {
    sheetId,
    startRowIndex: placed.firstDataRow,
    endRowIndex: placed.firstDataRow + placed.rowCount,
    startColumnIndex: 0,
    endColumnIndex: placed.columns.length,
  };
  return values.map((value, index) => {
    const formula = `=${cell}=${formulaLiteral(value)}`;
    return {
      formula,
      rule: {
        ranges: [range],
        booleanRule: {
          condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: formula }] },
          format: { backgroundColor: CATEGORY_FILLS[index % CATEGORY_FILLS.length] ?? {} },
        },
      },
    };
  });
}

function distinctValues(values: readonly RawCell[]): RawCell[] {
  return [...new Set(values.filter((value) => value !== ''))].sort((a, b) => String(a).localeCompare(String(b)));
}

function formulaLiteral(value: RawCell): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return `"${value.replaceAll('"', '""')}"`;
}
