import { ListObjectsV2Command, type S3Client, type _Object } from '@aws-sdk/client-s3';
import { UserError } from '../../runtime/UserError.ts';
import { asFolderPrefix, formatS3Url, type S3Location } from './S3Location.ts';
import { describeS3Failure } from './s3Failure.ts';

/** One data file of an export. */
export interface ExportObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
}

/** The export a run reads: the newest `dt=` partition, or else the newest object. */
export type LatestExport =
  | {
      readonly layout: 'dt-partitions';
      readonly bucket: string;
      /** Partition value, `YYYY-MM-DD`. */
      readonly dt: string;
      /** Every data file of the partition, in key order. */
      readonly objects: readonly ExportObject[];
    }
  | {
      readonly layout: 'latest-object';
      readonly bucket: string;
      /** The newest data file under the prefix (the only element). */
      readonly objects: readonly [ExportObject];
    };

const PARTITION_FOLDER = /(?:^|\/)dt=(\d{4}-\d{2}-\d{2})\/$/;

/**
 * Finds the export to read under a prefix. When the prefix holds Hive-style `dt=YYYY-MM-DD/`
 * folders, the newest folder that contains data wins (an empty or still-empty newest folder
 * falls back to the one before); otherwise the newest object anywhere under the prefix wins
 * (ties go to the greater key). `layout` forces one of the two readings; by default
 * (`'auto'`) folders win when there are any. Keys whose file name starts with `_` or `.` (`_SUCCESS`,
 * `.crc`) and empty objects are ignored, as Athena ignores them.
 *
 * Errors a user can fix (no export, no bucket, no permission) are {@link UserError}s.
 *
 * @example
 * ```ts
 * const latest = await findLatestExport(s3, parseS3Url('s3://exports/orders/'));
 * if (latest.layout === 'dt-partitions') console.log(latest.dt, latest.objects.length);
 * ```
 */
export async function findLatestExport(
  s3: S3Client,
  where: S3Location,
  layout: 'auto' | LatestExport['layout'] = 'auto',
): Promise<LatestExport> {
  const prefix = asFolderPrefix(where.key);
  const url = formatS3Url({ bucket: where.bucket, key: prefix });
  try {
    const top = await listAll(s3, where.bucket, prefix, '/');
    const partitions = (layout === 'latest-object' ? [] : top.folders)
      .map((folder) => ({ folder, dt: PARTITION_FOLDER.exec(folder)?.[1] }))
      .filter((p): p is { folder: string; dt: string } => p.dt !== undefined)
      .sort((a, b) => (a.dt < b.dt ? 1 : a.dt > b.dt ? -1 : 0));
    for (const partition of partitions) {
      const objects = (await listAll(s3, where.bucket, partition.folder)).objects.filter(isDataFile);
      if (objects.length > 0) {
        return {
          layout: 'dt-partitions',
          bucket: where.bucket,
          dt: partition.dt,
          objects: objects.map(toExportObject).sort((a, b) => (a.key < b.key ? -1 : 1)),
        };
      }
    }
    if (partitions.length === 0 && layout !== 'dt-partitions') {
      // Without sub-folders the first listing already holds every object.
      const listed = top.folders.length === 0 ? top.objects : (await listAll(s3, where.bucket, prefix)).objects;
      const objects = listed.filter(isDataFile).map(toExportObject);
      const newest = objects.reduce<ExportObject | undefined>((best, o) => (best === undefined || isNewer(o, best) ? o : best), undefined);
      if (newest) return { layout: 'latest-object', bucket: where.bucket, objects: [newest] };
    }
  } catch (error) {
    throw describeS3Failure(error, 'list', url);
  }
  const expected =
    layout === 'dt-partitions' ? 'dt=YYYY-MM-DD/ folders with files' : layout === 'latest-object' ? 'files' : 'dt=YYYY-MM-DD/ folders with files, or files';
  throw new UserError(`no export found under ${url} (expected ${expected})`);
}

function isNewer(candidate: ExportObject, best: ExportObject): boolean {
  const difference = candidate.lastModified.getTime() - best.lastModified.getTime();
  return difference > 0 || (difference === 0 && candidate.key > best.key);
}

function isDataFile(object: _Object): boolean {
  const key = object.Key ?? '';
  const fileName = key.slice(key.lastIndexOf('/') + 1);
  return fileName !== '' && !fileName.startsWith('_') && !fileName.startsWith('.') && (object.Size ?? 0) > 0;
}

function toExportObject(object: _Object): ExportObject {
  return { key: object.Key ?? '', size: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0) };
}

async function listAll(
  s3: S3Client,
  bucket: string,
  prefix: string,
  delimiter?: string,
): Promise<{ folders: string[]; objects: _Object[] }> {
  const folders: string[] = [];
  const objects: _Object[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: delimiter, ContinuationToken: token }),
    );
    for (const common of page.CommonPrefixes ?? []) if (common.Prefix) folders.push(common.Prefix);
    objects.push(...(page.Contents ?? []));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return { folders, objects };
}
