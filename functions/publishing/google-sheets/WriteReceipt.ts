import type { sheets_v4 } from '@googleapis/sheets';
import type { IdAllocator } from './IdAllocator.ts';
import { METADATA_KEYS } from './managedTabRecord.ts';
import type { SheetsGateway } from './SheetsGateway.ts';

/**
 * Makes batchUpdates safe to resend. Each batch also writes a unique value into one
 * spreadsheet-level metadata entry; when a batch gets no answer (timeout, dropped connection,
 * 5xx) one cheap read tells whether it was applied, and it is only resent if it was not.
 * Resending an applied batch would fail (its new tab ids exist) or act twice.
 */
export class WriteReceipt {
  private readonly gateway: SheetsGateway;
  private readonly metadataId: number;
  private readonly runId: string;
  private exists: boolean;
  private sequence = 0;

  constructor(gateway: SheetsGateway, existingMetadataId: number | undefined, ids: IdAllocator, runId: string) {
    this.gateway = gateway;
    this.metadataId = existingMetadataId ?? ids.next();
    this.exists = existingMetadataId !== undefined;
    this.runId = runId;
  }

  /** Sends `requests` plus the receipt as one batchUpdate. */
  async batchUpdate(requests: readonly sheets_v4.Schema$Request[]): Promise<void> {
    this.sequence += 1;
    const value = `${this.runId}#${this.sequence}`;
    await this.gateway.batchUpdate([this.receiptRequest(value), ...requests], () => this.wasWritten(value));
    this.exists = true;
  }

  private receiptRequest(metadataValue: string): sheets_v4.Schema$Request {
    if (this.exists) {
      return {
        updateDeveloperMetadata: {
          dataFilters: [{ developerMetadataLookup: { metadataId: this.metadataId } }],
          developerMetadata: { metadataValue },
          fields: 'metadataValue',
        },
      };
    }
    return {
      createDeveloperMetadata: {
        developerMetadata: {
          metadataId: this.metadataId,
          metadataKey: METADATA_KEYS.writeReceipt,
          metadataValue,
          location: { spreadsheet: true },
          visibility: 'DOCUMENT',
        },
      },
    };
  }

  private async wasWritten(value: string): Promise<boolean> {
    const spreadsheet = await this.gateway.getSpreadsheet('developerMetadata(metadataId,metadataValue)');
    return (spreadsheet.developerMetadata ?? []).some(
      (metadata) => metadata.metadataId === this.metadataId && metadata.metadataValue === value,
    );
  }
}
