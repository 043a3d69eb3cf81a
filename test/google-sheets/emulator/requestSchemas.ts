import { z } from 'zod';
import { jsonObjectSchema } from './json.ts';

/** Zod schemas for the request bodies the emulator accepts (the subset the sink uses, and a little more). */

const index = z.number().int().min(0);

export const gridRangeSchema = z.object({
  sheetId: z.number().int().default(0),
  startRowIndex: index.optional(),
  endRowIndex: index.optional(),
  startColumnIndex: index.optional(),
  endColumnIndex: index.optional(),
});
export type GridRangeInput = z.infer<typeof gridRangeSchema>;

export const dimensionRangeSchema = z.object({
  sheetId: z.number().int().default(0),
  dimension: z.enum(['ROWS', 'COLUMNS']),
  startIndex: index.optional(),
  endIndex: index.optional(),
});
export type DimensionRangeInput = z.infer<typeof dimensionRangeSchema>;

export const extendedValueSchema = z.object({
  numberValue: z.number().optional(),
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  formulaValue: z.string().optional(),
});

export const cellDataSchema = z.object({
  userEnteredValue: extendedValueSchema.optional(),
  userEnteredFormat: jsonObjectSchema.optional(),
  note: z.string().optional(),
});
export type CellDataInput = z.infer<typeof cellDataSchema>;

export const addSheetSchema = z.object({
  properties: z
    .object({
      sheetId: index.optional(),
      title: z.string().optional(),
      index: index.optional(),
      hidden: z.boolean().optional(),
      sheetType: z.literal('GRID').optional(),
      gridProperties: z
        .object({
          rowCount: z.number().int().min(1).optional(),
          columnCount: z.number().int().min(1).optional(),
          frozenRowCount: index.optional(),
          frozenColumnCount: index.optional(),
        })
        .optional(),
    })
    .default({}),
});

export const deleteSheetSchema = z.object({ sheetId: z.number().int() });

export const updateSheetPropertiesSchema = z.object({
  properties: jsonObjectSchema,
  fields: z.string().min(1),
});

export const sheetPropertiesJsonSchema = z.object({
  sheetId: z.number().int(),
  title: z.string().min(1),
  index: index,
  hidden: z.boolean().default(false),
  gridProperties: z.object({
    rowCount: z.number().int().min(1),
    columnCount: z.number().int().min(1),
    frozenRowCount: index.default(0),
    frozenColumnCount: index.default(0),
  }),
});

export const updateSpreadsheetPropertiesSchema = z.object({
  properties: z.object({ title: z.string().min(1).optional() }),
  fields: z.string().min(1),
});

export const updateCellsSchema = z.object({
  rows: z.array(z.object({ values: z.array(cellDataSchema).default([]) })).default([]),
  fields: z.string().min(1),
  start: z.object({ sheetId: z.number().int().default(0), rowIndex: index.default(0), columnIndex: index.default(0) }).optional(),
  range: gridRangeSchema.optional(),
});

export const repeatCellSchema = z.object({
  range: gridRangeSchema,
  cell: cellDataSchema,
  fields: z.string().min(1),
});

export const copyPasteSchema = z.object({
  source: gridRangeSchema,
  destination: gridRangeSchema,
  pasteType: z.enum(['PASTE_NORMAL', 'PASTE_VALUES', 'PASTE_FORMAT']).default('PASTE_NORMAL'),
  pasteOrientation: z.literal('NORMAL').default('NORMAL'),
});

export const insertDimensionSchema = z.object({
  range: dimensionRangeSchema,
  inheritFromBefore: z.boolean().default(false),
});

export const appendDimensionSchema = z.object({
  sheetId: z.number().int(),
  dimension: z.enum(['ROWS', 'COLUMNS']),
  length: z.number().int().min(1),
});

export const deleteDimensionSchema = z.object({ range: dimensionRangeSchema });

export const updateDimensionPropertiesSchema = z.object({
  range: dimensionRangeSchema,
  properties: z.object({ pixelSize: z.number().int().min(0).optional() }),
  fields: z.string().min(1),
});

export const conditionalFormatRuleSchema = z.object({
  ranges: z.array(gridRangeSchema).min(1),
  booleanRule: jsonObjectSchema.optional(),
  gradientRule: jsonObjectSchema.optional(),
});

export const addConditionalFormatRuleSchema = z.object({
  rule: conditionalFormatRuleSchema,
  index: index.default(0),
});

export const deleteConditionalFormatRuleSchema = z.object({ sheetId: z.number().int(), index: index });

export const addChartSchema = z.object({
  chart: z.object({
    chartId: z.number().int().min(1).optional(),
    spec: jsonObjectSchema,
    position: z.object({
      overlayPosition: z
        .object({
          anchorCell: z.object({ sheetId: z.number().int(), rowIndex: index.default(0), columnIndex: index.default(0) }),
          widthPixels: z.number().int().optional(),
          heightPixels: z.number().int().optional(),
        })
        .optional(),
      sheetId: z.number().int().optional(),
      newSheet: z.boolean().optional(),
    }),
  }),
});

export const updateChartSpecSchema = z.object({ chartId: z.number().int(), spec: jsonObjectSchema });

export const deleteEmbeddedObjectSchema = z.object({ objectId: z.number().int() });

export const metadataLocationSchema = z.object({
  spreadsheet: z.boolean().optional(),
  sheetId: z.number().int().optional(),
  dimensionRange: jsonObjectSchema.optional(),
});

export const developerMetadataInputSchema = z.object({
  metadataId: z.number().int().min(1).optional(),
  metadataKey: z.string().min(1),
  metadataValue: z.string().optional(),
  location: metadataLocationSchema,
  visibility: z.enum(['DOCUMENT', 'PROJECT']),
});

export const createDeveloperMetadataSchema = z.object({ developerMetadata: developerMetadataInputSchema });

export const metadataLookupSchema = z.object({
  metadataId: z.number().int().optional(),
  metadataKey: z.string().optional(),
  metadataValue: z.string().optional(),
  locationType: z.enum(['SPREADSHEET', 'SHEET']).optional(),
  visibility: z.enum(['DOCUMENT', 'PROJECT']).optional(),
  metadataLocation: metadataLocationSchema.optional(),
});

export const dataFilterSchema = z.object({ developerMetadataLookup: metadataLookupSchema });

export const updateDeveloperMetadataSchema = z.object({
  dataFilters: z.array(dataFilterSchema).min(1),
  developerMetadata: z.object({
    metadataKey: z.string().optional(),
    metadataValue: z.string().optional(),
    visibility: z.enum(['DOCUMENT', 'PROJECT']).optional(),
  }),
  fields: z.string().min(1),
});

export const deleteDeveloperMetadataSchema = z.object({ dataFilter: dataFilterSchema });

export const batchUpdateBodySchema = z.object({
  requests: z.array(jsonObjectSchema).min(1, 'Must specify at least one request.'),
  includeSpreadsheetInResponse: z.boolean().optional(),
  responseIncludeGridData: z.boolean().optional(),
});

export const valueRangeSchema = z.object({
  range: z.string(),
  majorDimension: z.literal('ROWS').default('ROWS'),
  values: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))).default([]),
});

export const valuesBatchUpdateBodySchema = z.object({
  valueInputOption: z.enum(['RAW', 'USER_ENTERED']),
  data: z.array(valueRangeSchema).default([]),
  includeValuesInResponse: z.boolean().optional(),
});

export const valuesBatchClearBodySchema = z.object({ ranges: z.array(z.string()).min(1) });
