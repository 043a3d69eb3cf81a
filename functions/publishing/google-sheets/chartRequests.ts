import type { sheets_v4 } from '@googleapis/sheets';
import type { ChartSpec } from '../SheetModel.ts';
import { charactersToPixels, widthInCharacters } from './columnStyle.ts';
import type { IdAllocator } from './IdAllocator.ts';
import type { PlacedBlock, TabLayout } from './tabLayout.ts';
import type { TabPlan } from './tabPlan.ts';

const CHART_WIDTH_PX = 600;
const CHART_HEIGHT_PX = 360;
const CHART_GAP_PX = 24;

/**
 * The tab's charts: created on first publish (with ids chosen now, so the metadata can record
 * them in the same batch), afterwards only their spec (data ranges) is updated, so users' moves
 * and resizes stay. Charts the model no longer has are removed; users' own charts are untouched.
 */
export function chartRequests(
  plan: TabPlan,
  layout: TabLayout,
  sheetId: number,
  ids: IdAllocator,
): { requests: sheets_v4.Schema$Request[]; charts: { title: string; chartId: number }[] } {
  const recorded = (plan.record?.charts ?? []).filter((chart) => plan.existingChartIds.has(chart.chartId));
  const requests: sheets_v4.Schema$Request[] = [];
  const charts = (layout.tab.charts ?? []).flatMap((chart, index) => {
    const placed = layout.blocks[chart.block];
    if (!placed) return [];
    const spec = chartSpec(chart, placed, sheetId);
    const previous = recorded.find((candidate) => candidate.title === chart.title);
    if (previous) {
      requests.push({ updateChartSpec: { chartId: previous.chartId, spec } });
      return [previous];
    }
    const chartId = ids.next();
    requests.push({ addChart: { chart: { chartId, spec, position: chartPosition(layout, placed, sheetId, index) } } });
    return [{ title: chart.title, chartId }];
  });
  const kept = new Set(charts.map((chart) => chart.chartId));
  for (const stale of recorded.filter((chart) => !kept.has(chart.chartId))) {
    requests.push({ deleteEmbeddedObject: { objectId: stale.chartId } });
  }
  return { requests, charts };
}

function chartSpec(chart: ChartSpec, placed: PlacedBlock, sheetId: number): sheets_v4.Schema$ChartSpec {
  const header = (key: string): string => placed.columns.find((column) => column.key === key)?.header ?? key;
  const source = (key: string): sheets_v4.Schema$ChartData => {
    const column = placed.columns.findIndex((candidate) => candidate.key === key);
    return {
      sourceRange: {
        sources: [
          {
            sheetId,
            startRowIndex: placed.headerRow,
            endRowIndex: placed.firstDataRow + placed.rowCount,
            startColumnIndex: column,
            endColumnIndex: column + 1,
          },
        ],
      },
    };
  };
  const bar = chart.kind === 'bar';
  // Two measures of different scale (customers and revenue) read better on two axes.
  const twoAxes = !bar && chart.seriesKeys.length === 2;
  return {
    title: chart.title,
    basicChart: {
      chartType: chart.kind.toUpperCase(),
      legendPosition: 'BOTTOM_LEGEND',
      headerCount: 1,
      axis: [
        { position: bar ? 'LEFT_AXIS' : 'BOTTOM_AXIS', title: header(chart.categoryKey) },
        { position: bar ? 'BOTTOM_AXIS' : 'LEFT_AXIS', title: header(chart.seriesKeys[0] ?? '') },
        ...(twoAxes ? [{ position: 'RIGHT_AXIS', title: header(chart.seriesKeys[1] ?? '') }] : []),
      ],
      domains: [{ domain: source(chart.categoryKey) }],
      series: chart.seriesKeys.map((key, index) => ({
        series: source(key),
        targetAxis: bar ? 'BOTTOM_AXIS' : twoAxes && index === 1 ? 'RIGHT_AXIS' : 'LEFT_AXIS',
      })),
    },
  };
}

/** Beside the table (right of its last column), charts of one tab stacked downwards. */
function chartPosition(layout: TabLayout, placed: PlacedBlock, sheetId: number, index: number): sheets_v4.Schema$EmbeddedObjectPosition {
  const lastColumn = layout.width - 1;
  const lastWidth = Math.max(...layout.blocks.map((block) => (block.columns[lastColumn] ? widthInCharacters(block.columns[lastColumn]) : 0)), 1);
  return {
    overlayPosition: {
      anchorCell: { sheetId, rowIndex: placed.headerRow, columnIndex: lastColumn },
      offsetXPixels: charactersToPixels(lastWidth) + CHART_GAP_PX,
      offsetYPixels: index * (CHART_HEIGHT_PX + CHART_GAP_PX),
      widthPixels: CHART_WIDTH_PX,
      heightPixels: CHART_HEIGHT_PX,
    },
  };
}
