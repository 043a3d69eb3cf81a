import { ApiError } from './ApiError.ts';
import { requireSheet, resolveGridRange } from './gridRanges.ts';
import { isJsonObject, type Json, type JsonObject } from './json.ts';
import type { RequestHandler } from './RequestHandler.ts';
import {
  addChartSchema,
  addConditionalFormatRuleSchema,
  deleteConditionalFormatRuleSchema,
  deleteEmbeddedObjectSchema,
  gridRangeSchema,
  updateChartSpecSchema,
} from './requestSchemas.ts';
import type { EmbeddedChart, SheetState, SpreadsheetState } from './SpreadsheetState.ts';

export const addConditionalFormatRule: RequestHandler = (state, body) => {
  const { rule, index } = addConditionalFormatRuleSchema.parse(body);
  if ((rule.booleanRule === undefined) === (rule.gradientRule === undefined)) {
    throw ApiError.invalid('A conditional format rule needs exactly one of booleanRule and gradientRule.');
  }
  const sheetIds = new Set(rule.ranges.map((range) => range.sheetId));
  if (sheetIds.size > 1) throw ApiError.invalid('All ranges of a conditional format rule must be on the same sheet.');
  rule.ranges.forEach((range) => resolveGridRange(state, range));
  const sheet = requireSheet(state, rule.ranges[0]?.sheetId ?? 0);
  if (index > sheet.conditionalFormats.length) {
    throw ApiError.invalid(`Invalid index ${index}: the sheet has ${sheet.conditionalFormats.length} conditional format rules.`);
  }
  sheet.conditionalFormats.splice(index, 0, ruleJson(body));
  return {};
};

export const deleteConditionalFormatRule: RequestHandler = (state, body) => {
  const { sheetId, index } = deleteConditionalFormatRuleSchema.parse(body);
  const sheet = requireSheet(state, sheetId);
  if (index >= sheet.conditionalFormats.length) {
    throw ApiError.invalid(`No conditional format on sheet ${sheetId} at index ${index}`);
  }
  sheet.conditionalFormats.splice(index, 1);
  return {};
};

export const addChart: RequestHandler = (state, body, context) => {
  const { chart } = addChartSchema.parse(body);
  const chartId = chart.chartId ?? context.newId();
  if (findChart(state, chartId)) throw ApiError.invalid(`An embedded object with id ${chartId} already exists.`);
  const anchorSheetId = chart.position.overlayPosition?.anchorCell.sheetId ?? chart.position.sheetId;
  if (anchorSheetId === undefined) throw ApiError.notEmulated('charts on their own sheet (newSheet)');
  const anchor = requireSheet(state, anchorSheetId);
  assertSourcesExist(state, chart.spec);
  const added: EmbeddedChart = { chartId, spec: chart.spec, position: positionJson(body) };
  anchor.charts.push(added);
  return { addChart: { chart: { chartId, spec: added.spec, position: added.position } } };
};

export const updateChartSpec: RequestHandler = (state, body) => {
  const { chartId, spec } = updateChartSpecSchema.parse(body);
  const found = findChart(state, chartId);
  if (!found) throw ApiError.invalid(`No chart with id: ${chartId}`);
  assertSourcesExist(state, spec);
  found.chart.spec = spec;
  return {};
};

export const deleteEmbeddedObject: RequestHandler = (state, body) => {
  const { objectId } = deleteEmbeddedObjectSchema.parse(body);
  const found = findChart(state, objectId);
  if (!found) throw ApiError.invalid(`No embedded object with id: ${objectId}`);
  found.sheet.charts = found.sheet.charts.filter((chart) => chart.chartId !== objectId);
  return {};
};

function findChart(state: SpreadsheetState, chartId: number): { sheet: SheetState; chart: EmbeddedChart } | undefined {
  for (const sheet of state.sheets) {
    const chart = sheet.charts.find((candidate) => candidate.chartId === chartId);
    if (chart) return { sheet, chart };
  }
  return undefined;
}

/** Every `sources` GridRange in a chart spec must point at an existing sheet and lie inside its grid. */
function assertSourcesExist(state: SpreadsheetState, spec: Json): void {
  if (Array.isArray(spec)) {
    spec.forEach((item: Json) => assertSourcesExist(state, item));
    return;
  }
  if (!isJsonObject(spec)) return;
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'sources' && Array.isArray(value)) {
      value.forEach((source: Json) => resolveGridRange(state, gridRangeSchema.parse(source)));
    } else {
      assertSourcesExist(state, value);
    }
  }
}

function ruleJson(body: JsonObject): JsonObject {
  const rule = body['rule'];
  if (!isJsonObject(rule ?? null)) throw ApiError.invalid('rule is required.');
  return rule as JsonObject;
}

function positionJson(body: JsonObject): JsonObject {
  const chart = body['chart'];
  const position = isJsonObject(chart ?? null) ? (chart as JsonObject)['position'] : undefined;
  return isJsonObject(position ?? null) ? (position as JsonObject) : {};
}
