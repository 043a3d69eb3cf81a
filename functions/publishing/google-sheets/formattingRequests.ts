import type { sheets_v4 } from '@googleapis/sheets';
import { charactersToPixels, numberFormatFor, widthInCharacters } from './columnStyle.ts';
import { CAP_BACKGROUND, HEADER_BACKGROUND, NOTE_TEXT } from './palette.ts';
import type { PlacedBlock, TabLayout } from './tabLayout.ts';

/** Fields the publish resets in the managed range before writing, so formatting never stacks up. */
export const MANAGED_CELL_FIELDS = 'userEnteredValue,userEnteredFormat,note';

/**
 * Formatting of a published tab: note lines, cap line, block titles, headers (with the columns'
 * explanations as notes), number formats per column type and column widths. Applied after the
 * managed range was reset, on every publish, so it is the same whether first or fiftieth.
 */
export function formattingRequests(sheetId: number, layout: TabLayout): sheets_v4.Schema$Request[] {
  const requests: sheets_v4.Schema$Request[] = [];
  if (layout.noteRowCount > 0) {
    requests.push(repeat(sheetId, 0, layout.noteRowCount, 0, 1, { textFormat: { italic: true, foregroundColor: NOTE_TEXT } }, 'userEnteredFormat.textFormat'));
  }
  if (layout.capRow !== undefined) {
    requests.push(
      repeat(sheetId, layout.capRow, layout.capRow + 1, 0, layout.width, { backgroundColor: CAP_BACKGROUND, textFormat: { bold: true } }, 'userEnteredFormat(backgroundColor,textFormat)'),
    );
  }
  for (const placed of layout.blocks) requests.push(...blockFormatting(sheetId, placed));
  requests.push(...columnWidths(sheetId, layout));
  return requests;
}

function blockFormatting(sheetId: number, placed: PlacedBlock): sheets_v4.Schema$Request[] {
  const requests: sheets_v4.Schema$Request[] = [];
  const width = placed.columns.length;
  if (placed.titleRow !== undefined) {
    requests.push(repeat(sheetId, placed.titleRow, placed.titleRow + 1, 0, 1, { textFormat: { bold: true, fontSize: 12 } }, 'userEnteredFormat.textFormat'));
  }
  requests.push(
    repeat(
      sheetId,
      placed.headerRow,
      placed.headerRow + 1,
      0,
      width,
      { textFormat: { bold: true }, backgroundColor: HEADER_BACKGROUND, wrapStrategy: 'WRAP', verticalAlignment: 'MIDDLE' },
      'userEnteredFormat(textFormat,backgroundColor,wrapStrategy,verticalAlignment)',
    ),
  );
  if (placed.rowCount > 0) {
    placed.columns.forEach((column, index) => {
      requests.push(
        repeat(sheetId, placed.firstDataRow, placed.firstDataRow + placed.rowCount, index, index + 1, { numberFormat: numberFormatFor(column.type) }, 'userEnteredFormat.numberFormat'),
      );
    });
  }
  if (placed.columns.some((column) => column.note !== undefined)) {
    requests.push({
      updateCells: {
        start: { sheetId, rowIndex: placed.headerRow, columnIndex: 0 },
        rows: [{ values: placed.columns.map((column) => (column.note === undefined ? {} : { note: column.note })) }],
        fields: 'note',
      },
    });
  }
  return requests;
}

/** One width per managed column: the widest any block asks for in that position. */
function columnWidths(sheetId: number, layout: TabLayout): sheets_v4.Schema$Request[] {
  const widths: number[] = [];
  for (const placed of layout.blocks) {
    placed.columns.forEach((column, index) => {
      widths[index] = Math.max(widths[index] ?? 0, widthInCharacters(column));
    });
  }
  return widths.map((characters, index) => ({
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex: index, endIndex: index + 1 },
      properties: { pixelSize: charactersToPixels(characters) },
      fields: 'pixelSize',
    },
  }));
}

function repeat(
  sheetId: number,
  startRowIndex: number,
  endRowIndex: number,
  startColumnIndex: number,
  endColumnIndex: number,
  userEnteredFormat: sheets_v4.Schema$CellFormat,
  fields: string,
): sheets_v4.Schema$Request {
  return {
    repeatCell: {
      range: { sheetId, startRowIndex, endRowIndex, startColumnIndex, endColumnIndex },
      cell: { userEnteredFormat },
      fields,
    },
  };
}
