import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type ColumnInfo,
  type StartQueryExecutionCommandInput,
} from '@aws-sdk/client-athena';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import type { InMemoryBucket } from './InMemoryBucket.ts';

/** How the fake answers one statement. */
export interface ScriptedAnswer {
  readonly statementType?: 'DML' | 'DDL' | 'UTILITY';
  readonly substatementType?: string;
  readonly dataScannedBytes?: number;
  /** Result columns and rows; the rows are written as Athena's result CSV into the results bucket. */
  readonly columns?: readonly ColumnInfo[];
  readonly rows?: readonly (readonly (string | null)[])[];
  readonly fail?: string;
}

/**
 * An Athena client stub that answers every statement at once (SUCCEEDED unless told otherwise),
 * keeps the statements in order, and writes SELECT results as Athena does: a CSV in the results
 * bucket, every value quoted, NULL as an empty field, plus the column metadata.
 */
export class ScriptedAthena {
  readonly client = new AthenaClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  readonly stub: AwsClientStub<AthenaClient>;
  readonly started: StartQueryExecutionCommandInput[] = [];
  private readonly answers = new Map<string, ScriptedAnswer>();

  constructor(results: InMemoryBucket, answer: (sql: string) => ScriptedAnswer) {
    this.stub = mockClient(this.client);
    this.stub.on(StartQueryExecutionCommand).callsFake((input: StartQueryExecutionCommandInput) => {
      this.started.push(input);
      const id = `q-${this.started.length}`;
      const scripted = answer(input.QueryString ?? '');
      this.answers.set(id, scripted);
      if (scripted.columns) {
        const quote = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);
        const lines = [scripted.columns.map((c) => quote(c.Name ?? '')), ...(scripted.rows ?? []).map((r) => r.map(quote))];
        results.putObject(`query-results/${id}.csv`, lines.map((l) => `${l.join(',')}\n`).join(''));
      }
      return { QueryExecutionId: id };
    });
    this.stub.on(GetQueryExecutionCommand).callsFake((input: { QueryExecutionId?: string }) => {
      const id = input.QueryExecutionId ?? '';
      const scripted = this.answers.get(id) ?? {};
      return {
        QueryExecution: {
          QueryExecutionId: id,
          Status: scripted.fail ? { State: 'FAILED', StateChangeReason: scripted.fail } : { State: 'SUCCEEDED' },
          StatementType: scripted.statementType ?? 'DML',
          SubstatementType: scripted.substatementType,
          Statistics: { DataScannedInBytes: scripted.dataScannedBytes ?? 0 },
          ResultConfiguration: { OutputLocation: `s3://${results.bucket}/query-results/${id}.csv` },
        },
      };
    });
    this.stub.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId?: string }) => ({
      ResultSet: { ResultSetMetadata: { ColumnInfo: [...(this.answers.get(input.QueryExecutionId ?? '')?.columns ?? [])] }, Rows: [] },
    }));
  }

  statements(): string[] {
    return this.started.map((s) => s.QueryString ?? '');
  }
}
