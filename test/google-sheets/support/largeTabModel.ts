import type { CellValue, SheetModel } from '../../../functions/publishing/SheetModel.ts';

/** One lead-priority tab of `rows` rows and 12 typed columns (about 140 bytes of JSON per row). */
export function largeTabModel(rows: number): SheetModel {
  const tiers = ['A', 'B', 'C', 'D'];
  return {
    title: 'Large',
    tabs: [
      {
        name: 'Lead Priority',
        role: 'lead-priority',
        notes: [`${rows} open leads.`],
        blocks: [
          {
            columns: [
              { key: 'lead_id', header: 'Lead', type: 'text' },
              { key: 'tier', header: 'Tier', type: 'text' },
              { key: 'score', header: 'Score', type: 'number' },
              { key: 'p', header: 'P(convert)', type: 'percent' },
              { key: 'grade', header: 'Grade', type: 'text' },
              { key: 'engagement', header: 'Engagement', type: 'integer' },
              { key: 'owner', header: 'Owner', type: 'text' },
              { key: 'last', header: 'Last activity', type: 'date' },
              { key: 'industry', header: 'Industry', type: 'text' },
              { key: 'employees', header: 'Employees', type: 'integer' },
              { key: 'budget', header: 'Budget', type: 'currency' },
              { key: 'next', header: 'Next action', type: 'text' },
            ],
            colourBy: 'tier',
            rows: Array.from({ length: rows }, (_, index): CellValue[] => [
              `L-${index}`,
              tiers[index % 4] ?? 'D',
              Math.round((100 - index / rows) * 100) / 100,
              0.5,
              'B',
              index % 50,
              `owner${index % 9}`,
              '2024-06-01',
              'Retail',
              120,
              5000,
              'Call',
            ]),
          },
        ],
      },
    ],
  };
}
