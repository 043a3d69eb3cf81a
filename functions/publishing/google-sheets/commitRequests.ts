import type { sheets_v4 } from '@googleapis/sheets';
import { chartRequests } from './chartRequests.ts';
import { colourRuleRequests } from './colourRules.ts';
import { formattingRequests, MANAGED_CELL_FIELDS } from './formattingRequests.ts';
import type { IdAllocator } from './IdAllocator.ts';
import { liveGeometry } from './liveGeometry.ts';
import { encodeManagedTabRecord, METADATA_KEYS, type ManagedTabRecord } from './managedTabRecord.ts';
import type { TabLayout } from './tabLayout.ts';
import type { TabPlan } from './tabPlan.ts';

/**
 * The switch-over of one tab, sent inside a single (atomic) batchUpdate: size the live tab, reset
 * its managed range, paste the staged values in, format, colour, chart, record the metadata and
 * drop the staging tab. The live tab keeps its sheet id, so links, users' formulas and charts
 * pointing at it keep working; cells right of the managed columns are never written.
 */
export function commitRequests(plan: TabPlan, layout: TabLayout, ids: IdAllocator, runId: string): sheets_v4.Schema$Request[] {
  const sheetId = plan.liveSheetId;
  const geometry = liveGeometry(plan, layout);
  const colours = colourRuleRequests(plan, layout, sheetId);
  const charts = chartRequests(plan, layout, sheetId, ids);
  const record: ManagedTabRecord = {
    v: 1,
    tab: plan.tab.name,
    runId,
    width: layout.width,
    height: layout.height,
    blocks: layout.blocks.map((placed) => ({
      firstDataRow: placed.firstDataRow,
      rowCount: placed.rowCount,
      keys: placed.columns.map((column) => column.key),
    })),
    charts: charts.charts,
    colourFormulas: colours.formulas,
  };
  return [
    ...resizeRequests(plan, layout, geometry),
    {
      updateCells: {
        range: { sheetId, startRowIndex: 0, endRowIndex: geometry.rowCountAfter, startColumnIndex: 0, endColumnIndex: layout.width },
        fields: MANAGED_CELL_FIELDS,
      },
    },
    {
      copyPaste: {
        source: { sheetId: plan.stagingSheetId, startRowIndex: 0, endRowIndex: layout.height, startColumnIndex: 0, endColumnIndex: layout.width },
        destination: { sheetId, startRowIndex: 0, endRowIndex: layout.height, startColumnIndex: 0, endColumnIndex: layout.width },
        pasteType: 'PASTE_VALUES',
      },
    },
    ...formattingRequests(sheetId, layout),
    ...colours.requests,
    ...charts.requests,
    metadataRequest(plan, record),
    { deleteSheet: { sheetId: plan.stagingSheetId } },
  ];
}

function resizeRequests(plan: TabPlan, layout: TabLayout, geometry: ReturnType<typeof liveGeometry>): sheets_v4.Schema$Request[] {
  const sheetId = plan.liveSheetId;
  if (!plan.live) {
    return [
      {
        addSheet: {
          properties: {
            sheetId,
            title: plan.tab.name,
            gridProperties: { rowCount: geometry.rowCountAfter, columnCount: geometry.columnCountAfter, frozenRowCount: layout.frozenRowCount },
          },
        },
      },
    ];
  }
  const requests: sheets_v4.Schema$Request[] = [];
  const { previousWidth } = geometry;
  // Insert or delete at the managed edge: user columns to the right move with it, intact.
  if (layout.width > previousWidth && !geometry.hasUserColumns) {
    requests.push({ appendDimension: { sheetId, dimension: 'COLUMNS', length: layout.width - previousWidth } });
  } else if (layout.width > previousWidth) {
    requests.push({
      insertDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: previousWidth, endIndex: layout.width }, inheritFromBefore: false },
    });
  } else if (layout.width < previousWidth) {
    requests.push({ deleteDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: layout.width, endIndex: previousWidth } } });
  }
  requests.push({
    updateSheetProperties: {
      properties: { sheetId, gridProperties: { rowCount: geometry.rowCountAfter, frozenRowCount: layout.frozenRowCount } },
      fields: 'gridProperties.rowCount,gridProperties.frozenRowCount',
    },
  });
  return requests;
}

function metadataRequest(plan: TabPlan, record: ManagedTabRecord): sheets_v4.Schema$Request {
  const metadataValue = encodeManagedTabRecord(record);
  if (plan.live?.managed) {
    return {
      updateDeveloperMetadata: {
        dataFilters: [{ developerMetadataLookup: { metadataId: plan.metadataId } }],
        developerMetadata: { metadataValue },
        fields: 'metadataValue',
      },
    };
  }
  return {
    createDeveloperMetadata: {
      developerMetadata: {
        metadataId: plan.metadataId,
        metadataKey: METADATA_KEYS.managedTab,
        metadataValue,
        location: { sheetId: plan.liveSheetId },
        visibility: 'DOCUMENT',
      },
    },
  };
}
