import { ZodError } from 'zod';
import { ApiError } from './ApiError.ts';
import { copyPaste, repeatCell, updateCells } from './cellRequests.ts';
import {
  addChart,
  addConditionalFormatRule,
  deleteConditionalFormatRule,
  deleteEmbeddedObject,
  updateChartSpec,
} from './decorationRequests.ts';
import { isJsonObject, type Json } from './json.ts';
import { createDeveloperMetadata, deleteDeveloperMetadata, updateDeveloperMetadata } from './metadataRequests.ts';
import type { HandlerContext, RequestHandler } from './RequestHandler.ts';
import { batchUpdateBodySchema } from './requestSchemas.ts';
import {
  addSheet,
  appendDimension,
  deleteDimension,
  deleteSheet,
  insertDimension,
  updateDimensionProperties,
  updateSheetProperties,
  updateSpreadsheetProperties,
} from './sheetRequests.ts';
import { cloneSpreadsheet, totalCells, type SpreadsheetState } from './SpreadsheetState.ts';

const handlers: Readonly<Record<string, RequestHandler>> = {
  addSheet,
  deleteSheet,
  updateSheetProperties,
  updateSpreadsheetProperties,
  insertDimension,
  appendDimension,
  deleteDimension,
  updateDimensionProperties,
  updateCells,
  repeatCell,
  copyPaste,
  addConditionalFormatRule,
  deleteConditionalFormatRule,
  addChart,
  updateChartSpec,
  deleteEmbeddedObject,
  createDeveloperMetadata,
  updateDeveloperMetadata,
  deleteDeveloperMetadata,
};

export interface BatchUpdateResult {
  readonly state: SpreadsheetState;
  readonly replies: readonly Json[];
}

/**
 * `spreadsheets.batchUpdate`: applies every request to a copy of the state; any invalid request
 * fails the whole batch and the original state stays as it was (Google applies batches atomically).
 */
export function applyBatchUpdate(
  original: SpreadsheetState,
  body: unknown,
  context: HandlerContext & { readonly cellLimit: number },
): BatchUpdateResult {
  const { requests } = parseOrInvalid(() => batchUpdateBodySchema.parse(body), 'Invalid batchUpdate body');
  const state = cloneSpreadsheet(original);
  const replies = requests.map((request, index) => {
    const names = Object.keys(request);
    const [name] = names;
    const handler = name === undefined ? undefined : handlers[name];
    const payload = name === undefined ? undefined : request[name];
    if (names.length !== 1 || !handler || !isJsonObject(payload)) {
      throw ApiError.invalid(`Invalid JSON payload received. Unknown name "${names.join(',')}" at 'requests[${index}]': Cannot find field.`);
    }
    const cellsBefore = totalCells(state);
    const reply = parseOrInvalid(() => handler(state, payload, context), `Invalid requests[${index}].${name}`);
    if (totalCells(state) > context.cellLimit && totalCells(state) > cellsBefore) {
      throw ApiError.invalid(
        `Invalid requests[${index}].${name}: This action would increase the number of cells in the workbook above the limit of ${context.cellLimit} cells.`,
      );
    }
    return reply;
  });
  return { state, replies };
}

/** Runs a step, turning validation failures into Google-style 400s that name the request. */
export function parseOrInvalid<T>(step: () => T, prefix: string): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      throw ApiError.invalid(`${prefix}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
    }
    if (error instanceof ApiError && error.httpStatus === 400 && !error.message.startsWith('Invalid requests[')) {
      throw ApiError.invalid(`${prefix}: ${error.message}`);
    }
    throw error;
  }
}
