import type { Json, JsonObject } from './json.ts';
import type { SpreadsheetState } from './SpreadsheetState.ts';

export interface HandlerContext {
  /** A fresh positive id for sheets, charts and metadata that the request did not number itself. */
  newId(): number;
}

/** Applies one batchUpdate request to the (copied) state and returns its reply (`{}` when none). */
export type RequestHandler = (state: SpreadsheetState, body: JsonObject, context: HandlerContext) => Json;
