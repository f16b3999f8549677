import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Config } from '../../config/schema';
import { measure, measured, type FileStore } from './store';

export interface S3StoreOptions {
  client: S3Client;
  bucket: string;
  /** Key prefix of the stored files (default `attachments/`); staging uploads go under `<prefix>.staging/`. */
  prefix?: string;
}

const keyPattern = /^[0-9a-f]{64}$/;

/**
 * The S3-compatible store (FILE_STORE=s3): each file under `<prefix><sha256>`. An upload streams to a staging key
 * (a multipart upload beyond 5 MB, aborted when the upload fails), is copied under its hash only once complete and
 * verified, and the staging object is deleted: a reader never sees a half-written file.
 */
export function s3Store({ client, bucket, prefix = 'attachments/' }: S3StoreOptions): FileStore {
  const objectKey = (key: string) => {
    if (!keyPattern.test(key)) throw new Error(`not a file key: ${key}`);
    return `${prefix}${key}`;
  };
  const has = async (key: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      return true;
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (err as Error).name === 'NotFound') return false;
      throw err;
    }
  };
  const remove = (key: string) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  return {
    async stage(body) {
      const staging = `${prefix}.staging/${Date.now()}-${randomBytes(8).toString('hex')}`;
      const counted = measured();
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: staging, Body: Readable.from(measure(counted)(body)) },
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (err) {
        await remove(staging).catch(() => undefined);
        throw err;
      }
      const sha256 = counted.hash.digest('hex');
      return {
        size: counted.size,
        head: Buffer.concat(counted.head),
        sha256,
        async keep() {
          if (!(await has(sha256))) {
            await client.send(
              new CopyObjectCommand({ Bucket: bucket, Key: objectKey(sha256), CopySource: `${bucket}/${staging}` }),
            );
          }
          await remove(staging);
          return sha256;
        },
        drop: async () => {
          await remove(staging);
        },
      };
    },
    async open(key) {
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      return got.Body as Readable;
    },
    has,
  };
}

/** `KEY=value` lines of S3_CREDENTIALS_FILE. */
function credentialsFile(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((line) => /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line))
      .flatMap((m) => (m ? [[m[1], m[2]]] : [])),
  );
}

/** The store of FILE_STORE=s3 from the configuration; credentials from S3_* (or its file), else the SDK's chain. */
export function s3StoreOf(config: Config): FileStore {
  const fromFile = config.S3_CREDENTIALS_FILE ? credentialsFile(config.S3_CREDENTIALS_FILE) : {};
  const accessKeyId = config.S3_ACCESS_KEY_ID ?? fromFile.S3_ACCESS_KEY_ID;
  const secretAccessKey = config.S3_SECRET_ACCESS_KEY ?? fromFile.S3_SECRET_ACCESS_KEY;
  const client = new S3Client({
    region: config.S3_REGION,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
  });
  return s3Store({ client, bucket: config.S3_BUCKET ?? '' });
}
