import { z } from 'zod';
import { ApiError } from './ApiError.ts';
import { parseFieldMask } from './fieldMask.ts';
import { requireSheet } from './gridRanges.ts';
import type { RequestHandler } from './RequestHandler.ts';
import {
  createDeveloperMetadataSchema,
  dataFilterSchema,
  deleteDeveloperMetadataSchema,
  updateDeveloperMetadataSchema,
} from './requestSchemas.ts';
import { developerMetadataJson } from './spreadsheetJson.ts';
import type { DeveloperMetadata, MetadataLocation, SpreadsheetState } from './SpreadsheetState.ts';

export const createDeveloperMetadata: RequestHandler = (state, body, context) => {
  const { developerMetadata: input } = createDeveloperMetadataSchema.parse(body);
  const metadataId = input.metadataId ?? context.newId();
  if (state.developerMetadata.some((metadata) => metadata.metadataId === metadataId)) {
    throw ApiError.invalid(`Developer metadata with id ${metadataId} already exists.`);
  }
  const created: DeveloperMetadata = {
    metadataId,
    metadataKey: input.metadataKey,
    ...(input.metadataValue !== undefined && { metadataValue: input.metadataValue }),
    visibility: input.visibility,
    location: location(state, input.location),
  };
  state.developerMetadata.push(created);
  return { createDeveloperMetadata: { developerMetadata: developerMetadataJson(created) } };
};

export const updateDeveloperMetadata: RequestHandler = (state, body) => {
  const request = updateDeveloperMetadataSchema.parse(body);
  const fields = parseFieldMask(request.fields).map((path) => path.join('.'));
  const unsupported = fields.find((field) => !['metadataKey', 'metadataValue', 'visibility'].includes(field));
  if (unsupported) throw ApiError.notEmulated(`updating developer metadata field "${unsupported}"`);
  const matched = state.developerMetadata.filter((metadata) => request.dataFilters.some((filter) => matches(metadata, filter)));
  if (matched.length === 0) throw ApiError.invalid('No developer metadata matches the given data filters.');
  for (const metadata of matched) {
    if (fields.includes('metadataKey')) {
      if (request.developerMetadata.metadataKey === undefined) throw ApiError.invalid('metadataKey cannot be cleared.');
      metadata.metadataKey = request.developerMetadata.metadataKey;
    }
    if (fields.includes('metadataValue')) {
      if (request.developerMetadata.metadataValue === undefined) delete metadata.metadataValue;
      else metadata.metadataValue = request.developerMetadata.metadataValue;
    }
    if (fields.includes('visibility') && request.developerMetadata.visibility !== undefined) {
      metadata.visibility = request.developerMetadata.visibility;
    }
  }
  return { updateDeveloperMetadata: { developerMetadata: matched.map(developerMetadataJson) } };
};

export const deleteDeveloperMetadata: RequestHandler = (state, body) => {
  const { dataFilter } = deleteDeveloperMetadataSchema.parse(body);
  const deleted = state.developerMetadata.filter((metadata) => matches(metadata, dataFilter));
  state.developerMetadata = state.developerMetadata.filter((metadata) => !deleted.includes(metadata));
  return { deleteDeveloperMetadata: { deletedDeveloperMetadata: deleted.map(developerMetadataJson) } };
};

function location(
  state: SpreadsheetState,
  input: z.infer<typeof createDeveloperMetadataSchema>['developerMetadata']['location'],
): MetadataLocation {
  if (input.dimensionRange !== undefined) throw ApiError.notEmulated('row or column developer metadata');
  if (input.spreadsheet === true && input.sheetId === undefined) return { spreadsheet: true };
  if (input.sheetId !== undefined && input.spreadsheet === undefined) {
    requireSheet(state, input.sheetId);
    return { sheetId: input.sheetId };
  }
  throw ApiError.invalid('A metadata location needs exactly one of spreadsheet and sheetId.');
}

function matches(metadata: DeveloperMetadata, filter: z.infer<typeof dataFilterSchema>): boolean {
  const lookup = filter.developerMetadataLookup;
  const locationType = 'spreadsheet' in metadata.location ? 'SPREADSHEET' : 'SHEET';
  const sheetId = 'sheetId' in metadata.location ? metadata.location.sheetId : undefined;
  return (
    (lookup.metadataId === undefined || lookup.metadataId === metadata.metadataId) &&
    (lookup.metadataKey === undefined || lookup.metadataKey === metadata.metadataKey) &&
    (lookup.metadataValue === undefined || lookup.metadataValue === metadata.metadataValue) &&
    (lookup.visibility === undefined || lookup.visibility === metadata.visibility) &&
    (lookup.locationType === undefined || lookup.locationType === locationType) &&
    (lookup.metadataLocation?.sheetId === undefined || lookup.metadataLocation.sheetId === sheetId)
  );
}
