/**
 * Measures publishing against the emulator: write requests and wall time for the demo-sized model
 * (16 tabs, ~5,000 customers) and the requests for a 100,000-row tab. Wall time here is the
 * sink's and the emulator's CPU time on this machine; on Google each request adds network and
 * server time (seconds for the larger ones).
 *
 * Run: export PATH=/work/main/node_modules/.bin:$PATH && node test/google-sheets/measurePublish.ts
 */
import type { SheetModel } from '../../functions/publishing/SheetModel.ts';
import { startHarness } from './support/harness.ts';
import { largeTabModel } from './support/largeTabModel.ts';
import { buildDemoModel } from './support/sheetModels.ts';

async function measure(label: string, models: readonly SheetModel[]): Promise<void> {
  const harness = await startHarness({ maxPayloadBytes: 1_500_000 });
  const sink = harness.sink({ requestTimeoutMs: 120_000 });
  for (const [index, model] of models.entries()) {
    const firstCall = harness.emulator.callCount;
    const started = performance.now();
    const report = await sink.publish(model);
    const wallMs = performance.now() - started;
    const calls = harness.emulator.calls.slice(firstCall);
    const writes = calls.filter((call) => call.route === 'batchUpdate' || call.route === 'values.batchUpdate');
    const rows = model.tabs.reduce((sum, tab) => sum + tab.blocks.reduce((blockSum, block) => blockSum + block.rows.length, 0), 0);
    console.log(
      `${label}, publish ${index + 1}: ${model.tabs.length} tabs, ${rows.toLocaleString('en-US')} rows, ${report.cells.toLocaleString('en-US')} cells → ` +
        `${report.writeRequests} write requests (${writes.map((call) => `${call.route} ${(call.bytes / 1024).toFixed(0)} KiB`).join(', ')}), ` +
        `${report.readRequests} reads, ${wallMs.toFixed(0)} ms wall`,
    );
  }
  await harness.emulator.close();
}

await measure('demo model', [buildDemoModel(1), buildDemoModel(2)]);
await measure('100,000-row tab', [largeTabModel(100_000), largeTabModel(100_000)]);
