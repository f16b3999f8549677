import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { fromProject } from '../../config/paths';
import * as workflows from '../../workflows';
import { historyFromText } from '../support/history-json';

/**
 * Replays every committed history (test/histories/<workflowType>/<scenario>.json, recorded from the workflow tests by
 * `npm run record:histories`) against the current workflow code. A change that would break a running workflow (an
 * activity, timer or child added, removed or moved without `patched()`) fails here, naming the file.
 */
const root = fromProject('test/histories');
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('replaying the recorded histories against the current workflow code', () => {
  const results = new Map<string, ReplayResult>();

  beforeAll(async () => {
    // One replay worker for all files; the file name goes in as the workflow id and comes back with its result.
    const histories = files.map((file) => ({
      workflowId: file,
      history: historyFromText(readFileSync(join(root, file), 'utf8')),
    }));
    for await (const result of Worker.runReplayHistories(
      { workflowsPath: require.resolve('../../workflows') },
      histories,
    )) {
      results.set(result.workflowId, result);
    }
  }, 180_000);

  it('has a history of every workflow type the worker registers', () => {
    const recorded = new Set(files.map((f) => f.split(/[\\/]/)[0]));
    expect(Object.keys(workflows).filter((type) => !recorded.has(type))).toEqual([]);
  });

  it.each(files)('%s replays without a determinism error', (file) => {
    const result = results.get(file);
    if (!result) throw new Error(`${file}: not replayed`);
    if (result.error) throw new Error(`${file}: ${result.error.name}: ${result.error.message}`);
  });
});
