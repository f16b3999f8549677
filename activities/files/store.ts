import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where attachment bytes live, content-addressed: a file's key is its sha256, so identical bytes are kept once.
 * An upload is staged first (`stage`), then either kept (`keep`: moved into place under its hash) or dropped
 * (`drop`): nothing half-written ever sits under a key.
 */
export interface FileStore {
  /** Writes `body` to a staging place, counting and hashing it; fails with `body`'s error (nothing is left then). */
  stage(body: Readable): Promise<Staged>;
  /** Reads the stored file under `key`. */
  open(key: string): Promise<Readable>;
  /** Whether a file is stored under `key`. */
  has(key: string): Promise<boolean>;
}

export interface Staged {
  size: number;
  /** The first bytes (up to HEAD_BYTES), to tell what the file is. */
  head: Buffer;
  sha256: string;
  /** Moves the staged bytes under their hash (once: identical bytes already stored are not written again). */
  keep(): Promise<string>;
  /** Removes the staged bytes. */
  drop(): Promise<void>;
}

/** How many leading bytes a staged file keeps in `head`. */
export const HEAD_BYTES = 4100;

export interface Measured {
  size: number;
  hash: ReturnType<typeof createHash>;
  head: Buffer[];
}

export const measured = (): Measured => ({ size: 0, hash: createHash('sha256'), head: [] });

/** Counts and hashes what passes through and keeps its first bytes, as a transform generator for `pipeline`. */
export function measure(into: Measured) {
  return async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      if (into.size < HEAD_BYTES) into.head.push(chunk.subarray(0, HEAD_BYTES - into.size));
      into.size += chunk.length;
      into.hash.update(chunk);
      yield chunk;
    }
  };
}

const keyPattern = /^[0-9a-f]{64}$/;

/** The directory store (FILE_STORE=dir): `<root>/<ab>/<sha256>`, staged in `<root>/.staging`. */
export function directoryStore(root: string): FileStore {
  const staging = path.join(root, '.staging');
  const fileOf = (key: string) => {
    if (!keyPattern.test(key)) throw new Error(`not a file key: ${key}`);
    return path.join(root, key.slice(0, 2), key);
  };
  return {
    async stage(body) {
      await mkdir(staging, { recursive: true });
      const temp = path.join(staging, `${Date.now()}-${randomBytes(8).toString('hex')}`);
      const counted = measured();
      try {
        await pipeline(body, measure(counted), createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
      const sha256 = counted.hash.digest('hex');
      return {
        size: counted.size,
        head: Buffer.concat(counted.head),
        sha256,
        async keep() {
          const target = fileOf(sha256);
          if (await exists(target)) {
            await rm(temp, { force: true });
          } else {
            await mkdir(path.dirname(target), { recursive: true });
            await rename(temp, target);
          }
          return sha256;
        },
        drop: () => rm(temp, { force: true }),
      };
    },
    async open(key) {
      const file = fileOf(key);
      await stat(file);
      return createReadStream(file);
    },
    has: (key) => exists(fileOf(key)),
  };
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );
