// zod/mini keeps the publishing path small in the Lambda bundle.
import * as z from 'zod/mini';

/**
 * Developer-metadata keys the sink owns. Metadata is attached to the sheet id, so it survives
 * renames and moves and tells our tabs from the users' tabs. Visibility is DOCUMENT so a key from
 * another Google Cloud project (a rotated service account) still recognises the tabs.
 */
export const METADATA_KEYS = {
  /** On each published tab: a {@link ManagedTabRecord}. */
  managedTab: 'segment-sheets.managed-tab',
  /** On hidden staging tabs: the run id that created them. */
  stagingTab: 'segment-sheets.staging-tab',
  /** On the spreadsheet: the last write of the current run, to tell whether an unanswered write happened. */
  writeReceipt: 'segment-sheets.write-receipt',
} as const;

/** Title prefix of staging tabs (they are also marked with metadata). */
export const STAGING_TITLE_PREFIX = '~segment-sheets staging ';

const managedTabRecordSchema = z.object({
  v: z.literal(1),
  /** The model's tab name: the identity of the tab, whatever users renamed it to. */
  tab: z.string(),
  runId: z.string(),
  /** Columns the product owns, from A; columns to their right belong to users. */
  width: z.int().check(z.minimum(1)),
  height: z.int().check(z.minimum(0)),
  blocks: z.array(
    z.object({
      firstDataRow: z.int().check(z.minimum(0)),
      rowCount: z.int().check(z.minimum(0)),
      keys: z.array(z.string()),
    }),
  ),
  charts: z.array(z.object({ title: z.string(), chartId: z.int() })),
  /** Formulas of the conditional-colour rules we added, to find and replace them next run. */
  colourFormulas: z.array(z.string()),
});

/** What a managed tab's metadata records about the last publish into it. */
export type ManagedTabRecord = z.infer<typeof managedTabRecordSchema>;

export function encodeManagedTabRecord(record: ManagedTabRecord): string {
  return JSON.stringify(record);
}

/** The record, or `undefined` when the value is not one (damaged or from an unknown version). */
export function decodeManagedTabRecord(value: string | null | undefined): ManagedTabRecord | undefined {
  if (!value) return undefined;
  try {
    const parsed = managedTabRecordSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
