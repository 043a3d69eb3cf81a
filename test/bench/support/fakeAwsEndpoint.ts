import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local endpoint standing in for S3, Athena and Secrets Manager, and what it was asked. */
export interface FakeAwsEndpoint {
  /** `http://127.0.0.1:<port>`: an IP address, so the S3 client addresses buckets path-style. */
  readonly url: string;
  /** `<method> <path>` or `<method> <X-Amz-Target>` of every request, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * Just enough of S3, Athena and Secrets Manager for a job function's invocation to run up to its
 * first Athena query, which fails: every folder holds one `dt=` partition with one export file in
 * it, whose text `exportFiles` gives by the export's key prefix (e.g. `orders/` → its CSV header),
 * any other object is missing (NoSuchKey), every write is accepted; every secret holds
 * `secretString` (a function that publishes to Sheets reads its Google key before the job
 * starts); Athena refuses every request. The benchmark times that stretch of an
 * invocation (configuration, clients, the run marker, credentials, the first signed requests),
 * which is where cold-start work the bundle defers would surface, without the network.
 *
 * @example
 * ```ts
 * const endpoint = await startFakeAwsEndpoint();
 * // child environment: AWS_ENDPOINT_URL_S3 = AWS_ENDPOINT_URL_ATHENA = endpoint.url
 * await endpoint.close();
 * ```
 */
export async function startFakeAwsEndpoint(content: {
  /** Each export's file text by its key prefix, e.g. `orders/` → the CSV header. */
  readonly exportFiles?: ReadonlyMap<string, string>;
  /** What GetSecretValue returns for any secret. */
  readonly secretString?: string;
} = {}): Promise<FakeAwsEndpoint> {
  const exportFiles = content.exportFiles ?? new Map<string, string>();
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      requests.push(`${request.method} ${typeof target === 'string' ? target : request.url}`);
      if (target === 'secretsmanager.GetSecretValue') {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:bench', Name: 'bench', SecretString: content.secretString ?? '' }));
      } else if (typeof target === 'string') {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ __type: 'InvalidRequestException', Message: 'the benchmark runs no queries' }));
      } else if (request.method === 'GET' && request.url?.includes('list-type=2')) {
        const query = new URL(request.url, 'http://localhost').searchParams;
        const prefix = query.get('prefix') ?? '';
        // Listed by folder: one dt= partition; inside it, one file.
        const listed = query.has('delimiter')
          ? `<CommonPrefixes><Prefix>${prefix}dt=2024-05-06/</Prefix></CommonPrefixes>`
          : `<Contents><Key>${prefix}export.csv</Key><Size>1000</Size><LastModified>2024-05-06T00:00:00.000Z</LastModified></Contents>`;
        response.writeHead(200, { 'content-type': 'application/xml' });
        response.end(`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>${listed}</ListBucketResult>`);
      } else if (request.method === 'GET' && exportFile(request.url) !== undefined) {
        response.writeHead(200, { 'content-type': 'text/csv' });
        response.end(exportFile(request.url));
      } else if (request.method === 'GET' || request.method === 'HEAD') {
        response.writeHead(404, { 'content-type': 'application/xml' });
        response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
      } else {
        response.writeHead(200, { etag: '"0"', 'content-type': 'application/xml' });
        response.end(request.url?.includes('delete') ? '<?xml version="1.0" encoding="UTF-8"?><DeleteResult></DeleteResult>' : '');
      }
    });
  });
  // Path-style URLs: /<bucket>/<prefix>dt=…/export.csv
  function exportFile(url: string | undefined): string | undefined {
    const key = decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname).split('/').slice(2).join('/');
    const prefix = key.replace(/dt=[^/]+\/export\.csv$/, '');
    return prefix === key ? undefined : exportFiles.get(prefix);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
