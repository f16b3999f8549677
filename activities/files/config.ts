import path from 'node:path';
import type { Config } from '../../config/schema';
import { fromProject } from '../../config/paths';
import { directoryStore, type FileStore } from './store';

/** The attachments' store and limits, as the API takes them (`AppDeps.files`). */
export interface Files {
  store: FileStore;
  /** Largest file in bytes (FILE_MAX_BYTES). */
  maxBytes: number;
  /** Most files an object takes for one purpose (FILE_MAX_PER_STEP). */
  maxPerStep: number;
}

/** The configured store: the directory one (FILE_DIR, default `files` in DATA_DIR) or the S3-compatible one. */
export function filesOf(config: Config): Files {
  const limits = { maxBytes: config.FILE_MAX_BYTES, maxPerStep: config.FILE_MAX_PER_STEP };
  if (config.FILE_STORE === 's3') {
    // Loaded only when configured: the directory store needs no AWS SDK at start-up.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { s3StoreOf } = require('./s3-store') as typeof import('./s3-store');
    return { store: s3StoreOf(config), ...limits };
  }
  const root = config.FILE_DIR ? fromProject(config.FILE_DIR) : path.join(fromProject(config.DATA_DIR), 'files');
  return { store: directoryStore(root), ...limits };
}
